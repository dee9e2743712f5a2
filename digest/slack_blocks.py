"""The digest as Slack incoming-webhook messages: Block Kit `section` blocks in mrkdwn, with the
title as the `text` fallback. A section's text stays within 3,000 characters and a message
within 50 blocks; a longer digest goes out as several messages."""

from __future__ import annotations

from digest import inert
from digest.outline import Line, Link, Text, outline

BLOCKS_LIMIT = 50  # per message
SECTION_LIMIT = 3000  # characters of a section block's text
HEADER_LIMIT = 150  # characters of the title (a header block's limit, kept for notifications)


def render_line(line: Line) -> str:
    out = []
    for span in line:
        if isinstance(span, Text):  # ours: escaped only, its spaces and length kept
            out.append(inert.slack_entities(span.text))
        elif isinstance(span, Link) and inert.safe_url(span.url):
            out.append(f"<{inert.safe_url(span.url)}|{inert.slack(span.label)}>")
        else:
            out.append(inert.slack(span.label if isinstance(span, Link) else span.text))
    return "".join(out)


def messages(digest: dict) -> list[dict]:
    doc = outline(digest)
    # the title is a bold mrkdwn line, not a header block: one escaping rule for all the text
    title = inert.slack(inert.one_line(doc.title, HEADER_LIMIT))
    blocks = _sections("\n".join([f"*{title}*", *(render_line(line) for line in doc.lines)]))
    for section in doc.sections:
        lines = [f"*{inert.slack(section.heading)}*"]
        lines += [f"• {render_line(item)}" for item in section.items]
        lines += [render_line(note) for note in section.notes]
        blocks += _sections("\n".join(lines))
    if doc.footer:
        blocks += _sections("\n".join(render_line(line) for line in doc.footer))
    chunks = [blocks[i : i + BLOCKS_LIMIT] for i in range(0, len(blocks), BLOCKS_LIMIT)]
    return [
        {"text": title, "blocks": chunk, "unfurl_links": False, "unfurl_media": False}
        for chunk in chunks
    ]


def _sections(text: str) -> list[dict]:
    """One mrkdwn section block per at most SECTION_LIMIT characters, split between lines; a line
    longer than a section is split between words, so every word arrives."""
    pieces: list[str] = []
    for line in (part for whole in text.split("\n") for part in _split_long(whole)):
        if pieces and len(pieces[-1]) + 1 + len(line) <= SECTION_LIMIT:
            pieces[-1] += "\n" + line
        else:
            pieces.append(line)
    return [{"type": "section", "text": {"type": "mrkdwn", "text": p}} for p in pieces if p]


def _split_long(line: str, limit: int = SECTION_LIMIT) -> list[str]:
    """A line in parts of at most `limit` characters, cut at the last space before the limit (a
    word longer than the limit is cut where it must be). A link (`<url|label>`) is never split
    unless it alone is longer than the limit."""
    parts = []
    while len(line) > limit:
        cut = line.rfind(" ", 0, limit + 1)
        opened = line.rfind("<", 0, cut)
        if cut > 0 and opened > line.rfind(">", 0, cut) and opened > 0:
            cut = line.rfind(" ", 0, opened + 1)  # keep the link whole: cut before it
        if cut <= 0:
            cut = limit
        parts.append(line[:cut].rstrip())
        line = line[cut:].lstrip()
    return [*parts, line]
