"""Issue 23: a network failure in the middle of a Discord collection is named as what it is (the
host, the failure, the guild and channel), never reported as a "skipped" channel, and stops the
source like any unreachable host."""

from __future__ import annotations

import os

from collectors.discord import collect as discord_collect
from core.settings import Settings
from onramp.orchestrator import run_collection
from warehouse.db import connect

from discordkit import small_guild
from fakes.discord_server import DiscordServer


def test_a_host_gone_mid_collection_is_named_not_skipped(tmp_path, discord_env):
    sg = small_guild()  # discord_env: the bot token and a key file; the server is ours to stop
    server = DiscordServer(sg.fake).__enter__()
    settings = Settings.from_env({**os.environ, "DISCORD_API_BASE": server.base_url})
    warnings: list[str] = []

    def collector(project, ctx):
        """The real collector; the server goes away once the guild's inventory is stored."""
        for number, batch in enumerate(discord_collect(project, ctx)):
            yield batch
            if number == 0:
                server.__exit__(None, None, None)

    with connect(tmp_path / "w.duckdb") as con:
        outcome = run_collection(
            con, sg.project, "discord", collector, progress=False, warn=warnings.append,
            settings=settings,
        )  # fmt: skip
    assert outcome.status == "failed"
    assert not any("skipped" in w for w in warnings), warnings
    host = f"127.0.0.1:{server.port}"
    channel = f"p discord guild {sg.guild_id} channel {sg.general}"
    assert outcome.message == f"discord: {host} unreachable: connection refused ({channel})"
    assert outcome.unreachable  # `onramp collect` asks Discord nothing more this run
