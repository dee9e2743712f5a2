"""A small guild on the fake Discord server, and a way to collect it into a fresh warehouse."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from fakes.discord_server import (
    CATEGORY,
    FORUM,
    NEWS,
    TEXT,
    VOICE,
    DiscordServer,
    FakeDiscord,
)

from onramp.collect import run_collection
from onramp.config import Project
from warehouse.db import connect

T0 = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


@dataclass
class SmallGuild:
    fake: FakeDiscord
    guild_id: int
    general: int
    news: int
    forum: int
    voice: int
    thread: int  # in general, archived
    post_open: int  # forum post, active
    post_archived: int  # forum post, archived

    @property
    def project(self) -> Project:
        return Project(id="p", name="P", organizational_model="company", discord_guilds=(str(self.guild_id),))


def small_guild() -> SmallGuild:
    """Ann, Bob and Cy talk in #general, #news and the #help forum; a bot and a webhook too.

    Counted messages (text, announcement, forum posts, threads): 13. The voice channel's text chat
    is outside DESIGN.md §4 and is never read."""
    fake = FakeDiscord()
    ann, bob, cy = fake.user("ann"), fake.user("bob"), fake.user("cy")
    bot = fake.user("helperbot", bot=True)
    g = fake.add_guild("Small guild", members=321, online=45)
    category = fake.add_channel(g, "Text channels", CATEGORY)
    general = fake.add_channel(g, "general", TEXT, parent_id=category)
    news = fake.add_channel(g, "news", NEWS, parent_id=category)
    forum = fake.add_channel(g, "help", FORUM)
    voice = fake.add_channel(g, "Lounge", VOICE)
    first = fake.post(general, ann, T0)
    fake.post(general, bob, T0 + timedelta(minutes=5), type=19, reply_to=first, reactions=(2, 1))
    fake.post(general, bot, T0 + timedelta(minutes=6))
    fake.post(general, cy, T0 + timedelta(minutes=7), webhook=True)
    fake.post(news, ann, T0 + timedelta(hours=1), reactions=(5,))
    thread = fake.add_thread(general, bob, T0 + timedelta(hours=2))
    fake.post(thread, bob, T0 + timedelta(hours=2, minutes=1))
    fake.post(thread, cy, T0 + timedelta(hours=2, minutes=30))
    fake.archive(thread, T0 + timedelta(days=2))
    post_open = fake.add_thread(forum, cy, T0 + timedelta(days=1))
    fake.post(post_open, cy, T0 + timedelta(days=1), message_id=post_open)  # starter: id = thread id
    fake.post(post_open, ann, T0 + timedelta(days=1, minutes=42))
    post_archived = fake.add_thread(forum, ann, T0 + timedelta(days=3), archived_at=T0 + timedelta(days=6))
    fake.post(post_archived, ann, T0 + timedelta(days=3), message_id=post_archived)
    fake.post(post_archived, bot, T0 + timedelta(days=3, minutes=1))
    fake.post(voice, bob, T0 + timedelta(days=4))  # voice text chat: not counted, never read
    return SmallGuild(fake, g, general, news, forum, voice, thread, post_open, post_archived)


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


def collect(db, project: Project, **options):
    """One `onramp collect --source discord` run for `project` into the warehouse at `db`."""
    with connect(db) as con:
        return run_collection(con, project, "discord", _collector(), progress=False, warn=_warnings.append, **options)


_warnings: list[str] = []


def _collector():
    from collectors.discord import collect as discord_collect

    return discord_collect
