"""One guild's batches: the guild and its channels and threads first, then each stream's new
messages, oldest first, each batch carrying the cursor (the stream's last message id) it covers.

Cost: login 2, guild 1, channels 1, active threads 1, archived threads 1 per channel page, and one
history call per 100 new messages per stream. A stream whose last_message_id is not past its
cursor costs nothing; archived threads are listed only down to the previous run's watermark.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime

import aiohttp
import discord
from tqdm import tqdm

from collectors.base import (
    Batch,
    CollectionError,
    Cursor,
    HostUnreachable,
    RateLimitWaitTooLong,
    RunContext,
)
from collectors.discord import records
from collectors.discord.session import NETWORK_ERRORS, describe
from collectors.network import classify

BATCH_MESSAGES = 1000  # rows per stored batch: ten history pages, one transaction
CONTAINERS = ("text", "announcement", "forum")  # channel kinds whose threads are listed
# what goes wrong talking to Discord: HTTP errors, connection errors, and pages of the wrong shape
FAILURES = (discord.DiscordException, aiohttp.ClientError, OSError, KeyError, TypeError, ValueError)


@dataclass
class GuildRun:
    project: str
    guild_id: str
    ctx: RunContext
    pseudonym: records.Pseudonym
    max_wait: float | None = None

    def where(self, channel_id: object = None) -> str:
        place = f"{self.project} discord guild {self.guild_id}"
        return place + (f" channel {channel_id}" if channel_id is not None else "")

    def fail(self, exc: BaseException, channel_id: object = None) -> Exception:
        """The error to raise for `exc`, naming project, guild and channel."""
        if isinstance(exc, discord.RateLimited):
            cap = f"--max-wait {self.max_wait:g} s" if self.max_wait is not None else "the wait cap"
            wait = f"rate limited for {exc.retry_after:.0f} s, longer than {cap}"
            return RateLimitWaitTooLong(f"{self.where(channel_id)}: {wait}")
        if isinstance(exc, NETWORK_ERRORS) and not isinstance(exc, discord.DiscordException):
            failure = classify(exc)
            if failure.unreachable:  # gone mid-run: the next guild and project would not reach it
                host = (
                    f"{exc.host}:{exc.port}"
                    if isinstance(exc, aiohttp.ClientConnectorError)
                    else "Discord's API"
                )
                return HostUnreachable(
                    f"discord: {host} unreachable: {failure.what} ({self.where(channel_id)})"
                )
        return CollectionError(f"{self.where(channel_id)}: {describe(exc)}")


async def guild_batches(client: discord.Client, run: GuildRun) -> AsyncIterator[Batch]:
    guild, channels, threads, watermarks = await _inventory(client, run)
    rows = [records.channel_row(c, run.guild_id) for c in channels]
    rows += [records.thread_row(t, run.guild_id, run.pseudonym) for t in threads]
    yield Batch(
        {
            "discord_guilds": [records.guild_row(guild)],
            "discord_guild_snapshots": [records.snapshot_row(guild)],
            "discord_channels": rows,
        }
    )
    streams = [c for c in channels if records.channel_kind(c) != "forum"]  # a forum has no history
    async for batch in _message_batches(
        streams + threads, run, f"{run.project} discord {guild.name}"
    ):
        yield batch
    # archived threads are known down to these marks only now that their messages are stored
    for scope, mark in watermarks.items():
        yield Batch({}, Cursor(scope, mark))


async def _message_batches(streams: list, run: GuildRun, label: str) -> AsyncIterator[Batch]:
    """Every stream's new messages, gathered into batches of about BATCH_MESSAGES rows."""
    bar = tqdm(
        streams,
        desc=label,
        unit="channel",
        file=sys.stderr,
        leave=False,
        disable=not run.ctx.progress,
    )
    pending, read = _Pending(), 0
    try:
        for stream in bar:
            async for rows, cursor in _stream_chunks(stream, run):
                pending.add(rows, cursor)
                read += len(rows)
                bar.set_postfix_str(f"{read:,} new messages", refresh=False)
                if len(pending.rows) >= BATCH_MESSAGES:
                    for batch in pending.flush():
                        yield batch
    except CollectionError:
        for batch in pending.flush():  # what was read before the failure is kept
            yield batch
        raise
    finally:
        bar.close()
    for batch in pending.flush():
        yield batch


async def _inventory(client: discord.Client, run: GuildRun):
    """The guild (with approximate counts), its counted channels, and their threads."""
    try:
        guild = await client.fetch_guild(int(run.guild_id), with_counts=True)
        channels = [
            c for c in await guild.fetch_channels() if records.channel_kind(c) in CONTAINERS
        ]
        parents = {c.id for c in channels}
        threads = {t.id: t for t in await guild.active_threads() if t.parent_id in parents}
    except FAILURES as exc:
        raise run.fail(exc) from None
    watermarks = {}
    for channel in channels:
        found, mark = await _archived_threads(channel, run)
        threads.update((t.id, t) for t in found if t.id not in threads)
        if mark is not None:
            watermarks[f"{run.guild_id}:{channel.id}:archived"] = mark
    return guild, channels, sorted(threads.values(), key=lambda t: t.id), watermarks


async def _archived_threads(channel, run: GuildRun) -> tuple[list[discord.Thread], str | None]:
    """Public archived threads newer than the last run's watermark (archive time, newest first:
    posting in an archived thread unarchives it, so older ones have nothing new)."""
    saved, _ = run.ctx.cursor(f"{run.guild_id}:{channel.id}:archived")
    floor = datetime.fromisoformat(saved) if saved else None
    found: list[discord.Thread] = []
    try:
        async for thread in channel.archived_threads(limit=None):
            if floor is not None and thread.archive_timestamp <= floor:
                break
            found.append(thread)
    except discord.Forbidden:
        run.ctx.warn(f"{run.where(channel.id)}: no access to archived threads (403), skipped")
        return [], None
    except FAILURES as exc:
        raise run.fail(exc, channel.id) from None
    newest = max((t.archive_timestamp for t in found), default=floor)
    return found, newest.isoformat() if newest else None


class _Pending:
    """Messages of several streams gathered into one stored batch (a transaction costs tens of
    milliseconds; most threads hold a handful of messages), with the cursors they cover."""

    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.cursors: dict[str, Cursor] = {}

    def add(self, rows: list[dict], cursor: Cursor) -> None:
        self.rows += rows
        self.cursors[cursor.scope] = cursor

    def flush(self) -> list[Batch]:
        """The rows with one cursor, then the other cursors: each is saved after its rows."""
        if not self.cursors:
            return []
        first, *rest = self.cursors.values()
        batches = [Batch({"discord_messages": self.rows}, first)]
        batches += [Batch({}, cursor) for cursor in rest]
        self.rows, self.cursors = [], {}
        return batches


async def _stream_chunks(stream, run: GuildRun) -> AsyncIterator[tuple[list[dict], Cursor]]:
    """New messages of one channel or thread, with the cursor each chunk reaches; nothing at all
    (not even a request) when the stream has not changed since its cursor."""
    scope = f"{run.guild_id}:{stream.id}"
    saved, _ = run.ctx.cursor(scope)
    last = stream.last_message_id
    if last is None or (saved is not None and last <= int(saved)):
        return
    after = discord.Object(id=int(saved)) if saved else None
    channel_id = str(stream.id)
    rows: list[dict] = []
    newest = int(saved) if saved else 0
    try:
        async for message in stream.history(limit=None, after=after, oldest_first=True):
            rows.append(records.message_row(message, run.guild_id, channel_id, run.pseudonym))
            newest = max(newest, message.id)
            if len(rows) >= BATCH_MESSAGES:
                yield rows, Cursor(scope, str(newest))
                rows = []
            if message.id >= last:  # the newest as listed: a full last page needs no empty next one
                break
    except (discord.Forbidden, discord.NotFound) as exc:
        run.ctx.warn(f"{run.where(stream.id)}: {describe(exc)}, skipped")
        return
    except FAILURES as exc:
        raise run.fail(exc, stream.id) from None
    # all of the stream up to its last_message_id is read (that message may have been deleted)
    yield rows, Cursor(scope, str(max(newest, last)))
