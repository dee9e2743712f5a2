"""The digest as Markdown: a file to paste, the Drop-off page's download, and Discord's posts
(Discord reads the same headings, lists and `[label](url)` links)."""

from __future__ import annotations

from digest import inert
from digest.outline import Line, Link, Outline, Text, outline


def render_line(line: Line) -> str:
    out = []
    for span in line:
        if isinstance(span, Text):
            out.append(span.text)
        elif isinstance(span, Link) and inert.safe_url(span.url):
            out.append(f"[{inert.markdown(span.label)}]({inert.safe_url(span.url)})")
        else:
            out.append(inert.markdown(span.label if isinstance(span, Link) else span.text))
    return "".join(out)


def blocks(doc: Outline) -> list[str]:
    """The digest in paragraphs (a heading with its items stays together), for splitting posts."""
    parts = [f"## {inert.markdown(doc.title)}", "\n".join(render_line(line) for line in doc.lines)]
    for section in doc.sections:
        items = [f"- {render_line(item)}" for item in section.items]
        notes = [render_line(note) for note in section.notes]
        parts.append("\n".join([f"### {section.heading}", *items, *notes]))
    parts += [render_line(line) for line in doc.footer]
    return parts


def render(digest: dict) -> str:
    return "\n\n".join(blocks(outline(digest))) + "\n"


def render_all(digests: list[dict]) -> str:
    return "\n".join(render(d) for d in digests)
