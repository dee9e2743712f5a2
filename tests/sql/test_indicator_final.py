"""fct_indicators.final (DESIGN.md §4): a value is final once its month has ended and the catalog's
settles_after_days have passed by the data cut-off; the cut-off month never is. `onramp metrics`
prints the column beside the four contract keys."""

import json
from datetime import UTC, datetime

from onramp.cli import main

from sqlkit import build_over, project


def t(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def commit(sha, at):
    return {"repo": "o/r", "sha": sha, "author_login": "alice", "author_name": "alice",
            "authored_at": at, "provenance": "api"}  # fmt: skip


# the data cut-off is the last commit: 2024-03-10; alice is active in January and March
ROWS = {"github_commits": [commit("a", t(2024, 1, 5)), commit("b", t(2024, 1, 6)),
                           commit("c", t(2024, 3, 10))]}  # fmt: skip


def _final(con, indicator):
    rows = con.execute(
        "select month, final, settles_on from fct_indicators where indicator = ? order by month",
        [indicator],
    ).fetchall()
    return {m: (f, str(s)) for m, f, s in rows}


def test_flows_are_final_once_their_month_is_over_but_the_cutoff_month_never(tmp_path):
    con = build_over(tmp_path, ROWS, [project(github_repos=["o/r"])])
    got = _final(con, "gh_active_contributors")
    assert got["2024-01"] == (True, "2024-02-01")
    assert got["2024-02"] == (True, "2024-03-01")
    assert got["2024-03"] == (False, "2024-04-01")  # the cut-off month: partial


def test_an_indicator_that_needs_180_days_is_pending_until_then(tmp_path):
    con = build_over(tmp_path, ROWS, [project(github_repos=["o/r"])])
    got = _final(con, "gh_inactive_contributors")
    assert got["2024-01"] == (False, "2024-07-30")  # 2024-02-01 + 180 days
    assert not any(final for final, _ in got.values())


def test_metrics_prints_final_beside_the_contract_keys(tmp_path, capsys):
    build_over(tmp_path, ROWS, [project(github_repos=["o/r"])], publish=True).close()
    (tmp_path / "projects.toml").write_text(
        '[[project]]\nid = "p"\nname = "P"\norganizational_model = "company"\n'
    )
    capsys.readouterr()
    args = ["--db", str(tmp_path / "raw.duckdb"), "--config", str(tmp_path / "projects.toml")]
    assert main(["metrics", *args, "--indicator", "gh_active_contributors"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["month"], r["value"], r["final"]) for r in records] == [
        ("2024-01", 1, True),
        ("2024-02", 0, True),
        ("2024-03", 1, False),
    ]
    assert main(["metrics", *args, "--indicator", "gh_active_contributors", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "project,month,indicator,value,final,sample,as_of"
    assert lines[-1].endswith(",1,false,false,")  # real commits; no snapshot date for a flow
