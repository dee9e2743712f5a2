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


def _commit(sha, login, name, email=None):
    return {"repo": "o/r", "sha": sha, "author_login": login, "author_name": name,
            "author_noreply_email": email, "authored_at": T, "provenance": "api"}  # fmt: skip


DEE = "42+dee@users.noreply.github.com"
EVE = "eve@users.noreply.github.com"
SHARED = "7+x@users.noreply.github.com"
COMMITS = [
    _commit("s1", None, "Dee", DEE),  # no login, but the no-reply address names 'dee'
    _commit("s2", "eve", "Eve", EVE),  # the address co-occurs with login eve ...
    _commit("s3", None, "Eve E", EVE),  # ... and is on a commit with no login
    _commit("s4", "f1", "F", SHARED),  # two logins share an address: ambiguous, no candidate
    _commit("s5", "f2", "F", SHARED),
    _commit("s6", None, "F", SHARED),
    _commit("s7", "gus", "gusmodels", None),  # login gus signs 'gusmodels', a Hub username
    _commit("s8", "h1", "hubby", None),  # two different people sign 'hubby' ...
    _commit("s9", "h2", "hubby", None),  # ... so the Hub user hubby matches neither
]


@pytest.fixture
def env(tmp_path, monkeypatch):
    raw = tmp_path / "raw.duckdb"
    with connect(raw) as con:
        upsert(con, "github_issues", [_issue(1, "Ada-Ex"), _issue(2, "bob"), _issue(3, "cy")],
               run_id="t")  # fmt: skip
        upsert(con, "hub_discussion_events",
               [_hub(1, "ada-ex"), _hub(2, "org"), _hub(3, "gusmodels"), _hub(4, "cy"),
                _hub(5, "hubby")],
               run_id="t")  # fmt: skip
        upsert(con, "github_commits", COMMITS, run_id="t")
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


def test_each_rule_and_no_merge_on_a_shared_name(env, capsys):
    people = _suggest(env, capsys)
    by_name = {p["name"]: p for p in people}
    # not 'org' (the project's Hub account), nothing for F (shared address) or hubby (shared name)
    assert set(by_name) == {"Ada-Ex", "cy", "Dee", "Eve E", "gus"}
    same = by_name["Ada-Ex"]
    assert same["github"] == ["Ada-Ex"] and same["hub"] == ["ada-ex"]
    assert same["confidence"] == "medium" and "same login" in same["reason"]
    dee = by_name["Dee"]
    assert dee["github"] == ["dee"] and dee["emails"] == [DEE] and dee["confidence"] == "high"
    assert "no-reply address of login 'dee'" in dee["reason"]
    eve = by_name["Eve E"]
    assert (
        eve["github"] == ["eve"]
        and eve["emails"] == [EVE]
        and "on commits by login" in eve["reason"]
    )
    gus = by_name["gus"]
    assert gus["hub"] == ["gusmodels"] and gus["confidence"] == "low"


def test_listed_people_are_not_proposed_again(env, capsys):
    (env / "identities.toml").write_text(
        f'[[person]]\nname = "Cy"\ngithub = ["cy"]\nhub = ["cy"]\nemails = ["{DEE}"]\n'
    )
    names = [p["name"] for p in _suggest(env, capsys)]
    assert "cy" not in names and "Cy" not in names and "Dee" not in names
    assert "Ada-Ex" in names


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
