"""No message text, no user name and no raw user id anywhere in the warehouse; pseudonyms are
keyed, stable, and the same whichever way a person's messages arrive."""

import os
import re
from datetime import timedelta

import pytest

from core.errors import OnrampError
from core.pseudonym import load_key, pseudonym
from core.settings import Paths
from onramp.commands.import_discord import import_files
from warehouse.db import connect

from discordkit import T0, collect, dce_document, small_guild, write_json
from fakes.discord_server import TEXT


def _every_value(db) -> list[str]:
    """Every value of every column of every table, as text."""
    with connect(db) as con:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'main'"
            ).fetchall()
        ]
        values = []
        for table in tables:
            for row in con.execute(f"select * from {table}").fetchall():
                values += [str(v) for v in row if v is not None]
    return values


def test_no_text_names_or_raw_ids_anywhere(tmp_path, discord_env):
    sg = small_guild()
    hidden = sg.fake.add_channel(
        sg.guild_id, "staff", TEXT
    )  # the bot cannot read it: exported instead
    sg.fake.forbidden.add(hidden)
    sg.fake.post(hidden, sg.fake.user("eve"), T0 + timedelta(days=5))
    discord_env(sg.fake)
    db = tmp_path / "w.duckdb"
    assert collect(db, sg.project).status == "ok"
    export = write_json(tmp_path / "staff.json", dce_document(sg.fake, hidden))
    broken = tmp_path / "broken.json"
    document = dce_document(sg.fake, sg.general)
    document["messages"][0]["author"]["id"] = "not-an-id"
    write_json(broken, document)
    import_files(
        Paths(tmp_path / "p.toml", db), sg.project, [export, broken], log=lambda line: None
    )
    values = _every_value(db)
    assert len(values) > 100
    for secret in sg.fake.all_secrets():
        # user names as whole words ("ann" is in "announcement"), the rest anywhere
        pattern = re.compile(rf"\b{re.escape(secret)}\b" if secret.isalnum() else re.escape(secret))
        leaks = [v for v in values if pattern.search(v)]
        assert not leaks, f"{secret!r} found in the warehouse: {leaks[:3]}"


def test_same_person_same_pseudonym_in_bot_and_export_rows(tmp_path, discord_env):
    sg = small_guild()
    hidden = sg.fake.add_channel(sg.guild_id, "staff", TEXT)
    sg.fake.forbidden.add(hidden)
    ann = sg.fake.user("ann")
    exported_id = sg.fake.post(hidden, ann, T0 + timedelta(days=5))
    discord_env(sg.fake)
    db = tmp_path / "w.duckdb"
    collect(db, sg.project)
    write_json(tmp_path / "staff.json", dce_document(sg.fake, hidden))
    assert (
        import_files(
            Paths(tmp_path / "p.toml", db), sg.project, [tmp_path / "staff.json"], log=print
        )
        == 0
    )
    with connect(db) as con:
        rows = con.execute(
            "select message_id, author_pseudonym, provenance from discord_messages"
        ).fetchall()
    exported = {p for m, p, prov in rows if m == str(exported_id)}
    from_bot = {
        p for m, p, prov in rows if m == str(sg.fake.messages[sg.general][0].id)
    }  # ann's first
    assert exported == from_bot and len(exported) == 1
    assert {prov for m, p, prov in rows if m == str(exported_id)} == {"export"}


def test_key_file_is_made_once_owner_only_outside_the_database(tmp_path, monkeypatch):
    monkeypatch.setenv("ONRAMP_DB", str(tmp_path / "data" / "onramp.duckdb"))
    said = []
    key = load_key(log=said.append)
    path = tmp_path / "data" / "pseudonym.key"
    assert path.exists() and (path.stat().st_mode & 0o777) == 0o600
    assert load_key(log=said.append) == key  # read back, never regenerated
    assert len(said) == 1 and f"generated the pseudonym key {path}" in said[0]
    monkeypatch.setenv("ONRAMP_PSEUDONYM_KEY_FILE", str(tmp_path / "elsewhere" / "k"))
    assert load_key() != key and (tmp_path / "elsewhere" / "k").exists()


def test_environment_key_wins_and_changes_every_pseudonym(tmp_path, monkeypatch):
    monkeypatch.setenv("ONRAMP_PSEUDONYM_KEY_FILE", str(tmp_path / "k"))
    from_file = pseudonym(load_key(), "discord", 42)
    monkeypatch.setenv("ONRAMP_PSEUDONYM_KEY", "a-deployment-secret-of-enough-length")
    from_env = pseudonym(load_key(), "discord", 42)
    assert from_env != from_file and len(from_env) == 32
    assert from_env == pseudonym(b"a-deployment-secret-of-enough-length", "discord", "42")


def test_a_key_file_others_can_read_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "k"
    path.write_text("x" * 64)
    os.chmod(path, 0o644)
    monkeypatch.setenv("ONRAMP_PSEUDONYM_KEY_FILE", str(path))
    with pytest.raises(OnrampError, match=r"readable by others .*`chmod 600 "):
        load_key()
