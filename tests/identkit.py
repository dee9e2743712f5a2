"""A tiny three-platform project for the identities tests: raw rows and an identities file."""

from datetime import UTC, datetime

from core.identities import load_identities
from core.pseudonym import pseudonym

from sqlkit import project

KEY = b"test-key-" + b"0" * 32
GUILD, CHANNEL = "100000000000000001", "200000000000000001"
ADA_DISCORD = "80351110224678912"  # a raw Discord id: must never reach the database
PROJECT = project(github_repos=["o/r"], hub_authors=["org"], discord_guilds=[GUILD])


def at(month: int, day: int, hour: int = 12) -> datetime:
    return datetime(2024, month, day, hour, tzinfo=UTC)


def pseudo(platform: str, raw: str) -> str:
    return pseudonym(KEY, platform, raw)


def issue(number, login, created, *, pr=False):
    return {"id": number, "repo": "o/r", "number": number, "is_pull_request": pr,
            "author_login": login, "author_association": "NONE", "created_at": created,
            "provenance": "api"}  # fmt: skip


def hub_comment(num, author, created):
    return {"repo_type": "model", "repo_id": "org/m", "num": num, "event_id": f"{num}-{author}",
            "event_type": "comment", "author": author, "author_is_org_member": False,
            "created_at": created, "provenance": "api"}  # fmt: skip


def hub_discussion(num, author, created, *, pr=False):
    return {"repo_type": "model", "repo_id": "org/m", "num": num, "is_pull_request": pr,
            "author": author, "created_at": created, "provenance": "api"}  # fmt: skip


def message(n, raw_author, created):
    return {"message_id": f"{900000000000000000 + n}", "channel_id": CHANNEL, "guild_id": GUILD,
            "author_pseudonym": pseudo("discord", raw_author), "created_at": created,
            "message_type": 0, "author_is_bot": False,
            "provenance": "api"}  # fmt: skip


CHANNELS = [{"channel_id": CHANNEL, "guild_id": GUILD, "kind": "text", "created_at": at(1, 1),
             "provenance": "api"}]  # fmt: skip

# Ada: Discord in January, a Hub discussion in February, a PR in March (one person, three
# platforms).
# Bob: a GitHub issue in January, nothing more. Cy: Discord only, in January.
ROWS = {
    "discord_channels": CHANNELS,
    "discord_messages": [
        message(1, ADA_DISCORD, at(1, 10)),
        message(2, "90000000000000000001", at(1, 20)),
        message(3, ADA_DISCORD, at(2, 1)),
    ],
    "hub_discussions": [hub_discussion(1, "adaex", at(2, 5))],
    "hub_discussion_events": [hub_comment(1, "adaex", at(2, 5))],
    "github_issues": [
        issue(1, "ada-ex", at(3, 1), pr=True),
        issue(2, "bob", at(1, 15)),
    ],
}

ADA = f"""
[[person]]
name = "Ada Example"
github = ["ada-ex"]
hub = ["adaex"]
discord = ["{ADA_DISCORD}"]
"""


def identities(tmp_path, text: str = ADA):
    path = tmp_path / "identities.toml"
    path.write_text(text, encoding="utf-8")
    return load_identities(path, pseudo)
