"""`onramp import-slack`: a workspace export (zip or folder) loads whole, public channels only,
pseudonymised; the same export twice changes nothing; a bad file is one line and loads nothing."""

import json
import zipfile
from pathlib import Path

import pytest
from slackkit import (
    ANN,
    BOB,
    GENERAL,
    HELPER,
    HOOK,
    KEY,
    RANDOM,
    T0,
    import_into,
    small_workspace,
)

from core.pseudonym import Pseudonymizer
from core.registry import Project
from onramp.cli import main
from warehouse.db import connect

from fakes.slack_export import message, ts_of

RAW_TABLES = ("slack_channels", "slack_channel_projects", "slack_messages")


def _tables(db, *, stamps: bool = True) -> dict[str, list[tuple]]:
    with connect(db) as con:
        columns = "*" if stamps else "* exclude (run_id)"
        return {t: sorted(con.execute(f"select {columns} from {t}").fetchall()) for t in RAW_TABLES}


def _messages(db) -> dict[str, dict]:
    with connect(db) as con:
        cursor = con.execute("select * from slack_messages")
        names = [d[0] for d in cursor.description]
        return {r[1]: dict(zip(names, r, strict=True)) for r in cursor.fetchall()}


def test_zip_and_folder_load_the_same_rows(tmp_path, slack_env):
    sw = small_workspace()
    folder = sw.export.write_dir(tmp_path / "unpacked")
    # Slack's own zip has the files at its root; some tools zip the folder itself
    zipped = sw.export.write_zip(tmp_path / "export.zip", folder="Sample Slack export/")
    assert import_into(slack_env, sw.project, folder) == 0
    from_folder = _tables(slack_env.raw_db, stamps=False)
    slack_env.raw_db.unlink()
    assert import_into(slack_env, sw.project, zipped) == 0
    assert _tables(slack_env.raw_db, stamps=False) == from_folder
    assert len(from_folder["slack_messages"]) == sw.rows


def test_what_is_kept_of_each_message(tmp_path, slack_env):
    sw = small_workspace()
    assert import_into(slack_env, sw.project, sw.export.write_dir(tmp_path / "x")) == 0
    messages = _messages(slack_env.raw_db)
    slack = Pseudonymizer(KEY.encode(), "slack")
    parent = messages[sw.thread_ts]
    assert parent["thread_ts"] == sw.thread_ts and parent["reply_count"] == 2
    assert parent["author_pseudonym"] == slack(ANN) and not parent["author_is_bot"]
    bots = {m["author_pseudonym"] for m in messages.values() if m["author_is_bot"]}
    # the app's bot_message (bot_id only), the bot user (users.json), Slackbot's tombstone
    assert bots == {slack(HOOK), slack(HELPER), slack("USLACKBOT")}
    subtypes = sorted(m["subtype"] or "" for m in messages.values())
    assert subtypes.count("") == 6 and "channel_join" in subtypes and "tombstone" in subtypes
    assert sum(m["reaction_count"] for m in messages.values()) == 5
    assert {m["channel_id"] for m in messages.values()} == {GENERAL, RANDOM}


def test_private_channels_and_direct_messages_are_never_read(tmp_path, slack_env):
    sw = small_workspace()
    logs = []
    assert (
        import_into(slack_env, sw.project, sw.export.write_dir(tmp_path / "x"), log=logs.append)
        == 0
    )
    tables = _tables(slack_env.raw_db)
    assert {r[0] for r in tables["slack_channels"]} == {GENERAL, RANDOM}
    assert any(
        "2 folder(s) of private channels or direct messages not read" in line for line in logs
    )


def test_slack_channels_choose_what_an_export_loads(tmp_path, slack_env):
    sw = small_workspace()
    export = sw.export.write_dir(tmp_path / "x")
    only_random = Project(
        id="p", name="P", organizational_model="company", slack_channels=(RANDOM,)
    )
    logs = []
    assert import_into(slack_env, only_random, export, log=logs.append) == 0
    assert {r[0] for r in _tables(slack_env.raw_db)["slack_messages"]} == {RANDOM}
    assert any("1 channel(s) not in 'p''s slack_channels, skipped" in line for line in logs)
    elsewhere = Project(
        id="p", name="P", organizational_model="company", slack_channels=("C0OTHER999",)
    )
    logs = []
    assert import_into(slack_env, elsewhere, export, log=logs.append) == 1
    assert any("none of its 2 channels is in project 'p''s slack_channels" in line for line in logs)


def test_importing_the_same_export_twice_changes_nothing(tmp_path, slack_env):
    sw = small_workspace()
    export = sw.export.write_zip(tmp_path / "export.zip")
    assert import_into(slack_env, sw.project, export) == 0
    first = _tables(slack_env.raw_db)
    assert import_into(slack_env, sw.project, export) == 0
    assert _tables(slack_env.raw_db) == first  # run stamps included: no row was rewritten


def _rewrite(zip_in, zip_out, member, mutate):
    with zipfile.ZipFile(zip_in) as src, zipfile.ZipFile(zip_out, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == member:
                data = mutate(data)
            dst.writestr(name, data)
    return zip_out


def _json_edit(edit):
    def mutate(data: bytes) -> bytes:
        document = json.loads(data)
        edit(document)
        return json.dumps(document).encode()

    return mutate


BAD = {
    "truncated day file": ("general/2024-03-01.json", lambda d: d[: len(d) // 2], "invalid JSON"),
    "ts missing": (
        "general/2024-03-02.json",
        _json_edit(lambda d: d[1].pop("ts")),
        "general/2024-03-02.json: [1].ts: missing or not a Slack timestamp",
    ),
    "ts as a number": (
        "random/2024-03-02.json",
        _json_edit(lambda d: d[0].update(ts=1709384400.000011)),
        "[0].ts: missing or not a Slack timestamp",
    ),
    "user id mangled": (
        "general/2024-03-01.json",
        _json_edit(lambda d: d[2].update(user=BOB.lower())),
        "[2].user: not a Slack user id",
    ),
    "reactions without a count": (
        "general/2024-03-01.json",
        _json_edit(lambda d: d[4]["reactions"][0].pop("count")),
        "[4].reactions[0].count: missing or not a count",
    ),
    "channels.json not a list": (
        "channels.json",
        _json_edit(lambda d: d.clear()),
        None,
    ),
    "channel id mangled": (
        "channels.json",
        _json_edit(lambda d: d[0].update(id="general")),
        "channels.json: [0].id: not a Slack channel id",
    ),
    "users.json entry not an object": (
        "users.json",
        _json_edit(lambda d: d.append("bob")),
        "users.json: [4]: expected a user object",
    ),
    "day file not a list": (
        "random/2024-03-02.json",
        lambda d: b'{"ok": true}',
        "random/2024-03-02.json: top level: expected a JSON list of messages",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_file_is_one_line_naming_it_and_loads_nothing(tmp_path, slack_env, case):
    member, mutate, expected = BAD[case]
    sw = small_workspace()
    good = sw.export.write_zip(tmp_path / "good.zip")
    bad = _rewrite(good, tmp_path / "bad.zip", member, mutate)
    logs = []
    code = import_into(slack_env, sw.project, bad, log=logs.append)
    if case == "channels.json not a list":  # an empty list: an export of no channel at all
        assert code == 0 and _tables(slack_env.raw_db)["slack_messages"] == []
        return
    assert code == 1
    errors = [line for line in logs if line.startswith("onramp: ")]
    assert len(errors) == 1 and errors[0].startswith(f"onramp: {bad}:{member}: "), errors
    assert expected in errors[0] and "\n" not in errors[0]
    assert BOB not in errors[0] and BOB.lower() not in errors[0]  # raw ids are never quoted
    assert all(rows == [] for rows in _tables(slack_env.raw_db).values())
    with connect(slack_env.raw_db) as con:
        assert con.execute("select status from collection_runs").fetchall() == [("failed",)]


def test_one_bad_export_leaves_the_others_loaded(tmp_path, slack_env):
    sw = small_workspace()
    good = sw.export.write_zip(tmp_path / "good.zip")
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    logs = []
    assert import_into(slack_env, sw.project, bad, good, log=logs.append) == 1
    assert len(_tables(slack_env.raw_db)["slack_messages"]) == sw.rows
    assert any(line.startswith(f"onramp: {bad}: not a zip file") for line in logs)
    with connect(slack_env.raw_db) as con:
        assert con.execute("select status from collection_runs").fetchall() == [("partial",)]


def test_cli_import_slack(tmp_path, capsys):
    sw = small_workspace()
    config = tmp_path / "projects.toml"
    config.write_text('[[project]]\nid = "p"\nname = "P"\norganizational_model = "company"\n')
    export = str(sw.export.write_zip(tmp_path / "export.zip"))
    db = tmp_path / "cli.duckdb"
    common = ["--config", str(config), "--db", str(db)]
    assert main(["import-slack", *common, "--project", "p", export]) == 0
    err = capsys.readouterr().err
    assert "import-slack p: 1 export(s) loaded, 0 failed" in err
    assert (db.with_name("pseudonym.key").stat().st_mode & 0o777) == 0o600
    assert main(["import-slack", *common, "--project", "p", "nope.zip"]) == 1
    assert "onramp: nope.zip: no such file or directory" in capsys.readouterr().err
    assert main(["import-slack", *common, "--project", "q", export]) == 1
    assert capsys.readouterr().err.strip().endswith("no project 'q' (known: p)")
    config.write_text("[[project]]\nid = 3\n")
    assert main(["import-slack", *common, "--project", "p", export]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"onramp: {config}: ") and "Traceback" not in err and err.count("\n") == 1


# ----------------------------------------------------------------- issue 23: real export shapes

REAL = Path(__file__).resolve().parents[2] / "fixtures" / "real"


def test_a_file_comment_is_stored_with_its_author_from_comment_user(tmp_path, slack_env):
    """Old exports' file_comment messages carry no `user`: the author is `comment.user` (a real
    shape, tests/fixtures/real/PROVENANCE.md). They were stored with no author."""
    sw = small_workspace()
    comment = json.loads((REAL / "slack_message_file_comment.json").read_text(encoding="utf-8"))
    assert "user" not in comment and comment["comment"]["user"] == "U2147483697"
    comment["ts"] = ts_of(T0, 40)  # on a day of the export
    sw.export.post("general", comment)
    assert import_into(slack_env, sw.project, sw.export.write_dir(tmp_path / "x")) == 0
    with connect(slack_env.raw_db) as con:
        stored = con.execute(
            "select author_pseudonym, subtype from slack_messages where ts = ?", [comment["ts"]]
        ).fetchall()
    slack = Pseudonymizer(KEY.encode(), "slack")
    assert stored == [(slack("U2147483697"), "file_comment")]


def test_an_empty_groups_json_and_canvas_comment_folders_are_said_for_what_they_are(
    tmp_path, slack_env
):
    """Issue 23: an empty groups.json said "0 folder(s) of private channels or direct messages
    not read", and canvas-comment folders (FC_…) were called private channels."""
    sw = small_workspace()
    for name in ("groups.json", "dms.json", "secret-group/2024-03-01.json",
                 "D0DIRECT01/2024-03-01.json"):  # fmt: skip
        sw.export.extra_files.pop(name)
    sw.export.extra_files["groups.json"] = []
    logs: list[str] = []
    assert (
        import_into(slack_env, sw.project, sw.export.write_dir(tmp_path / "a"), log=logs.append)
        == 0
    )
    assert not any("not read" in line for line in logs), logs
    sw.export.extra_files["FC_F0CANVAS1/2024-03-01.json"] = [message(ANN, T0, 41)]
    logs.clear()
    assert (
        import_into(slack_env, sw.project, sw.export.write_dir(tmp_path / "b"), log=logs.append)
        == 0
    )
    assert any("1 folder(s) of canvas comments (FC_…) not read" in line for line in logs), logs
    assert not any("private channels" in line for line in logs), logs
