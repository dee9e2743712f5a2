"""Rows for the Slack raw tables from Slack's message objects, which exports and the Web API share.
Only ids, times, counts and flags: never text, files, attachments, blocks or user profiles."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from collectors.export_files import Place, is_a, short

TS = re.compile(r"^\d{9,10}\.\d{1,6}$")  # "<epoch seconds>.<microseconds>"
CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{6,20}$")
USER_ID = re.compile(r"^[UWB][A-Z0-9]{2,20}$")  # U…, W… on Grid, B… bots; USLACKBOT too
TEAM_ID = re.compile(r"^[TE][A-Z0-9]{2,20}$")
BOT_USERS = {"USLACKBOT"}

Pseudonym = Callable[[int | str], str]


def message_row(
    m, place: Place, channel_id: str, bots: set[str], pseudonym: Pseudonym, provenance: str
) -> dict:
    """The stored row of one message object (an export's or the Web API's, the same shape),
    validated; raises ExportError naming `place`."""
    if not isinstance(m, dict):
        raise place.error("", "expected a message object")
    kind = place.optional(m, "type", str)
    if kind is not None and kind != "message":
        raise place.error("type", f"not a message (got {short(kind)})")
    ts = _ts(place, m, "ts", required=True)
    user = place.optional(m, "user", str)
    if user is not None and not USER_ID.match(user):
        raise place.error("user", "not a Slack user id")  # a raw id is never quoted
    if user is None:
        user = _file_comment_author(m, place)
    bot_id = place.optional(m, "bot_id", str)
    if bot_id is not None and not USER_ID.match(bot_id):
        raise place.error("bot_id", "not a Slack bot id")
    subtype = place.optional(m, "subtype", str)
    reply_count = place.optional(m, "reply_count", int)
    if reply_count is not None and reply_count < 0:
        raise place.error("reply_count", "negative")
    author = user or bot_id
    return {
        "channel_id": channel_id,
        "ts": ts,
        "created_at": ts_time(ts),
        "thread_ts": _ts(place, m, "thread_ts"),
        "author_pseudonym": pseudonym(author) if author else None,
        # Slack's own test for an app's post (as Mattermost's importer reads it), or a bot user
        "author_is_bot": bot_id is not None or subtype == "bot_message" or user in bots,
        "subtype": subtype,
        "reply_count": reply_count,
        "latest_reply": _ts(place, m, "latest_reply"),
        "reaction_count": _reactions(m, place),
        "provenance": provenance,
    }


def _file_comment_author(m: dict, place: Place) -> str | None:
    """Old exports' `file_comment` messages (before Slack's 2018 file threads) have no `user`:
    their author is the comment's, `comment.user`."""
    if m.get("subtype") != "file_comment" or not isinstance(m.get("comment"), dict):
        return None
    user = place.at("comment").optional(m["comment"], "user", str)
    if user is not None and not USER_ID.match(user):
        raise place.at("comment").error("user", "not a Slack user id")
    return user


def ts_time(ts: str) -> datetime:
    """A Slack `ts` as a UTC time, to the microsecond (no float on the way)."""
    seconds, _, fraction = ts.partition(".")
    micros = int(fraction.ljust(6, "0")[:6]) if fraction else 0
    return datetime.fromtimestamp(int(seconds), UTC) + timedelta(microseconds=micros)


def _ts(place: Place, m: dict, key: str, *, required: bool = False) -> str | None:
    value = m.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not TS.match(value):
        raise place.error(key, f"missing or not a Slack timestamp like \"1700000000.000100\" "
                          f"(got {short(value)})")  # fmt: skip
    return value


def _reactions(m: dict, place: Place) -> int:
    reactions = place.optional(m, "reactions", list) or []
    total = 0
    for i, reaction in enumerate(reactions):
        count = reaction.get("count") if isinstance(reaction, dict) else None
        if not is_a(count, int) or count < 0:
            raise place.error(f"reactions[{i}].count", "missing or not a count")
        total += count
    return total


def ts_key(ts: str) -> tuple[int, int]:
    """A `ts` as numbers that order like time (no float on the way)."""
    seconds, _, fraction = ts.partition(".")
    return int(seconds), int(fraction.ljust(6, "0")[:6]) if fraction else 0
