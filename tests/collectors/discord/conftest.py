"""Fixtures of the Discord collector tests; their helpers are in discordkit.py."""

from __future__ import annotations

import pytest

from fakes.discord_server import DiscordServer, FakeDiscord


@pytest.fixture
def discord_env(monkeypatch, tmp_path):
    """Point the collector at a fake server: returns a function serving a FakeDiscord."""
    monkeypatch.setenv("DISCORD_BOT_TOKEN", FakeDiscord().token)
    monkeypatch.setenv("ONRAMP_PSEUDONYM_KEY_FILE", str(tmp_path / "keys" / "pseudonym.key"))
    servers = []

    def serve(fake: FakeDiscord) -> DiscordServer:
        server = DiscordServer(fake).__enter__()
        servers.append(server)
        monkeypatch.setenv("DISCORD_API_BASE", server.base_url)
        return server

    yield serve
    for server in servers:
        server.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _no_outside_key_file(monkeypatch):
    """A developer's own key file never takes part in a test."""
    monkeypatch.delenv("ONRAMP_PSEUDONYM_KEY_FILE", raising=False)
