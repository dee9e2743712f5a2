"""The digest reads as the pages do: counts of a thousand or more carry a thousands separator
("1,564 items", not "1564"), and a waiting item's kind that already names its platform is not
said twice ("Slack post", never "Slack post on Slack")."""

import copy

from digest import markdown, slack_blocks
from digest.compose import compose


def _big(week: dict) -> dict:
    week = copy.deepcopy(week)
    week["counts"]["waiting"] = 1564
    week["counts"]["quiet"] = 2300
    week["unnamed"]["quiet"] = 0
    week["waiting"] = [
        {"platform": "slack", "kind": "Slack post", "title": "#help, 2025-06-01 10:00",
         "url": None, "days_waiting": 2185.8, "bucket": "stale"},
        {"platform": "discord", "kind": "help thread", "title": "How do I?", "url": None,
         "days_waiting": 3.0, "bucket": "fresh"},
        {"platform": "hub", "kind": "Hub discussion", "title": "Card typo", "url": None,
         "days_waiting": 9.0, "bucket": "staling"},
    ]  # fmt: skip
    week["waiting_buckets"] = [
        {"bucket": "staling", "from_days": 7, "to_days": 30, "items": 1200},
        {"bucket": "fresh", "from_days": 0, "to_days": 7, "items": 3},
        {"bucket": "stale", "from_days": 30, "to_days": None, "items": 361},
    ]
    return week


def _renderings(week: dict) -> list[str]:
    slack = "\n".join(b["text"]["text"] for p in slack_blocks.messages(week) for b in p["blocks"])
    return [markdown.render(week), slack]


def test_counts_carry_a_thousands_separator(marts):
    for text in _renderings(_big(compose(marts, "p", "7d"))):
        assert "cut-off (1,564)" in text
        assert "1,200 staling (7 to 30 days)" in text
        assert "2,185.8 days" in text
        assert "1564" not in text and "2185" not in text
        assert "without activity (2,300)" in text


def test_a_kind_that_names_its_platform_is_not_said_twice(marts):
    for text in _renderings(_big(compose(marts, "p", "7d"))):
        assert "(Slack post)" in text
        assert "on Slack)" not in text
        assert "(Hub discussion)" in text and "Hub discussion on the Hub" not in text
        assert "(help thread on Discord)" in text
