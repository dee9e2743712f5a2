"""Make strangers' text inert in each output: issue titles, model ids, thread names and display
names come from anyone, and must neither ping a server nor turn into a link or a heading.

- Markdown (files, the Drop-off download, Discord posts): every character Markdown or Discord
  gives a meaning (`[`, `]`, `<`, `>`, `@`, `*`, `_`, `~`, `` ` ``, `|`, `#`, `\\`, and a leading
  `1.` or `-`) is backslash-escaped, so `[x](y)` is no link, `<@123>` and `@everyone` no
  mention; `://` is broken with a zero-width space so a bare URL in a title is not linked.
  Discord posts also carry `allowed_mentions: {"parse": []}`.
- Slack mrkdwn: `&`, `<`, `>` become entities (Slack's own escaping), so `<!channel>` and
  `<https://x|y>` are text; a bare `@channel`, `@here` or `@everyone` gets a zero-width space.
- HTML: `html.escape`.
Line breaks and control characters become spaces, so a title cannot start a line of its own.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

ZWSP = "\u200b"
TITLE_LENGTH = 120
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_~|\[\]<>#@])")
_LINE_START = re.compile(r"^(?:(\d+)([.)])|([-+=]))")
_SLACK_BROADCAST = re.compile(r"@(channel|here|everyone)", re.IGNORECASE)


def one_line(text: object, length: int = TITLE_LENGTH) -> str:
    """Untrusted text on one line, cut to `length` characters."""
    flat = " ".join(_CONTROL.sub(" ", str(text)).split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


def markdown(text: object) -> str:
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))
    # at the start of a list item, "1." or "-" would open a list of its own
    escaped = _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)
    return escaped.replace("://", f":{ZWSP}//")


def slack(text: object) -> str:
    """Strangers' text for Slack mrkdwn: on one line, cut, escaped, broadcasts and URLs broken."""
    escaped = slack_entities(one_line(text))
    return _SLACK_BROADCAST.sub(lambda m: f"@{ZWSP}{m.group(1)}", escaped).replace(
        "://", f":{ZWSP}//"
    )


def slack_entities(text: str) -> str:
    """Slack's own escaping, and nothing else: our own text keeps its spaces and its length."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_text(text: object) -> str:
    return html.escape(one_line(text))


def safe_url(url: str | None) -> str | None:
    """An http(s) URL with the characters that could end a link (spaces, brackets, quotes)
    percent-encoded; None for anything else (javascript:, data:, relative)."""
    if not url:
        return None
    parts = urlsplit(str(url))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return quote(str(url), safe=":/?#&=%+,;~@!$*'.-_")
