"""The digest as a standalone HTML page (one section per project), for mail or an intranet."""

from __future__ import annotations

from html import escape

from digest import inert
from digest.outline import Line, Link, Text, outline

STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.45}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.4rem}"
)


def render_line(line: Line) -> str:
    out = []
    for span in line:
        if isinstance(span, Text):
            out.append(escape(span.text))
        elif isinstance(span, Link) and inert.safe_url(span.url):
            url = escape(inert.safe_url(span.url), quote=True)
            out.append(f'<a href="{url}" rel="nofollow noopener">{inert.html_text(span.label)}</a>')
        else:
            out.append(inert.html_text(span.label if isinstance(span, Link) else span.text))
    return "".join(out)


def render_section(digest: dict) -> str:
    doc = outline(digest)
    parts = [f"<section><h1>{inert.html_text(doc.title)}</h1>"]
    parts += [f"<p>{render_line(line)}</p>" for line in doc.lines]
    for section in doc.sections:
        parts.append(f"<h2>{escape(section.heading)}</h2><ul>")
        parts += [f"<li>{render_line(item)}</li>" for item in section.items]
        parts.append("</ul>")
        parts += [f"<p>{render_line(note)}</p>" for note in section.notes]
    parts += [f"<p>{render_line(line)}</p>" for line in doc.footer]
    parts.append("</section>")
    return "\n".join(parts)


def render_all(digests: list[dict]) -> str:
    body = "\n".join(render_section(d) for d in digests)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>On-ramp digest</title><style>{STYLE}</style></head>"
        f"<body>\n{body}\n</body></html>\n"
    )
