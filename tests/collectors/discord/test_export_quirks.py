"""Quirks of DiscordChatExporter's JSON across versions (reference/discord.md §9), on a file
written out by hand in the exporter's shape."""

import json
import re

from collectors.discord_export import read_export
from core.pseudonym import Pseudonymizer
from core.registry import Project

GUILD = "700000000000000001"
PROJECT = Project(id="p", name="P", organizational_model="company", discord_guilds=(GUILD,))
KEY = Pseudonymizer(b"quirks-key-0123456789abcdef0123456789")

# an older build: no exportedAt, no reference.type, no roles, local timestamps (UTC-3)
OLD_THREAD = """{
  "guild": {"id": "700000000000000001", "name": "Example", "iconUrl": "https://cdn/x.png"},
  "channel": {"id": "1000000000000000100", "type": "GuildPublicThread",
              "category": "general", "name": "Why does my loss explode?", "topic": null},
  "dateRange": {"after": null, "before": null},
  "messages": [
    {"id": "1000000000000000200", "type": "Default", "timestamp": "2023-05-01T09:00:00.123-03:00",
     "timestampEdited": null, "callEndedTimestamp": null, "isPinned": false, "content": "hi all",
     "author": {"id": "111111111111111111", "name": "ann", "discriminator": "0000",
                "nickname": "Ann", "color": null, "isBot": false, "avatarUrl": "https://cdn/a.png"},
     "attachments": [], "embeds": [], "stickers": [], "reactions": [], "mentions": []},
    {"id": "1000000000000000300", "type": "Default", "timestamp": "2023-05-01T09:05:00-03:00",
     "content": "old builds type replies Default",
     "author": {"id": "222222222222222222", "name": "bob", "discriminator": "0000", "isBot": false},
     "reactions": [{"emoji": {"id": "", "name": "👍"}, "count": 2},
                   {"emoji": {"id": "", "name": "🎉"}, "count": 1}],
     "reference": {"messageId": "1000000000000000200", "channelId": "1000000000000000100",
                   "guildId": "700000000000000001"}},
    {"id": "1000000000000000400", "type": "ThreadCreated", "timestamp": "2023-05-01T09:06:00-03:00",
     "content": "Started a thread.",
     "author": {"id": "222222222222222222", "name": "bob", "discriminator": "0000", "isBot": false},
     "reference": {"messageId": null, "channelId": "1000000000000000999", "guildId": null}},
    {"id": "1000000000000000500", "type": "Reply", "timestamp": "2023-05-01T12:10:00+00:00",
     "content": "forwarded", "author": {"id": "333333333333333333", "name": "aLittleSpammyBot",
     "discriminator": "0000", "isBot": false},
     "reference": {"type": "Forward", "messageId": "1000000000000000300",
                   "channelId": "1000000000000000100", "guildId": "700000000000000001"}},
    {"id": "1000000000000000600", "type": "20", "timestamp": "2023-05-01T12:11:00+00:00",
     "content": "", "author": {"id": "444444444444444444", "name": "helper", "isBot": true}},
    {"id": "1000000000000000700", "type": "SomeKindFromTheFuture",
     "timestamp": "2023-05-01T12:12:00+00:00", "content": "",
     "author": {"id": "111111111111111111", "name": "ann", "isBot": false}}
  ],
  "messageCount": 6
}"""


def _parse(tmp_path, text=OLD_THREAD):
    path = tmp_path / "thread.json"
    path.write_text(text, encoding="utf-8")
    return read_export(path, PROJECT, KEY)


def test_older_thread_export(tmp_path):
    parsed = _parse(tmp_path)
    # no categoryId in this build: the parent is unknown, the thread still counts (see SQL)
    assert parsed.channel["kind"] == "public_thread" and parsed.channel["parent_id"] is None
    assert parsed.channel["name"] is None  # a thread title is user text
    rows = {m["message_id"][-3:]: m for m in parsed.messages}
    assert [rows[k]["message_type"] for k in ("200", "300", "400", "500", "600", "700")] == [
        0,
        19,  # "Default" with a reference: a reply in an older build
        18,
        19,
        20,  # other kinds are written as their number
        -1,  # a kind this importer does not know: kept, never speech
    ]
    assert rows["300"]["reply_to_id"] == "1000000000000000200"
    assert rows["400"]["reply_to_id"] is None  # ThreadCreated points at no message
    assert rows["500"]["reply_to_id"] is None  # a forward is not a reply
    assert rows["300"]["reaction_count"] == 3
    assert rows["500"]["author_is_bot"] is False  # the name says bot; isBot is the only signal
    assert rows["600"]["author_is_bot"] is True
    assert (
        rows["200"]["author_pseudonym"]
        == rows["700"]["author_pseudonym"]
        == KEY("111111111111111111")
    )


def test_times_come_from_the_ids_in_utc(tmp_path):
    parsed = _parse(tmp_path)
    # 1000000000000000200 >> 22 = 238418579101 ms after 2015-01-01: 2022-07-22T11:22:59.101 UTC
    first = parsed.messages[0]["created_at"]
    assert first.utcoffset().total_seconds() == 0
    assert first.isoformat() == "2022-07-22T11:22:59.101000+00:00"


def test_no_text_or_name_survives_parsing(tmp_path):
    parsed = _parse(tmp_path)
    dump = json.dumps([parsed.guild, parsed.channel, *parsed.messages], default=str)
    for secret in (
        "hi all",
        "Default",
        "loss explode",
        "ann",
        "bob",
        "aLittleSpammyBot",
        "111111111111111111",
    ):
        assert not re.search(rf"\b{re.escape(secret)}\b", dump), secret
