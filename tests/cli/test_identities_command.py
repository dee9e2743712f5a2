"""`onramp identities suggest|check`: candidates from each rule, never a merge on a shared display
name, nothing applied; check lists conflicts and exits 1; errors are one line."""

import tomllib
from datetime import UTC, datetime

import pytest

from onramp.cli import main
from warehouse.db import connect
from warehouse.upsert import upsert

T = datetime(2024, 1, 10, tzinfo=UTC)


def _issue(n, login):
    return {"id": n, "repo": "o/r", "number": n, "is_pull_request": False, "author_login": login,
            "author_association": "NONE", "created_at": T, "provenance": "api"}  # fmt: skip


def _hub(n, author):
    return {"repo_type": "model", "repo_id": "org/m", "num": n, "event_id": f"e{n}",
            "event_type": "comment", "author": author, "created_at": T,
            "provenance": "api"}  # fmt: skip


@pytest.fixture
def env(tmp_path, monkeypatch):
    raw = tmp_path / "raw.duckdb"
    with connect(raw) as con:
        upsert(con, "github_issues", [_issue(1, "Ada-Ex"), _issue(2, "bob"), _issue(3, "cy")],
               run_id="t")  # fmt: skip
        upsert(con, "hub_discussion_events",
               [_hub(1, "ada-ex"), _hub(2, "org"), _hub(3, "Bob Smith"), _hub(4, "cy")],
               run_id="t")  # fmt: skip
        # git-only commits by a name equal to a Hub username: never a reason to merge
        upsert(con, "github_commits",
               [{"repo": "o/r", "sha": "s1", "author_name": "Bob Smith", "authored_at": T,
                 "provenance": "api"}], run_id="t")  # fmt: skip
    (tmp_path / "projects.toml").write_text(
        '[[project]]\nid = "p"\nname = "P"\norganizational_model = "company"\n'
        'github_repos = ["o/r"]\nhub_authors = ["org"]\n'
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ONRAMP_IDENTITIES", raising=False)
    return tmp_path


def _suggest(env, capsys):
    assert main(["identities", "suggest", "--db", str(env / "raw.duckdb")]) == 0
    return tomllib.loads(capsys.readouterr().out).get("person", [])


def test_same_login_on_github_and_hub(env, capsys):
    people = _suggest(env, capsys)
    by_name = {p["name"]: p for p in people}
    assert set(by_name) == {"Ada-Ex", "cy"}  # not 'org' (the project's Hub account), not Bob
    assert by_name["Ada-Ex"]["github"] == ["Ada-Ex"] and by_name["Ada-Ex"]["hub"] == ["ada-ex"]
    assert by_name["cy"]["confidence"] == "medium" and "same login" in by_name["cy"]["reason"]


def test_listed_people_are_not_proposed_again_and_noreply_is(env, capsys):
    (env / "identities.toml").write_text(
        '[[person]]\nname = "Cy"\ngithub = ["cy"]\nhub = ["cy"]\n'
        'emails = ["7+bob@users.noreply.github.com"]\n'
    )
    people = _suggest(env, capsys)
    assert [p["name"] for p in people] == ["Ada-Ex", "Cy"]
    noreply = people[1]
    assert noreply["github"] == ["bob"] and noreply["confidence"] == "high"


def test_suggestions_paste_into_a_valid_file(env, capsys):
    out = env / "candidates.toml"
    assert main(["identities", "suggest", "--out", str(out), "--db", str(env / "raw.duckdb")]) == 0
    (env / "identities.toml").write_text(out.read_text())
    assert main(["identities", "check"]) == 0
    assert "no conflicts" in capsys.readouterr().err


def test_check_lists_conflicts_and_exits_1(env, capsys):
    (env / "identities.toml").write_text(
        '[[person]]\nname = "A"\ngithub = ["x"]\n\n[[person]]\nname = "B"\ngithub = ["X"]\n'
    )
    assert main(["identities", "check"]) == 1
    out = capsys.readouterr()
    assert "person 'B': key 'github' claims 'x', already claimed by person 'A'" in out.out
    # and a build refuses the file rather than count one person twice
    assert main(["build", "--db", str(env / "raw.duckdb")]) == 1
    assert "already claimed" in capsys.readouterr().err


def test_errors_are_one_line(env, capsys):
    assert main(["identities", "check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("onramp: ") and "no identities file" in err and err.count("\n") == 1
    (env / "identities.toml").write_text('[[person]]\nname = "A"\n')
    assert main(["identities", "check"]) == 1
    assert "person 'A': lists no identity" in capsys.readouterr().err
