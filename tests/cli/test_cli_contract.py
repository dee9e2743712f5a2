"""The CLI contract (issue 9, item 9): every command validates --config the same way, none shows a
traceback, status tells corrupt from busy and names its path, export and metrics fail in one
line, serve says a port is taken, demo --db X says how to serve X, and a failed import that
stored nothing does not make demo refuse the warehouse."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import duckdb
import pytest

from onramp.cli import main

GOOD = '[[project]]\nid = "p"\nname = "P"\norganizational_model = "company"\n'
COMMANDS = [
    ["demo", "--no-serve"],
    ["collect", "--no-progress"],
    ["import-discord", "--project", "p", "x.json"],
    ["build"],
    ["serve"],
    ["metrics"],
    ["status"],
    ["export", "--out", "out"],
]


def run(capsys, *argv) -> tuple[int, list[str]]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, [line for line in captured.err.splitlines() if line.strip()]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_bad_registry_is_the_same_one_line_error_for_every_command(tmp_path, capsys, command):
    config = tmp_path / "projects.toml"
    config.write_text(GOOD + 'surprise = "key"\n', encoding="utf-8")
    code, err = run(capsys, *command, "--config", config, "--db", tmp_path / "raw.duckdb")
    assert code == 1 and len(err) == 1
    assert err[0].startswith(f"onramp: {config}: project 'p': unknown key 'surprise' (allowed: ")


def test_a_missing_registry_given_explicitly_is_an_error_everywhere(tmp_path, capsys):
    missing = tmp_path / "nope.toml"
    for command in (["status"], ["metrics"]):
        code, err = run(capsys, *command, "--config", missing, "--db", tmp_path / "raw.duckdb")
        assert (code, err) == (1, [f"onramp: {missing}: project registry not found "
                                   "(set --config or ONRAMP_CONFIG)"])  # fmt: skip


def test_status_names_its_path_and_tells_corrupt_from_busy(tmp_path, capsys):
    db = tmp_path / "raw.duckdb"
    code, err = run(capsys, "status", "--db", db)
    assert code == 0 and err[0] == f"warehouse: {db}"
    db.write_bytes(b"not a database" * 1000)
    code, err = run(capsys, "status", "--db", db)
    assert code == 1
    assert err[1].startswith(f"onramp: {db}: not a readable DuckDB warehouse (corrupt")
    db.unlink()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time\n"
         f"c = duckdb.connect({str(db)!r}); print('ready', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ready"
        code, err = run(capsys, "status", "--db", db)
    finally:
        holder.kill()
        holder.wait()
    assert code == 1
    assert err[1].startswith(f"onramp: {db}: busy: another onramp process")


def test_status_shows_only_the_registry_projects(tmp_path, capsys):
    from warehouse.db import connect
    from warehouse.state import finish_run, start_run

    db, config = tmp_path / "raw.duckdb", tmp_path / "projects.toml"
    config.write_text(GOOD, encoding="utf-8")
    with connect(db) as con:
        for project in ("p", "other"):
            finish_run(con, start_run(con, "github", project), status="ok", rows=3, skipped=1)
    code = main(["status", "--db", str(db), "--config", str(config)])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0].split()[:6] == ["project", "source", "last", "run", "(UTC)", "status"]
    assert [line.split()[0] for line in out[1:]] == ["p"]
    assert out[1].split()[4:7] == ["ok", "3", "1"]  # status, rows, skipped


def test_export_to_an_existing_file_is_one_line(tmp_path, capsys):
    target = tmp_path / "marts.csv"
    target.write_text("x", encoding="utf-8")
    (tmp_path / "raw.published.duckdb").write_bytes(b"")
    code, err = run(capsys, "export", "--out", target, "--db", tmp_path / "raw.duckdb")
    assert (code, err) == (1, [f"onramp: --out {target}: a file is there; give a directory "
                               "(created if missing)"])  # fmt: skip


def test_metrics_on_a_corrupt_published_file_is_one_line(tmp_path, capsys):
    published = tmp_path / "raw.published.duckdb"
    published.write_bytes(b"\x00garbage" * 4096)
    code, err = run(capsys, "metrics", "--db", tmp_path / "raw.duckdb")
    assert code == 1 and len(err) == 1
    assert err[0].startswith(f"onramp: {published}: not a readable DuckDB published warehouse")


def test_serve_on_a_busy_port_says_only_that(tmp_path, capsys):
    (tmp_path / "raw.published.duckdb").write_bytes(b"")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        code, err = run(capsys, "serve", "--port", port, "--db", tmp_path / "raw.duckdb")
    assert time.monotonic() - started < 5  # no Streamlit was started
    assert (code, err) == (1, [f"onramp: port {port} on 127.0.0.1 is already in use; choose "
                               "another with --port"])  # fmt: skip


def test_demo_over_a_failed_import_and_its_serve_line(tmp_path, capsys):
    db = tmp_path / "my.duckdb"
    config = tmp_path / "projects.toml"
    config.write_text(GOOD, encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    code, _err = run(capsys, "import-discord", "--project", "p", broken, "--db", db,
                     "--config", config)  # fmt: skip
    assert code == 1
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select status, rows_written from collection_runs").fetchall() == [
            ("failed", 0)
        ]
    code, err = run(capsys, "demo", "--no-serve", "--db", db)
    assert code == 0
    assert err[-1] == f"published {tmp_path / 'my.published.duckdb'}; serve it with " + (
        f"`onramp serve --db {db}`"
    )
