"""Discord collector (DESIGN.md §3, reference/discord.md): REST only with a bot token, no gateway
and no privileged intent. Per configured guild: the guild with its approximate member and online
counts (a snapshot a day), its text, announcement and forum channels, active and archived threads
and forum posts, and every message after the saved per-stream cursor, oldest first, 100 a page.

Messages keep ids, times, flags and counts only; authors are keyed pseudonyms (core.pseudonym)
under the key the run context hands over.
`DISCORD_BOT_TOKEN` missing from the run's settings or no `discord_guilds` configured: the source
is skipped, said so.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

from collectors.base import Batch, RunContext, SourceSkipped
from collectors.discord.guild import GuildRun, guild_batches
from collectors.discord.session import drive, rest_client
from core.registry import Project


def collect(project: Project, ctx: RunContext) -> Iterator[Batch]:
    if not project.discord_guilds:
        raise SourceSkipped("no discord_guilds configured for this project")
    token = ctx.settings.discord_bot_token
    if not token:
        raise SourceSkipped("DISCORD_BOT_TOKEN is not set")
    pseudonym = ctx.pseudonymizer("discord")
    base_url = ctx.settings.discord_api_base
    yield from drive(lambda: _batches(project, ctx, token, base_url, pseudonym))


async def _batches(
    project: Project, ctx: RunContext, token: str, base_url: str, pseudonym
) -> AsyncIterator[Batch]:
    async with rest_client(token, base_url, ctx.stats, ctx.max_wait) as client:
        for guild_id in project.discord_guilds:
            run = GuildRun(project.id, guild_id, ctx, pseudonym, ctx.max_wait)
            async for batch in guild_batches(client, run):
                yield batch
