"""`onramp digest` on the command line: formats, --out, and a one-line error (no traceback) for
each thing a user can get wrong."""

import json

import pytest

from onramp.cli import main


def _run(capsys, raw_db, *args):
    capsys.readouterr()
    code = main(["digest", "--db", str(raw_db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_markdown_by_default_json_and_html_on_request(capsys, raw_db):
    code, out, _ = _run(capsys, raw_db)
    assert code == 0 and out.startswith("## P: on-ramp digest, 2025-06-30 to 2025-07-06")
    code, out, _ = _run(capsys, raw_db, "--format", "json", "--period", "30d")
    assert code == 0
    assert [d["period"] for d in json.loads(out)] == [{"from": "2025-06-07", "to": "2025-07-06"}]
    code, out, _ = _run(capsys, raw_db, "--format", "html", "--project", "p")
    assert code == 0 and out.startswith("<!doctype html>")


def test_out_writes_the_file_and_keeps_stdout_empty(capsys, raw_db, tmp_path):
    target = tmp_path / "digests" / "week.md"
    code, out, err = _run(capsys, raw_db, "--out", str(target))
    assert code == 0 and out == "" and f"digest written to {target}" in err
    assert target.read_text().startswith("## P: on-ramp digest")


def test_the_dashboard_link_comes_from_the_environment(capsys, raw_db, monkeypatch):
    monkeypatch.setenv("ONRAMP_DASHBOARD_URL", "https://dash.example.org/onramp/")
    _, out, _ = _run(capsys, raw_db)
    assert (
        "[Open the Drop-off page](https://dash.example.org/onramp/drop-off?project=p&from=2025-06"
        "&to=2025-07)" in out
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "week"], "--period 'week': expected 7d, 30d"),
        (["--period", "2025-07-06..2025-07-01"], "the first day is after the last"),
        (["--period", "2025-02-30..2025-03-01"], "--period '2025-02-30..2025-03-01'"),
        (["--project", "nope"], "--project 'nope': not in the published warehouse (known: p)"),
        (["--project", "nope", "--post"], "--project 'nope': not in the published warehouse"),
        (["--limit", "0"], "--limit 0: must be 1 or more"),
        (
            ["--post"],
            "--post for p: no webhook; set ONRAMP_DIGEST_WEBHOOK_P or ONRAMP_DIGEST_WEBHOOK",
        ),
    ],
)
def test_a_mistake_is_one_line(capsys, raw_db, args, message):
    code, out, err = _run(capsys, raw_db, *args)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err and err.startswith("onramp: ")


def test_nothing_published_and_a_bad_registry_are_one_line(capsys, tmp_path):
    code, _, err = _run(capsys, tmp_path / "none.duckdb")
    assert code == 1 and "nothing published yet" in err and err.count("\n") == 1
    config = tmp_path / "projects.toml"
    config.write_text(
        "[[project]]\nid = 'x'\nname = 'X'\norganizational_model = 'company'\nbad = 1\n"
    )
    code, _, err = _run(capsys, tmp_path / "none.duckdb", "--config", str(config))
    assert code == 1 and str(config) in err and "bad" in err and err.count("\n") == 1
