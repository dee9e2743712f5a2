"""No message text, no user or file name, no topic and no raw user id anywhere: not in the raw
warehouse, the published marts or `onramp export`'s files; and a Slack user id's pseudonym is the
keyed hash every Slack path (export, Web API, identities) uses."""

import re

import duckdb
from slackkit import ANN, BOB, CY, HELPER, HOOK, KEY, small_workspace

from core.pseudonym import Pseudonymizer, pseudonym
from onramp.cli import main
from warehouse.db import connect


def _every_value(db) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()]
        values = []
        for table in tables:
            for row in con.execute(f'select * from "{table}"').fetchall():
                values += [str(v) for v in row if v is not None]
    return values


def _secrets(export) -> set[str]:
    """Every text, name, topic and raw id the export holds that On-ramp must not keep."""
    found = {ANN, BOB, CY, HELPER, HOOK, "USLACKBOT", "G0PRIVATE1", "D0DIRECT01", "secret-group"}
    for user in export.users:
        found |= {user["real_name"], user["profile"]["email"], user["profile"]["status_text"]}
    for channel in export.channels:
        found |= {channel["topic"]["value"], channel["purpose"]["value"]}
    for messages in export.messages.values():
        for m in messages:
            found.add(m["text"])
            found |= {f["title"] for f in m.get("files", [])}
            found |= {m["user_profile"]["real_name"]} if "user_profile" in m else set()
    return found


def test_no_text_names_topics_or_raw_ids_anywhere(tmp_path, monkeypatch):
    monkeypatch.setenv("ONRAMP_PSEUDONYM_KEY", KEY)
    sw = small_workspace()
    config = tmp_path / "projects.toml"
    config.write_text('[[project]]\nid = "p"\nname = "P"\norganizational_model = "company"\n')
    db, out = tmp_path / "w.duckdb", tmp_path / "exported"
    common = ["--config", str(config), "--db", str(db)]
    zipped = str(sw.export.write_zip(tmp_path / "export.zip"))
    assert main(["import-slack", *common, "--project", "p", zipped]) == 0
    assert main(["build", *common]) == 0
    assert main(["export", *common, "--out", str(out), "--format", "csv"]) == 0
    values = _every_value(db) + _every_value(db.with_name("w.published.duckdb"))
    values += [p.read_text() for p in out.glob("*.csv")]
    assert sum("sl_messages" in v for v in values) >= 2  # the scan sees the marts and the files
    for secret in _secrets(sw.export):
        pattern = re.compile(rf"\b{re.escape(secret)}\b")
        leaks = [v[:80] for v in values if pattern.search(v)]
        assert not leaks, f"{secret!r} found: {leaks[:3]}"


def test_a_slack_user_id_has_one_keyed_pseudonym(tmp_path, monkeypatch):
    monkeypatch.setenv("ONRAMP_PSEUDONYM_KEY", KEY)
    sw = small_workspace()
    db = tmp_path / "w.duckdb"
    config = tmp_path / "projects.toml"
    config.write_text('[[project]]\nid = "p"\nname = "P"\norganizational_model = "company"\n')
    zipped = str(sw.export.write_zip(tmp_path / "export.zip"))
    assert (
        main(["import-slack", "--config", str(config), "--db", str(db), "--project", "p", zipped])
        == 0
    )
    with connect(db) as con:
        stored = {
            r[0] for r in con.execute("select author_pseudonym from slack_messages").fetchall()
        }
    expected = pseudonym(KEY.encode(), "slack", ANN)
    assert expected in stored and Pseudonymizer(KEY.encode(), "slack")(ANN) == expected
    # the platform is part of the hash: a Slack id and a Discord id never collide
    assert pseudonym(KEY.encode(), "discord", ANN) not in stored
    assert pseudonym(b"another-key-0123456789abcdef012345", "slack", ANN) not in stored
