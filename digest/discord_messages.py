"""The digest as Discord webhook messages: Markdown `content` of at most 2,000 characters each,
split between paragraphs (a section never splits unless it alone is too long, then between items),
mentions disabled and link previews suppressed."""

from __future__ import annotations

from digest.markdown import blocks
from digest.outline import outline

CONTENT_LIMIT = 2000  # Discord: "up to 2000 characters" of content
SUPPRESS_EMBEDS = 1 << 2  # no link preview cards under a digest


def messages(digest: dict) -> list[dict]:
    return [_payload(content) for content in pack(blocks(outline(digest)), CONTENT_LIMIT)]


def _payload(content: str) -> dict:
    return {"content": content, "allowed_mentions": {"parse": []}, "flags": SUPPRESS_EMBEDS}


def pack(paragraphs: list[str], limit: int) -> list[str]:
    """Paragraphs joined by blank lines into as few chunks of at most `limit` characters as
    possible, in order; a paragraph longer than `limit` is split between lines."""
    chunks: list[str] = []
    for paragraph in paragraphs:
        for piece in _fit(paragraph, limit):
            if chunks and len(chunks[-1]) + 2 + len(piece) <= limit:
                chunks[-1] += "\n\n" + piece
            else:
                chunks.append(piece)
    return chunks


def _fit(paragraph: str, limit: int) -> list[str]:
    if len(paragraph) <= limit:
        return [paragraph]
    pieces: list[str] = []
    for line in paragraph.split("\n"):
        line = line if len(line) <= limit else line[: limit - 1] + "…"
        if pieces and len(pieces[-1]) + 1 + len(line) <= limit:
            pieces[-1] += "\n" + line
        else:
            pieces.append(line)
    return pieces
