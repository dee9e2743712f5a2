"""Strangers' text stays inert: no ping, no link, no heading, in every output and every post."""

import re

import pytest
from digestrows import TITLE

from digest import discord_messages, inert, slack_blocks
from digest.compose import compose
from digest.formats import render

ZWSP = "\u200b"


@pytest.fixture(scope="module")
def week(marts):
    return compose(marts, "p", "7d")


def test_markdown_escapes_mentions_and_link_syntax():
    text = inert.markdown(TITLE)
    assert r"\@everyone" in text and "@everyone" not in text.replace(r"\@", "")
    assert r"\[claim\]" in text  # no [label](url) link
    assert r"\<\@123456789\>" in text  # no <@id> user mention
    assert r"\<!channel\>" in text
    assert "https://" not in text  # a bare URL is not auto-linked
    assert inert.markdown("# Heading") == r"\# Heading"
    assert inert.markdown("1. item") == r"1\. item" and inert.markdown("- item") == r"\- item"
    assert inert.markdown("**bold** _it_ `code` ~~s~~ ||spoiler||") == (
        r"\*\*bold\*\* \_it\_ \`code\` \~\~s\~\~ \|\|spoiler\|\|"
    )


def test_a_title_cannot_start_a_line_of_its_own():
    assert inert.markdown("fine\n# @here\r\n[x](y)") == r"fine \# \@here \[x\](y)"
    assert "\n" not in inert.slack("a\n<!here>") and "\n" not in inert.html_text("a\nb")


def test_slack_escapes_ampersand_and_angle_brackets():
    assert inert.slack("<!channel> & <!here|x> <@U024BE7LH>") == (
        "&lt;!channel&gt; &amp; &lt;!here|x&gt; &lt;@U024BE7LH&gt;"
    )
    assert inert.slack("@channel @here @everyone") == (
        f"@{ZWSP}channel @{ZWSP}here @{ZWSP}everyone"
    )
    assert inert.slack("<https://evil.example|Click>") == (
        f"&lt;https:{ZWSP}//evil.example|Click&gt;"
    )


def test_only_http_urls_become_links():
    assert inert.safe_url("javascript:alert(1)") is None
    assert inert.safe_url("https://huggingface.co/a/b) [x](y") == (
        "https://huggingface.co/a/b%29%20%5Bx%5D%28y"
    )


def test_discord_posts_disable_every_mention_and_carry_the_title_escaped(week):
    payloads = discord_messages.messages(week)
    assert all(p["allowed_mentions"] == {"parse": []} for p in payloads)
    content = "\n".join(p["content"] for p in payloads)
    assert inert.markdown(TITLE) in content
    assert not re.search(r"(?<!\\)@everyone|(?<!\\)<@\d+>|(?<!\\)\[claim(?<!\\)\]", content)


def test_slack_posts_carry_no_broadcast_and_no_stranger_link(week):
    text = "\n".join(
        block["text"]["text"]
        for payload in slack_blocks.messages(week)
        for block in payload["blocks"]
    )
    assert "<!channel>" not in text and "<@123456789>" not in text
    assert "&lt;!channel&gt;" in text
    assert "|https://evil" not in text and "<https://evil" not in text
    # our own links are real Slack links
    assert "<https://github.com/o/r/issues/20|" in text


def test_html_escapes_the_title(week):
    page = render([week], "html")
    assert "&lt;!channel&gt; &lt;@123456789&gt;" in page
    assert 'href="https://evil' not in page


def test_even_the_project_name_cannot_ping(week):
    named = dict(week, name="<!channel> @everyone [x](https://evil.example)")
    slack = slack_blocks.messages(named)[0]
    assert "<!channel>" not in str(slack) and "&lt;!channel&gt;" in slack["text"]
    content = discord_messages.messages(named)[0]["content"]
    assert content.startswith(r"## \<!channel\> \@everyone \[x\]")
