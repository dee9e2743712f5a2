"""An [[organisation]]'s `projects` (projects.toml ids) makes every person with an affiliation to
it, at any date, an insider of those projects: kept out of "went quiet" and of newcomers to
welcome unless asked for. An unknown project id is an error naming the file, the organisation and
the key."""

from datetime import UTC, datetime

import pytest

from core.errors import ConfigError
from core.identities import load_identities

from sqlkit import build_over, project

P = project("p", github_repos=["o/r"])
Q = project("q", github_repos=["o/s"])


def _at(year, month):
    return datetime(year, month, 1, tzinfo=UTC)


def _issue(n, repo, login, when):
    return {"id": n, "repo": repo, "number": n, "is_pull_request": False, "author_login": login,
            "author_association": "NONE", "created_at": when, "provenance": "api"}  # fmt: skip


ISSUES = [
    *(_issue(i, "o/r", "ada", _at(2024, i)) for i in (1, 2, 3)),
    *(_issue(10 + i, "o/s", "ada", _at(2024, i)) for i in (1, 2, 3)),
    *(_issue(20 + i, "o/r", "bob", _at(2024, i)) for i in (1, 2, 3)),
    _issue(99, "o/r", "late", _at(2025, 6)),  # the cut-off: everyone above is quiet by then
    _issue(98, "o/s", "late", _at(2025, 6)),
]
FILE = """
[[person]]
name = "Ada Example"
github = ["ada"]
  [[person.affiliation]]
  org = "Example Labs"
  from = "2020-01-01"
  to = "2021-01-01"           # long before her issues: still an insider (undated rule)

[[person]]
name = "Bob Other"
github = ["bob"]
  [[person.affiliation]]
  org = "Other Org"           # runs no project

[[organisation]]
name = "Example Labs"
domains = ["example.org"]
projects = ["p"]

[[organisation]]
name = "Other Org"
domains = ["other.org"]
"""


def _load(tmp_path, text):
    path = tmp_path / "identities.toml"
    path.write_text(text, encoding="utf-8")
    return load_identities(path, None)


def test_an_affiliation_to_the_projects_organisation_makes_an_insider(tmp_path):
    con = build_over(tmp_path, {"github_issues": ISSUES}, [P, Q], _load(tmp_path, FILE))
    insiders = con.execute(
        "select project, person, is_insider from fct_people where person <> 'late' "
        "order by project, person"
    ).fetchall()
    assert insiders == [("p", "ada", True), ("p", "bob", False), ("q", "ada", False)]
    quiet = con.execute(
        "select project, person from fct_quiet_people where not is_insider order by project, person"
    ).fetchall()
    assert quiet == [("p", "bob"), ("q", "ada")]  # Ada is p's insider, an outsider of q


def test_without_projects_nobody_is_an_insider_by_affiliation(tmp_path):
    text = FILE.replace('projects = ["p"]\n', "")
    con = build_over(tmp_path, {"github_issues": ISSUES}, [P, Q], _load(tmp_path, text))
    assert not con.execute("select bool_or(is_insider) from fct_people").fetchone()[0]


def test_an_unknown_project_names_file_organisation_and_key(tmp_path):
    listed = _load(tmp_path, FILE.replace('projects = ["p"]', 'projects = ["p", "nope"]'))
    with pytest.raises(ConfigError) as err:
        build_over(tmp_path, {"github_issues": ISSUES}, [P, Q], listed)
    assert str(err.value) == (
        f"{tmp_path / 'identities.toml'}: organisation 'Example Labs': key 'projects' names "
        "'nope', which is not a project of projects.toml (its projects: p, q)"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [('"p"', "key 'projects' must be a list"),
     ('["Not An Id"]', "key 'projects' has 'Not An Id' that is not a project id"),
     ('["p", "p"]', "key 'projects' lists an item twice")],
)  # fmt: skip
def test_projects_is_checked_strictly(tmp_path, value, expected):
    with pytest.raises(ConfigError) as err:
        _load(tmp_path, FILE.replace('projects = ["p"]', f"projects = {value}"))
    assert f"organisation 'Example Labs': {expected}" in str(err.value)


def test_identities_check_names_an_unknown_project(tmp_path, monkeypatch, capsys):
    from onramp.cli import main

    (tmp_path / "projects.toml").write_text(
        '[[project]]\nid = "p"\nname = "P"\norganizational_model = "company"\n'
        'github_repos = ["o/r"]\n'
    )
    (tmp_path / "identities.toml").write_text(FILE.replace('projects = ["p"]', 'projects = ["q"]'))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ONRAMP_IDENTITIES", raising=False)
    assert main(["identities", "check", "--db", str(tmp_path / "raw.duckdb")]) != 0
    err = capsys.readouterr().err
    assert "organisation 'Example Labs': key 'projects' names 'q'" in err
