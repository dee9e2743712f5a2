"""DiscordChatExporter JSON exports as a collector, for `onramp import-discord`.

One export file is one channel or thread (`exportguild` writes a file per channel; a directory is
read as all the `*.json` files in it). Each file is parsed and validated whole before its batch is
yielded, and the orchestrator stores a batch in one transaction: a malformed or truncated file is an
error naming the file and the JSON path, and loads nothing. Authors get the same keyed pseudonyms as
the bot collector (core.pseudonym); text, names, attachments and embeds are dropped on reading.

Quirks of older exports handled here (reference/discord.md §9): replies typed "Default" with a
reference (newer builds say "Reply"), `reference.type` missing, message kinds written as numbers,
timestamps in local time with an offset.

A thread's anchor: a thread started from a message has that message's id, and the message lives
in the parent channel; DiscordChatExporter 2.47.3 and later repeat it at the top of the thread's
file (Tyrrrz/DiscordChatExporter#1557). Stored by message id, it would land wherever the last file
imported put it. So the anchor read from a thread file goes to the parent channel whenever the
parent is a text or announcement channel (an announcement thread's always is; a public thread's
when the parent is known, from the bot or an earlier file), as the bot collector stores it and as
the parent's own file says; a forum post's starter message, which has the thread's id too but
lives in the thread, stays there. A parent read after its thread puts the anchor back on its own.

Webhook messages: DCE writes no webhook marker (its source never reads `webhook_id`); a webhook's
author comes out as Discord sent it, `isBot` from its `bot: true`, discriminator "0000"
(tests/fixtures/real/SOURCE_NOTES.md). So, as the bot path counts `webhook_id` as a bot, an author
is a bot here when `isBot` says so; when an older build wrote no `isBot`, when the discriminator
is "0000" (before the 2023 username migration only webhooks had it); and whenever one author id
posts under more than one name in a file, which only a webhook's per-message name does (a user's
messages all carry the user's current name).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from discord.utils import snowflake_time

from collectors.base import Batch, RunContext
from collectors.export_files import ExportError, Place, parse_json
from collectors.export_files import short as _short
from core.registry import Project

PROVENANCE = "export"
REPLY = 19
# DiscordChatExporter MessageKind names; other kinds are written as their number
MESSAGE_KINDS = {
    "Default": 0,
    "RecipientAdd": 1,
    "RecipientRemove": 2,
    "Call": 3,
    "ChannelNameChange": 4,
    "ChannelIconChange": 5,
    "ChannelPinnedMessage": 6,
    "GuildMemberJoin": 7,
    "ThreadCreated": 18,
    "Reply": 19,
}
OTHER_KIND = -1  # a kind name this importer does not know: kept, never counted as speech
CHANNEL_KINDS = {
    "GuildTextChat": "text",
    "GuildNews": "announcement",
    "GuildForum": "forum",
    "GuildMedia": "forum",
    "GuildPublicThread": "public_thread",
    "GuildPrivateThread": "private_thread",
    "GuildNewsThread": "announcement_thread",
    # very old builds wrote Discord's numeric channel types
    "0": "text",
    "5": "announcement",
    "15": "forum",
    "16": "forum",
    "10": "announcement_thread",
    "11": "public_thread",
    "12": "private_thread",
}
NOT_COUNTED = {
    "GuildVoiceChat",
    "GuildStageVoice",
    "GuildCategory",
    "GuildDirectory",
    "GuildStore",
    "2",
    "4",
    "6",
    "13",
    "14",
}
DIRECT = {"DirectTextChat", "DirectGroupTextChat", "1", "3"}


class NotCounted(Exception):
    """A valid export of a channel DESIGN.md §4 does not count (voice chat, a category)."""


@dataclass
class Parsed:
    guild: dict
    channel: dict
    messages: list[dict]


# ------------------------------------------------------------------------------------ collector


def collect_exports(project: Project, ctx: RunContext, *, files: list[Path]) -> Iterator[Batch]:
    """One batch per export file, each stored in its own transaction by the orchestrator. A file
    that fails validation is reported and counted in `ctx.stats.failures`; the others go on."""
    ctx.stats.failure_unit = "file"
    pseudonym = ctx.pseudonymizer("discord")
    for path in files:
        try:
            parsed = _anchor_in_parent(ctx, read_export(path, project, pseudonym))
        except NotCounted as exc:
            ctx.warn(f"{path}: skipped ({exc})")
            continue
        except ExportError as exc:
            ctx.stats.failures.append(str(exc))
            ctx.warn(f"onramp: {exc}")
            continue
        yield Batch(
            {
                "discord_guilds": [_keep_known_guild(ctx, parsed.guild)],
                "discord_channels": [_keep_known(ctx, parsed.channel)],
                "discord_messages": parsed.messages,
            }
        )
        ctx.warn(f"{path}: {len(parsed.messages):,} messages")


def _anchor_in_parent(ctx: RunContext, parsed: Parsed) -> Parsed:
    """The thread's anchor message (the thread's own id) moved to its parent channel, unless the
    parent is a forum or not known to be a channel with messages (module docstring)."""
    channel = parsed.channel
    parent = channel["parent_id"]
    if not channel["kind"].endswith("thread") or parent is None:
        return parsed
    if channel["kind"] != "announcement_thread":
        known = ctx.stored_row("discord_channels", {"channel_id": parent})
        if known is None or known["kind"] not in ("text", "announcement"):
            return parsed  # a forum post's starter, or a parent not seen yet (its file says)
    for message in parsed.messages:
        if message["message_id"] == channel["channel_id"]:
            message["channel_id"] = parent
    return parsed


def expand(files: list[Path]) -> list[Path]:
    """Files as given; a directory stands for the JSON files in it (an `exportguild` output)."""
    out = []
    for path in files:
        if path.is_dir():
            out += sorted(path.glob("*.json"))
        else:
            out.append(path)
    return out


def _keep_known(ctx: RunContext, channel: dict) -> dict:
    """A channel row never loses what the bot collector knew (an export does not say who started
    a thread or what the last message id was)."""
    found = ctx.stored_row("discord_channels", {"channel_id": channel["channel_id"]})
    if not found:
        return channel
    return {
        **channel,
        "owner_pseudonym": channel["owner_pseudonym"] or found["owner_pseudonym"],
        "last_message_id": found["last_message_id"],
        "archived": found["archived"],
        "provenance": found["provenance"],
    }


def _keep_known_guild(ctx: RunContext, guild: dict) -> dict:
    found = ctx.stored_row("discord_guilds", {"guild_id": guild["guild_id"]})
    return {**guild, "provenance": found["provenance"]} if found else guild


# ------------------------------------------------------------------------------------ parsing


def read_export(path: Path, project: Project, pseudonym: Callable[[str], str]) -> Parsed:
    """Parse and validate one export completely; raises ExportError naming the file and path."""
    document = _read_json(path)
    place = _Place(path)
    if not isinstance(document, dict):
        raise place.error("", "expected a JSON object (a DiscordChatExporter JSON export)")
    guild = _guild(document, place, project)
    channel = _channel(document, place, guild["guild_id"])
    raw_messages = place.need(document, "messages", list)
    count = document.get("messageCount")
    if count is not None and count != len(raw_messages):
        raise place.error(
            "messageCount",
            f"says {count} messages but the file holds {len(raw_messages)} (truncated?)",
        )
    webhooks = _renamed_authors(raw_messages)
    messages = [
        _message(
            m, place.at(f"messages[{i}]"), guild["guild_id"], channel["channel_id"], pseudonym,
            webhooks,
        )
        for i, m in enumerate(raw_messages)
    ]  # fmt: skip
    starter = next((m for m in messages if m["message_id"] == channel["channel_id"]), None)
    if channel["kind"].endswith("thread") and starter is not None:  # a forum post's starter message
        channel["owner_pseudonym"] = starter["author_pseudonym"]
    return Parsed(guild, channel, messages)


def _read_json(path: Path):
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ExportError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ExportError(f"{path}: cannot read ({type(exc).__name__})") from None
    if path.suffix.lower() == ".csv" or text.lstrip()[:1] not in ("{", "["):
        raise ExportError(f"{path}: not a JSON export (export with `-f Json`; CSV drops replies)")
    return parse_json(text, path)


class _Place(Place):
    """A place in a DiscordChatExporter file, which also knows Discord's snowflake ids."""

    def snowflake(self, obj: dict, key: str, *, quote: bool = True) -> str:
        value = obj.get(key) if isinstance(obj, dict) else None
        if (
            not isinstance(value, str)
            or not value.isascii()
            or not value.isdigit()
            or len(value) > 20
        ):
            shown = f" (got {_short(value)})" if quote else ""
            raise self.error(key, f"missing or not a snowflake id (a string of digits){shown}")
        return value


def _guild(document: dict, place: _Place, project: Project) -> dict:
    guild = place.need(document, "guild", dict)
    at = place.at("guild")
    guild_id = at.snowflake(guild, "id")
    if guild_id not in project.discord_guilds:
        raise at.error(
            "id",
            f"guild {guild_id} is not in project {project.id!r}'s discord_guilds (projects.toml)",
        )
    name = guild.get("name")
    return {
        "guild_id": guild_id,
        "name": name if isinstance(name, str) else None,
        "provenance": PROVENANCE,
    }


def _channel(document: dict, place: _Place, guild_id: str) -> dict:
    channel = place.need(document, "channel", dict)
    at = place.at("channel")
    channel_id = at.snowflake(channel, "id")
    raw_type = channel.get("type")
    kind_name = (
        str(raw_type)
        if isinstance(raw_type, str | int) and not isinstance(raw_type, bool)
        else None
    )
    if kind_name in DIRECT:
        raise at.error("type", f"{kind_name} is a direct-message export, not a guild channel")
    if kind_name in NOT_COUNTED:
        raise NotCounted(f"{kind_name} channels are not counted")
    if kind_name not in CHANNEL_KINDS:
        raise at.error("type", f"unknown channel type {_short(raw_type)}")
    kind = CHANNEL_KINDS[kind_name]
    is_thread = kind.endswith("thread")
    parent = channel.get("categoryId")
    if parent is not None:  # for a thread, categoryId is its parent channel (older builds: absent)
        parent = at.snowflake(channel, "categoryId")
    name = channel.get("name")
    return {
        "channel_id": channel_id,
        "guild_id": guild_id,
        "parent_id": parent,
        "kind": kind,
        # a thread's title is written by whoever opened it: user text, not kept
        "name": None if is_thread or not isinstance(name, str) else name,
        "owner_pseudonym": None,
        "created_at": snowflake_time(int(channel_id)),
        "last_message_id": None,
        "archived": None,
        "provenance": PROVENANCE,
    }


def _renamed_authors(raw_messages: list) -> set:
    """Author ids that post under more than one name in one file: webhooks."""
    names: dict = {}
    for m in raw_messages:
        author = m.get("author") if isinstance(m, dict) else None
        # names are never kept; one that is not text cannot tell a webhook either
        if isinstance(author, dict) and isinstance(author.get("id"), str):
            name = author.get("name")
            names.setdefault(author["id"], set()).add(name if isinstance(name, str) else None)
    return {author_id for author_id, seen in names.items() if len(seen) > 1}


def _is_bot(author: dict, place: _Place, webhooks: set) -> bool:
    if author.get("id") in webhooks:
        return True
    if "isBot" not in author:  # older builds: only a webhook had the "0000" discriminator then
        return author.get("discriminator") == "0000"
    is_bot = author["isBot"]
    if not isinstance(is_bot, bool):
        raise place.error("author.isBot", "not true or false")
    return is_bot


def _message(
    m, place: _Place, guild_id: str, channel_id: str, pseudonym, webhooks: frozenset = frozenset()
) -> dict:
    if not isinstance(m, dict):
        raise place.error("", "expected a message object")
    message_id = place.snowflake(m, "id")
    author = place.need(m, "author", dict)
    # the author's raw id is never quoted: error messages are stored with the run
    author_id = place.at("author").snowflake(author, "id", quote=False)
    is_bot = _is_bot(author, place, webhooks)
    reply_to = _reply_to(m.get("reference"), place)
    kind = _kind(m.get("type", "Default"), place)
    if kind == 0 and reply_to is not None:  # older builds: a reply is "Default" with a reference
        kind = REPLY
    return {
        "message_id": message_id,
        "guild_id": guild_id,
        "channel_id": channel_id,
        # the time from the id, as the bot path does: both paths agree to the millisecond
        "created_at": _valid_time(m, place, message_id),
        "author_pseudonym": pseudonym(author_id),
        "author_is_bot": is_bot,
        "reply_to_id": reply_to,
        "reaction_count": _reactions(m, place),
        "message_type": kind,
        "provenance": PROVENANCE,
    }


def _valid_time(m: dict, place: _Place, message_id: str) -> datetime:
    """The message's time (its snowflake's), once its `timestamp` is known to be well formed."""
    _timestamp(m, place)
    return snowflake_time(int(message_id))


def _timestamp(m: dict, place: _Place) -> datetime:
    value = m.get("timestamp")
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise place.error(
            "timestamp", f"missing or not an ISO-8601 time (got {_short(value)})"
        ) from None
    if parsed.tzinfo is None:
        raise place.error("timestamp", f"{value!r} has no UTC offset")
    return parsed.astimezone(UTC)


def _kind(value, place: _Place) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if not isinstance(value, str):
        raise place.error("type", f"not a message kind (got {_short(value)})")
    if value.isdigit():
        return int(value)
    return MESSAGE_KINDS.get(value, OTHER_KIND)


def _reply_to(reference, place: _Place) -> str | None:
    """Reply <=> reference.messageId is set and reference.type is not "Forward"."""
    if reference is None:
        return None
    at = place.at("reference")
    if not isinstance(reference, dict):
        raise at.error("", "not an object")
    if reference.get("messageId") is None or reference.get("type") == "Forward":
        return None
    return at.snowflake(reference, "messageId")


def _reactions(m: dict, place: _Place) -> int:
    reactions = m.get("reactions") or []
    if not isinstance(reactions, list):
        raise place.error("reactions", "not a list")
    total = 0
    for i, reaction in enumerate(reactions):
        count = reaction.get("count") if isinstance(reaction, dict) else None
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise place.error(f"reactions[{i}].count", "missing or not a count")
        total += count
    return total
