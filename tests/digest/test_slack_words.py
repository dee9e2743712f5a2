"""Posted to a Slack webhook, the digest carries every word of the Markdown digest, in order:
spaces between spans kept, long lines split between words, nothing cut (issue 20: 54 of 575 words
never arrived, "oberpierreon GitHub", "… Med…")."""

import re

import pytest

from digest import markdown, slack_blocks
from digest.compose import compose
from digest.inert import ZWSP
from digest.webhook import Webhook, kind_of, post

from fakes.webhook_server import WebhookServer

MD_LINK_TARGET = re.compile(r"(?<!\\)\]\(https?://[^\s)]*\)")
MD_BRACKET = re.compile(r"(?<!\\)[\[\]]")
MD_ESCAPE = re.compile(r"\\(.)")
SLACK_LINK = re.compile(r"<https?://[^|>]*\|([^>]*)>")


def markdown_words(text: str) -> list[str]:
    """The words a reader sees in the Markdown digest: link targets, headings' #, list dashes and
    backslash escapes dropped."""
    text = MD_BRACKET.sub("", MD_LINK_TARGET.sub("", text))
    text = MD_ESCAPE.sub(r"\1", text)
    lines = [re.sub(r"^(#{2,3} |- )", "", line) for line in text.splitlines()]
    return _words(lines)


def _words(lines: list[str]) -> list[str]:
    """Words, with bold marks and the zero-width spaces that defang mentions and URLs (both
    formats' own, differently placed) left out."""
    return " ".join(lines).replace("*", "").replace(ZWSP, "").split()


def slack_words(payloads: list[dict]) -> list[str]:
    """The words a reader sees in Slack: link labels, entities decoded, bold marks and bullets
    dropped."""
    text = "\n".join(b["text"]["text"] for p in payloads for b in p["blocks"])
    text = SLACK_LINK.sub(r"\1", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    lines = [re.sub(r"^• ", "", line) for line in text.splitlines()]
    return _words(lines)


@pytest.fixture(scope="module")
def week(marts):
    return compose(marts, "p", "7d")


def _post_to_slack(payloads):
    with WebhookServer() as fake:
        url = fake.slack_url
        post(Webhook("ONRAMP_DIGEST_WEBHOOK", url, kind_of(url)), payloads, sleep=pytest.fail)
        return [p for kind, p in fake.delivered if kind == "slack"]


def test_every_word_of_the_week_arrives_in_order(week):
    delivered = _post_to_slack(slack_blocks.messages(week))
    expected = markdown_words(markdown.render(week))
    assert len(expected) > 150
    assert slack_words(delivered) == expected


def test_spans_keep_their_spaces(week):
    text = "\n".join(b["text"]["text"] for p in slack_blocks.messages(week) for b in p["blocks"])
    assert "|newbie> on GitHub, first seen 2025-07-02" in text
    assert "92.5 days: <https://github.com/o/r/pull/3|Item 3> (pull request on GitHub)" in text


def test_a_line_longer_than_a_section_is_split_between_words_not_cut(week):
    long = dict(week)
    long["headline"] = [dict(week["headline"][0]) for _ in range(60)]  # a 60-indicator headline
    payloads = slack_blocks.messages(long)
    blocks = [b["text"]["text"] for p in payloads for b in p["blocks"]]
    assert max(len(b) for b in blocks) <= slack_blocks.SECTION_LIMIT
    assert not any(b.endswith("…") for b in blocks)
    assert slack_words(_post_to_slack(payloads)) == markdown_words(markdown.render(long))


def test_a_split_keeps_a_link_whole():
    line = "word " * 590 + "<https://example.org/x|a label of five words>" + " tail" * 10
    parts = slack_blocks._split_long(line)
    assert all(len(p) <= slack_blocks.SECTION_LIMIT for p in parts)
    assert sum("<https://example.org/x|a label of five words>" in p for p in parts) == 1
    assert " ".join(parts).split() == line.split()
