"""One entry point per output format of `onramp digest --format`."""

from __future__ import annotations

import json

from digest import html, markdown

FORMATS = ("markdown", "html", "json")


def render(digests: list[dict], fmt: str) -> str:
    if fmt == "markdown":
        return markdown.render_all(digests)
    if fmt == "html":
        return html.render_all(digests)
    if fmt == "json":
        return json.dumps(digests, indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f"unknown digest format {fmt!r}")
