"""Helpers for the Discord collector tests: a small guild, one collection run, and
DiscordChatExporter documents. (A named module, not conftest: another folder's conftest could
shadow `from conftest import ...`.)"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from core.registry import Project
from core.settings import Settings
from onramp.orchestrator import run_collection
from warehouse.db import connect

from fakes.discord_server import (
    CATEGORY,
    FORUM,
    NEWS,
    TEXT,
    VOICE,
    FakeDiscord,
)
from rawscan import stringified_objects

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
        return Project(
            id="p", name="P", organizational_model="company", discord_guilds=(str(self.guild_id),)
        )


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
    fake.post(
        post_open, cy, T0 + timedelta(days=1), message_id=post_open
    )  # starter: id = thread id
    fake.post(post_open, ann, T0 + timedelta(days=1, minutes=42))
    post_archived = fake.add_thread(
        forum, ann, T0 + timedelta(days=3), archived_at=T0 + timedelta(days=6)
    )
    fake.post(post_archived, ann, T0 + timedelta(days=3), message_id=post_archived)
    fake.post(post_archived, bot, T0 + timedelta(days=3, minutes=1))
    fake.post(voice, bob, T0 + timedelta(days=4))  # voice text chat: not counted, never read
    return SmallGuild(fake, g, general, news, forum, voice, thread, post_open, post_archived)


def collect(db, project: Project, **options):
    """One `onramp collect --source discord` run for `project` into the warehouse at `db`."""
    with connect(db) as con:
        outcome = run_collection(
            con, project, "discord", _collector(), progress=False, warn=_warnings.append,
            settings=Settings.from_env(), **options,
        )  # fmt: skip
        assert stringified_objects(con) == []  # after every collection (issue 9)
        return outcome


_warnings: list[str] = []


def _collector():
    from collectors.discord import collect as discord_collect

    return discord_collect


# ------------------------------------------------------------------ DiscordChatExporter documents

DCE_CHANNEL_TYPES = {
    TEXT: "GuildTextChat",
    NEWS: "GuildNews",
    FORUM: "GuildForum",
    VOICE: "GuildVoiceChat",
    11: "GuildPublicThread",
    12: "GuildPrivateThread",
    10: "GuildNewsThread",
}
DCE_KINDS = {0: "Default", 7: "GuildMemberJoin", 18: "ThreadCreated", 19: "Reply"}


def dce_document(
    fake: FakeDiscord, channel_id: int, *, old: bool = False, offset_hours: int = -3
) -> dict:
    """A DiscordChatExporter JSON export of one channel or thread of the fake, as DCE writes it:
    local timestamps with an offset, author names, text, roles. `old` mimics older builds: replies
    typed "Default", no reference.type, no roles, no reaction users, no exportedAt."""
    from fakes.discord_server import snowflake_time

    channel = fake.channels[channel_id]
    guild = fake.guilds[int(channel["guild_id"])]
    zone = timezone(timedelta(hours=offset_hours))
    messages = []
    for m in fake.messages[channel_id]:
        kind = DCE_KINDS.get(m.type, str(m.type))
        if old and kind == "Reply":
            kind = "Default"
        author = {
            "id": str(m.author.id),
            "name": m.author.name,
            "discriminator": "0000",
            "nickname": m.author.name.title(),
            "color": None,
            "isBot": m.author.bot or m.webhook_id is not None,
            "avatarUrl": f"https://cdn.example/{m.author.name}.png",
        }
        if not old:
            author["roles"] = [{"id": "1", "name": "secret role", "color": None, "position": 1}]
        message = {
            "id": str(m.id),
            "type": kind,
            "timestamp": snowflake_time(m.id).astimezone(zone).isoformat(timespec="milliseconds"),
            "timestampEdited": None,
            "callEndedTimestamp": None,
            "isPinned": False,
            "content": f"secret words of {m.author.name}",
            "author": author,
            "attachments": [],
            "embeds": [],
            "stickers": [],
            "mentions": [],
            "inlineEmojis": [],
            "reactions": [
                {
                    "emoji": {
                        "id": "",
                        "name": "👍",
                        "code": "thumbsup",
                        "isAnimated": False,
                        "imageUrl": "https://cdn.example/e.svg",
                    },
                    "count": n,
                }
                for n in m.reactions
            ],
        }
        if not old:
            for reaction in message["reactions"]:
                reaction["users"] = [{"id": str(m.author.id), "name": m.author.name}]
        if m.reply_to is not None:
            message["reference"] = {
                "messageId": str(m.reply_to),
                "channelId": str(channel_id),
                "guildId": channel["guild_id"],
            }
            if not old:
                message["reference"]["type"] = "Default"
        messages.append(message)
    parent = channel.get("parent_id")
    document = {
        "guild": {"id": guild["id"], "name": guild["name"], "iconUrl": "https://cdn.example/g.png"},
        "channel": {
            "id": str(channel_id),
            "type": DCE_CHANNEL_TYPES[channel["type"]],
            "categoryId": parent,
            "category": "Text channels" if parent else None,
            "name": channel["name"],
            "topic": channel.get("topic"),
        },
        "dateRange": {"after": None, "before": None},
        "messages": messages,
        "messageCount": len(messages),
    }
    if not old:
        document["exportedAt"] = "2024-04-01T00:00:00.000+00:00"
    return document


def write_json(path, document) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path
