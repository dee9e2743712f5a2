"""Rows for the Discord raw tables, from discord.py objects. Only ids, times, counts and flags:
never message text, attachments, embeds, user names or thread titles (which forum users write)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import discord
from discord.utils import snowflake_time

PROVENANCE = "api"

# discord.py channel types -> discord_channels.kind; other types (voice, stage, categories) are
# outside DESIGN.md §4 ("text, announcement and forum channels and their threads")
CHANNEL_KINDS = {
    discord.ChannelType.text: "text",
    discord.ChannelType.news: "announcement",
    discord.ChannelType.forum: "forum",
    discord.ChannelType.media: "forum",
    discord.ChannelType.public_thread: "public_thread",
    discord.ChannelType.private_thread: "private_thread",
    discord.ChannelType.news_thread: "announcement_thread",
}

Pseudonym = Callable[[int | str], str]


def channel_kind(channel) -> str | None:
    return CHANNEL_KINDS.get(getattr(channel, "type", None))


def guild_row(guild: discord.Guild) -> dict:
    return {"guild_id": str(guild.id), "name": guild.name, "provenance": PROVENANCE}


def snapshot_row(guild: discord.Guild, today: datetime | None = None) -> dict:
    """Approximate counts as of today (UTC): one row per guild per day, overwritten within a day."""
    return {
        "guild_id": str(guild.id),
        "snapshot_date": (today or datetime.now(UTC)).date(),
        "approx_member_count": guild.approximate_member_count,
        "approx_presence_count": guild.approximate_presence_count,
        "provenance": PROVENANCE,
    }


def channel_row(channel, guild_id: str) -> dict:
    """A text, announcement or forum channel (admins name these: the name is kept)."""
    return {
        "channel_id": str(channel.id),
        "guild_id": guild_id,
        "parent_id": _str(getattr(channel, "category_id", None)),
        "kind": channel_kind(channel),
        "name": channel.name,
        "owner_pseudonym": None,
        "created_at": snowflake_time(channel.id),
        "last_message_id": _str(getattr(channel, "last_message_id", None)),
        "archived": None,
        "provenance": PROVENANCE,
    }


def thread_row(thread: discord.Thread, guild_id: str, pseudonym: Pseudonym) -> dict:
    """A thread or forum post. Its title is user-written text, so it is not kept. created_at comes
    from the snowflake: Thread.created_at is None for threads made before 2022-01-09."""
    return {
        "channel_id": str(thread.id),
        "guild_id": guild_id,
        "parent_id": _str(thread.parent_id),
        "kind": channel_kind(thread),
        "name": None,
        "owner_pseudonym": pseudonym(thread.owner_id) if thread.owner_id else None,
        "created_at": snowflake_time(thread.id),
        "last_message_id": _str(thread.last_message_id),
        "archived": thread.archived,
        "provenance": PROVENANCE,
    }


def message_row(
    message: discord.Message, guild_id: str, channel_id: str, pseudonym: Pseudonym
) -> dict:
    return {
        "message_id": str(message.id),
        "guild_id": guild_id,
        "channel_id": channel_id,
        "created_at": message.created_at,
        "author_pseudonym": pseudonym(message.author.id),
        # a webhook's "author" is the webhook, not a person
        "author_is_bot": bool(message.author.bot or message.webhook_id is not None),
        "reply_to_id": _reply_to(message.reference),
        "reaction_count": sum(r.count for r in message.reactions),
        "message_type": message.type.value,
        "provenance": PROVENANCE,
    }


def _reply_to(reference: discord.MessageReference | None) -> str | None:
    """A reply's target; a forward is not a reply, and a thread-created notice points nowhere."""
    if reference is None or reference.type == discord.MessageReferenceType.forward:
        return None
    return _str(reference.message_id)


def _str(value) -> str | None:
    return None if value is None else str(value)
