"""A warehouse remembers which pseudonym key its Discord rows were made with (a fingerprint, never
the key): a run with another key, or with none, is refused before anything is written."""

from datetime import timedelta

import pytest

from core.pseudonym import PseudonymKeyError, key_fingerprint
from onramp.cli import main
from warehouse.db import connect

from discordkit import T0, collect, dce_document, small_guild, write_json

KEY_A = "the-first-deployment-key-0123456789abcdef"
KEY_B = "a-different-deployment-key-0123456789abcd"


def _contents(db) -> dict[str, list]:
    """Every row of every table, to tell an untouched warehouse from a touched one."""
    with connect(db) as con:
        tables = [r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()]
        return {
            t: sorted(map(repr, con.execute(f'select * from "{t}"').fetchall())) for t in tables
        }


def _first_collection(db, monkeypatch, discord_env, key=KEY_A):
    sg = small_guild()
    discord_env(sg.fake)
    monkeypatch.setenv("ONRAMP_PSEUDONYM_KEY", key)
    assert collect(db, sg.project).status == "ok"
    return sg


def test_the_fingerprint_is_recorded_and_is_not_the_key(tmp_path, monkeypatch, discord_env):
    db = tmp_path / "w.duckdb"
    _first_collection(db, monkeypatch, discord_env)
    with connect(db) as con:
        rows = con.execute("select name, value from warehouse_facts").fetchall()
    assert rows == [("pseudonym_key_fingerprint", key_fingerprint(KEY_A.encode()))]
    assert KEY_A not in repr(_contents(db))


def test_another_key_fails_before_any_write(tmp_path, monkeypatch, discord_env):
    db = tmp_path / "w.duckdb"
    sg = _first_collection(db, monkeypatch, discord_env)
    sg.fake.post(sg.general, sg.fake.user("dee"), T0 + timedelta(days=9))  # something new to store
    before = _contents(db)
    monkeypatch.setenv("ONRAMP_PSEUDONYM_KEY", KEY_B)
    with pytest.raises(PseudonymKeyError, match=r"made with another key .* nothing was written$"):
        collect(db, sg.project)
    assert _contents(db) == before


def test_a_lost_key_is_refused_and_never_regenerated(tmp_path, monkeypatch, discord_env):
    db = tmp_path / "w.duckdb"
    sg = _first_collection(db, monkeypatch, discord_env)
    monkeypatch.delenv("ONRAMP_PSEUDONYM_KEY")  # a fresh machine: no secret, no key file
    key_file = tmp_path / "keys" / "pseudonym.key"
    before = _contents(db)
    with pytest.raises(
        PseudonymKeyError, match="no pseudonym key: ONRAMP_PSEUDONYM_KEY is not set"
    ):
        collect(db, sg.project)
    assert not key_file.exists() and _contents(db) == before


def test_import_with_another_key_is_one_line_and_exit_1(tmp_path, monkeypatch, discord_env, capsys):
    db = tmp_path / "w.duckdb"
    sg = _first_collection(db, monkeypatch, discord_env)
    export = write_json(tmp_path / "general.json", dce_document(sg.fake, sg.general))
    config = tmp_path / "projects.toml"
    config.write_text(
        f'[[project]]\nid = "p"\nname = "P"\norganizational_model = "company"\n'
        f'discord_guilds = ["{sg.guild_id}"]\n'
    )
    before = _contents(db)
    monkeypatch.setenv("ONRAMP_PSEUDONYM_KEY", KEY_B)
    code = main(
        ["import-discord", "--config", str(config), "--db", str(db), "--project", "p", str(export)]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1 and err[0].startswith(f"onramp: {db}: its pseudonyms")
    assert "Traceback" not in err[0] and KEY_B not in err[0] and _contents(db) == before


def test_an_unsafe_key_file_stops_the_run_before_any_write(tmp_path, monkeypatch, discord_env):
    sg = small_guild()
    discord_env(sg.fake)
    key_file = tmp_path / "keys" / "pseudonym.key"
    key_file.parent.mkdir()
    key_file.write_text("k" * 64)
    key_file.chmod(0o644)
    db = tmp_path / "w.duckdb"
    connect(db).close()
    before = _contents(db)
    with pytest.raises(PseudonymKeyError, match="readable by others"):
        collect(db, sg.project)
    assert _contents(db) == before
