"""Webhook messages in DiscordChatExporter exports are not people, as in the bot path.

DCE writes no webhook marker (tests/fixtures/real/SOURCE_NOTES.md §1): a webhook's author is
Discord's (`bot: true`, discriminator "0000", as the real 2016 payload in
tests/fixtures/real/discord_gateway_message_update_webhook_author_2016.json shows). The worst cases
are exercised here: an export whose webhook author says `isBot: false` but posts under two names,
and an older build's export with no `isBot` at all."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import duckdb

from core.registry import Project, Registry
from core.settings import Paths
from onramp.commands.import_discord import import_files
from warehouse.build import build

from discordkit import T0, collect, dce_document, write_json
from fakes.discord_server import TEXT, FakeDiscord

REAL = Path(__file__).resolve().parents[2] / "fixtures" / "real"


def guild():
    """Ann and Bob talk in #general; a webhook posts three messages, as "GitHub" and "CI".
    Hand count for 2024-03: dc_messages 3 (ann 2, bob 1), dc_active_members 2, dc_new_speakers 2."""
    fake = FakeDiscord()
    ann, bob, hook = fake.user("ann"), fake.user("bob"), fake.user("hook")
    g = fake.add_guild("Webhook guild")
    general = fake.add_channel(g, "general", TEXT)
    fake.post(general, ann, T0)
    fake.post(general, hook, T0 + timedelta(minutes=1), webhook=True)
    fake.post(general, bob, T0 + timedelta(minutes=2))
    fake.post(general, hook, T0 + timedelta(minutes=3), webhook=True)
    fake.post(general, hook, T0 + timedelta(minutes=4), webhook=True)
    fake.post(general, ann, T0 + timedelta(minutes=5))
    project = Project(id="p", name="P", organizational_model="company", discord_guilds=(str(g),))
    return fake, project, general, hook


def export(fake, general, hook, tmp_path, mutate) -> Path:
    document = dce_document(fake, general)
    for i, m in enumerate(m for m in document["messages"] if m["author"]["id"] == str(hook.id)):
        m["author"]["name"] = ("GitHub", "CI")[i % 2]  # the webhook's per-message name
    for m in document["messages"]:
        mutate(m["author"], m["author"]["id"] == str(hook.id))
    return write_json(tmp_path / "general.json", document)


def indicators(db: Path, project) -> dict:
    published = db.with_name(db.stem + ".published.duckdb")
    build(db, published, Registry(path=db.with_name("projects.toml"), projects=(project,)))
    with duckdb.connect(str(published), read_only=True) as con:
        rows = con.execute(
            "select month, indicator, value from fct_indicators where indicator like 'dc_%' "
            "and value is not null order by all"
        ).fetchall()
    return {(m, i): v for m, i, v in rows}


def bot_flags(db: Path) -> list:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "select message_id, author_is_bot from discord_messages order by message_id"
        ).fetchall()


def _import(db: Path, project, file: Path) -> int:
    paths = Paths(config=db.with_name("projects.toml"), raw_db=db)
    return import_files(paths, project, [file], log=lambda line: None)


def test_the_real_webhook_author_says_bot_and_0000():
    payload = json.loads(
        (REAL / "discord_gateway_message_update_webhook_author_2016.json").read_text()
    )
    assert payload["author"]["bot"] is True
    assert payload["author"]["discriminator"] == "0000"


def test_a_webhook_posting_under_two_names_is_a_bot_and_indicators_match(tmp_path, discord_env):
    fake, project, general, hook = guild()
    discord_env(fake)
    bot_db, export_db = tmp_path / "bot.duckdb", tmp_path / "export.duckdb"
    assert collect(bot_db, project).status == "ok"

    def worst_case(author, is_hook):
        author["isBot"] = False if is_hook else author["isBot"]

    assert _import(export_db, project, export(fake, general, hook, tmp_path, worst_case)) == 0
    assert bot_flags(export_db) == bot_flags(bot_db)
    assert [flag for _id, flag in bot_flags(export_db)] == [False, True, False, True, True, False]
    got = indicators(export_db, project)
    assert got == indicators(bot_db, project)
    assert got[("2024-03", "dc_messages")] == 3
    assert got[("2024-03", "dc_active_members")] == 2


def test_an_export_without_isbot_reads_0000_as_a_webhook(tmp_path, discord_env):
    fake, project, general, hook = guild()
    discord_env(fake)
    bot_db, export_db = tmp_path / "bot.duckdb", tmp_path / "export.duckdb"
    assert collect(bot_db, project).status == "ok"

    def older_build(author, is_hook):
        del author["isBot"]
        author["name"] = "GitHub" if is_hook else author["name"]  # one name: only "0000" tells
        author["discriminator"] = "0000" if is_hook else "4821"  # before the username migration

    assert _import(export_db, project, export(fake, general, hook, tmp_path, older_build)) == 0
    assert bot_flags(export_db) == bot_flags(bot_db)
    assert indicators(export_db, project) == indicators(bot_db, project)
