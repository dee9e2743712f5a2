"""`onramp import-discord`: DiscordChatExporter JSON exports into the same tables as the bot."""

import json

import pytest

from collectors.discord_export import read_export
from core.errors import OnrampError
from core.pseudonym import Pseudonymizer
from core.settings import Paths
from onramp.cli import main
from onramp.commands.import_discord import import_files
from warehouse.db import connect

from discordkit import collect, dce_document, small_guild, write_json

FACTS = (
    "select message_id, channel_id, created_at, author_pseudonym, author_is_bot, reply_to_id, "
    "reaction_count, message_type from discord_messages order by message_id"
)


def _export_all(sg, tmp_path, *, old=False) -> list:
    out = tmp_path / ("old" if old else "new")
    out.mkdir(exist_ok=True)
    streams = (sg.general, sg.news, sg.thread, sg.post_open, sg.post_archived, sg.voice)
    return [write_json(out / f"{c}.json", dce_document(sg.fake, c, old=old)) for c in streams]


def _import(db, sg, files, logs=None) -> int:
    paths = Paths(config=db.with_name("projects.toml"), raw_db=db)
    return import_files(paths, sg.project, files, log=(logs if logs is not None else []).append)


def _facts(db):
    with connect(db) as con:
        return con.execute(FACTS).fetchall()


@pytest.mark.parametrize("old", [False, True], ids=["current-export", "older-export"])
def test_export_gives_the_same_rows_as_the_bot(tmp_path, discord_env, old):
    sg = small_guild()
    discord_env(sg.fake)
    bot_db, export_db = tmp_path / "bot.duckdb", tmp_path / "export.duckdb"
    assert collect(bot_db, sg.project).status == "ok"
    logs = []
    assert _import(export_db, sg, _export_all(sg, tmp_path, old=old), logs) == 0
    assert _facts(export_db) == _facts(bot_db)  # same ids, times (UTC), pseudonyms, replies, counts
    assert any("skipped (GuildVoiceChat channels are not counted)" in line for line in logs)
    with connect(export_db) as con:
        assert con.execute("select distinct provenance from discord_messages").fetchall() == [
            ("export",)
        ]
        run = con.execute(
            "select source, project, status, rows_written from collection_runs"
        ).fetchone()
    assert run[:3] == ("discord-export", "p", "ok") and run[3] > 0


def test_import_over_bot_data_keeps_what_the_bot_knew(tmp_path, discord_env):
    sg = small_guild()
    discord_env(sg.fake)
    db = tmp_path / "w.duckdb"
    collect(db, sg.project)
    with connect(db) as con:
        owners = con.execute(
            "select channel_id, owner_pseudonym, last_message_id from discord_channels"
        ).fetchall()
    before = _facts(db)
    assert _import(db, sg, _export_all(sg, tmp_path)) == 0
    assert (
        _import(db, sg, _export_all(sg, tmp_path, old=True)) == 0
    )  # overlapping exports: no duplicates
    assert _facts(db) == before
    with connect(db) as con:
        assert (
            con.execute(
                "select channel_id, owner_pseudonym, last_message_id from discord_channels"
            ).fetchall()
            == owners
        )


def test_a_directory_means_its_json_files(tmp_path, discord_env):
    sg = small_guild()
    files = _export_all(sg, tmp_path)
    db = tmp_path / "w.duckdb"
    assert _import(db, sg, [files[0].parent]) == 0
    assert len(_facts(db)) == 11


def test_thread_owner_comes_from_a_forum_posts_starter(tmp_path):
    sg = small_guild()
    parsed = read_export(
        write_json(tmp_path / "t.json", dce_document(sg.fake, sg.post_open)),
        sg.project,
        Pseudonymizer(b"k" * 32),
    )
    assert parsed.channel["owner_pseudonym"] == Pseudonymizer(b"k" * 32)(sg.fake.user("cy").id)
    assert parsed.channel["parent_id"] == str(sg.forum) and parsed.channel["name"] is None


def _bad(tmp_path, sg, name, mutate) -> tuple:
    document = dce_document(sg.fake, sg.general)
    text = mutate(document)
    path = tmp_path / name
    path.write_text(text if isinstance(text, str) else json.dumps(document), encoding="utf-8")
    return path


BAD_FILES = {
    "truncated.json": (lambda d: json.dumps(d)[:-40], "invalid JSON at line 1 column"),
    "short.json": (
        lambda d: d.update(messageCount=9),
        "messageCount: says 9 messages but the file holds 4",
    ),
    "other-guild.json": (
        lambda d: d["guild"].update(id="999999999999999999"),
        "guild.id: guild 999999999999999999 is not in project 'p'",
    ),
    "dm.json": (lambda d: d["channel"].update(type="DirectTextChat"), "is a direct-message export"),
    "no-author.json": (
        lambda d: d["messages"][2]["author"].pop("id") and None,
        "messages[2].author.id: missing or not a snowflake id (a string of digits)",
    ),
    "bad-time.json": (
        lambda d: d["messages"][1].update(timestamp="yesterday"),
        "messages[1].timestamp",
    ),
    "naive-time.json": (
        lambda d: d["messages"][0].update(timestamp="2024-03-01T12:00:00"),
        "has no UTC offset",
    ),
    "export.csv": (lambda d: "AuthorID,Author,Date,Content\n1,a,b,c\n", "not a JSON export"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_is_one_clear_line_and_loads_nothing(tmp_path, name):
    sg = small_guild()
    mutate, expected = BAD_FILES[name]
    bad = _bad(tmp_path, sg, name, mutate)
    good = write_json(tmp_path / "news.json", dce_document(sg.fake, sg.news))
    db, logs = tmp_path / "w.duckdb", []
    assert _import(db, sg, [bad, good], logs) == 1
    errors = [line for line in logs if line.startswith("onramp: ")]
    assert len(errors) == 1 and errors[0].startswith(f"onramp: {bad}: ") and expected in errors[0]
    assert (
        str(sg.fake.user("bob").id) not in errors[0]
    )  # a raw user id is never echoed (runs store errors)
    with connect(db) as con:
        assert {
            r[0] for r in con.execute("select channel_id from discord_messages").fetchall()
        } == {str(sg.news)}
        assert con.execute("select status from collection_runs").fetchone()[0] == "partial"


def test_cli_import_discord(tmp_path, capsys):
    sg = small_guild()
    config = tmp_path / "projects.toml"
    config.write_text(
        f'[[project]]\nid = "p"\nname = "P"\norganizational_model = "company"\n'
        f'discord_guilds = ["{sg.guild_id}"]\n'
    )
    files = [str(f) for f in _export_all(sg, tmp_path)]
    db = tmp_path / "cli.duckdb"
    assert (
        main(["import-discord", "--config", str(config), "--db", str(db), "--project", "p", *files])
        == 0
    )
    assert len(_facts(db)) == 11
    # the key was generated beside the warehouse, readable by its owner only
    assert (db.with_name("pseudonym.key").stat().st_mode & 0o777) == 0o600
    missing = main(
        ["import-discord", "--config", str(config), "--db", str(db), "--project", "p", "nope.json"]
    )
    assert missing == 1
    assert "onramp: nope.json: no such file" in capsys.readouterr().err


def test_no_files_is_an_error(tmp_path):
    sg = small_guild()
    with pytest.raises(OnrampError, match="no JSON files"):
        _import(tmp_path / "w.duckdb", sg, [tmp_path])


def _anchored_thread(sg):
    """#general's message that #general's archived thread was started from (same id), and the
    thread's file as DiscordChatExporter 2.47.3+ writes it: the anchor repeated at its top."""
    from datetime import timedelta

    from discordkit import T0

    sg.fake.post(sg.general, sg.fake.user("dee"), T0 + timedelta(hours=2), message_id=sg.thread)
    general = dce_document(sg.fake, sg.general)
    anchor = next(m for m in general["messages"] if m["id"] == str(sg.thread))
    thread = dce_document(sg.fake, sg.thread)
    thread["messages"].insert(0, anchor)
    thread["messageCount"] += 1
    return general, thread


@pytest.mark.parametrize("order", ["parent-first", "thread-first"])
def test_a_thread_anchor_repeated_by_dce_2_47_3_is_stored_in_its_parent(tmp_path, discord_env,
                                                                       order):  # fmt: skip
    """Issue 23: DiscordChatExporter 2.47.3 and later repeat a thread's anchor message in the
    thread's file (Tyrrrz/DiscordChatExporter#1557); the import order decided where it was
    stored. It belongs to the parent channel, as the bot stores it, whichever file comes first."""
    sg = small_guild()
    general, thread = _anchored_thread(sg)
    files = {"parent": write_json(tmp_path / "general.json", general),
             "thread": write_json(tmp_path / "thread.json", thread)}  # fmt: skip
    first, second = ("parent", "thread") if order == "parent-first" else ("thread", "parent")
    db = tmp_path / f"{order}.duckdb"
    assert _import(db, sg, [files[first], files[second]]) == 0
    with connect(db) as con:
        where = con.execute(
            "select channel_id from discord_messages where message_id = ?", [str(sg.thread)]
        ).fetchall()
        total = con.execute("select count(*) from discord_messages").fetchone()[0]
    assert where == [(str(sg.general),)]
    assert total == len(general["messages"]) + len(thread["messages"]) - 1  # stored once


def test_the_bot_and_both_import_orders_agree_on_the_anchor(tmp_path, discord_env):
    sg = small_guild()
    general, thread = _anchored_thread(sg)
    discord_env(sg.fake)
    assert collect(tmp_path / "bot.duckdb", sg.project).status == "ok"
    parent, threaded = (
        write_json(tmp_path / "g.json", general),
        write_json(tmp_path / "t.json", thread),
    )
    _import(tmp_path / "a.duckdb", sg, [parent, threaded])
    _import(tmp_path / "b.duckdb", sg, [threaded, parent])
    query = "select channel_id from discord_messages where message_id = ?"
    answers = set()
    for db in ("bot", "a", "b"):
        with connect(tmp_path / f"{db}.duckdb") as con:
            answers.add(tuple(con.execute(query, [str(sg.thread)]).fetchall()))
    assert answers == {((str(sg.general),),)}


def test_a_forum_post_starter_stays_in_its_post(tmp_path, discord_env):
    """A forum post's starter message has the post's id too, but lives in the post."""
    sg = small_guild()
    forum = write_json(tmp_path / "forum.json", dce_document(sg.fake, sg.forum))
    post = write_json(tmp_path / "post.json", dce_document(sg.fake, sg.post_open))
    assert _import(tmp_path / "w.duckdb", sg, [forum, post]) == 0
    with connect(tmp_path / "w.duckdb") as con:
        where = con.execute(
            "select channel_id from discord_messages where message_id = ?", [str(sg.post_open)]
        ).fetchall()
    assert where == [(str(sg.post_open),)]
