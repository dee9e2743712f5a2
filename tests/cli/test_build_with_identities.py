"""`onramp build` finds identities.toml beside projects.toml (or at ONRAMP_IDENTITIES) and
pseudonymises its Discord ids with the deployment's key, the one the warehouse's pseudonyms were
made with; a wrong key or a missing named file stops the build with one line."""

import duckdb
import pytest
from identkit import ADA, KEY, ROWS

from onramp.cli import main
from warehouse.db import connect
from warehouse.facts import PSEUDONYM_KEY_FINGERPRINT, record_fact
from warehouse.upsert import upsert

REGISTRY = """
[[project]]
id = "p"
name = "P"
organizational_model = "company"
github_repos = ["o/r"]
hub_authors = ["org"]
discord_guilds = ["100000000000000001"]
"""


@pytest.fixture
def env(tmp_path, monkeypatch):
    with connect(tmp_path / "raw.duckdb") as con:
        for table, rows in ROWS.items():
            upsert(con, table, rows, run_id="t")
    (tmp_path / "projects.toml").write_text(REGISTRY)
    (tmp_path / "identities.toml").write_text(ADA)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ONRAMP_PSEUDONYM_KEY", KEY.decode())
    monkeypatch.delenv("ONRAMP_IDENTITIES", raising=False)
    return tmp_path


def _linked_platforms(env) -> int:
    with duckdb.connect(str(env / "raw.published.duckdb"), read_only=True) as con:
        row = con.execute("select platforms from fct_journeys where is_listed").fetchone()
    return row[0] if row else 0


def test_build_links_the_listed_person(env):
    assert main(["build", "--db", "raw.duckdb"]) == 0
    assert _linked_platforms(env) == 3  # Discord (by the keyed pseudonym), Hub, GitHub


def test_identities_env_names_the_file(env, monkeypatch, capsys):
    monkeypatch.setenv("ONRAMP_IDENTITIES", str(env / "elsewhere.toml"))
    assert main(["build", "--db", "raw.duckdb"]) == 1
    err = capsys.readouterr().err
    assert "elsewhere.toml: identities file not found" in err and err.count("\n") == 1
    (env / "elsewhere.toml").write_text(ADA)
    assert main(["build", "--db", "raw.duckdb"]) == 0
    assert _linked_platforms(env) == 3


def test_another_key_than_the_warehouses_stops_the_build(env, capsys):
    with connect(env / "raw.duckdb") as con:
        record_fact(con, PSEUDONYM_KEY_FINGERPRINT, "0123456789abcdef")
    assert main(["build", "--db", "raw.duckdb"]) == 1
    err = capsys.readouterr().err
    assert "made with another key" in err and "identities.toml" in err
    assert KEY.decode() not in err
