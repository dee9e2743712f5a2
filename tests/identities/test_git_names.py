"""`git_names` on a [[person]] in identities.toml: every listed git author name (by its
git_name_key) is that one person, joined with their other identities, so they count once in the
people marts, the went-quiet list and its count; validated strictly; two people claiming one git
name is a conflict."""

from datetime import UTC, datetime

import pytest

from core.errors import ConfigError
from core.identities import conflicts, load_identities
from warehouse.build import git_name_key

from sqlkit import build_over, project

PROJECT = project("p", github_repos=["o/r"])


def _at(year, month, day=1):
    return datetime(year, month, day, tzinfo=UTC)


def _commit(sha, name, when, login=None):
    return {"repo": "o/r", "sha": sha, "author_login": login, "author_name": name,
            "authored_at": when, "committed_at": when, "on_first_parent": False,
            "is_merge": False, "pr_number": None, "provenance": "git-history"}  # fmt: skip


def _load(tmp_path, text):
    path = tmp_path / "identities.toml"
    path.write_text(text, encoding="utf-8")
    return load_identities(path, None)


# Stella: two git-only spellings that no rule merges ("S. Biderman", "Biderman Stella") and a
# login; Hailey Smith shares nothing with her. The cut-off: Late Comer in June 2025.
COMMITS = [
    _commit("a1", "Stella Biderman", _at(2024, 1)),
    _commit("a2", "Stella Biderman", _at(2024, 2)),
    _commit("a3", "S. Biderman", _at(2024, 3)),
    _commit("a4", "Biderman Stella", _at(2024, 4)),
    _commit("a5", "Stella Biderman", _at(2024, 5), login="StellaAthena"),
    _commit("b1", "Hailey Smith", _at(2024, 1)),
    _commit("b2", "Hailey Smith", _at(2024, 2)),
    _commit("b3", "Hailey Smith", _at(2024, 3)),
    _commit("zz", "Late Comer", _at(2025, 6)),
]
STELLA = """
[[person]]
name = "Stella Biderman"
github = ["StellaAthena"]
git_names = ["Stella Biderman", "S. Biderman", "Biderman Stella"]
"""


def _quiet(con):
    return con.execute(
        "select person, display_name, activities, active_months, is_git_only "
        "from fct_quiet_people where project = 'p' order by person"
    ).fetchall()


def test_without_the_key_each_git_name_is_its_own_person(tmp_path):
    con = build_over(tmp_path, {"github_commits": COMMITS}, [PROJECT])
    people = con.execute(
        "select display_name, activities from fct_people where project = 'p' "
        "and person_key <> 'github:git:latecomer' and is_person_row order by display_name"
    ).fetchall()
    assert people == [("Biderman Stella", 1), ("Hailey Smith", 3), ("S. Biderman", 1),
                      ("Stella Biderman", 2), ("StellaAthena", 1)]  # fmt: skip
    # none of Stella's four identities has the three activities that make one "went quiet"
    assert [row[1] for row in _quiet(con)] == ["Hailey Smith"]


def test_listed_git_names_and_the_login_are_one_person_counted_once(tmp_path):
    con = build_over(tmp_path, {"github_commits": COMMITS}, [PROJECT], _load(tmp_path, STELLA))
    # one row for Stella, under her login, with the five commits of her four identities
    assert _quiet(con) == [
        ("StellaAthena", "Stella Biderman", 5, 5, False),
        ("git:haileysmith", "Hailey Smith", 3, 3, True),
    ]
    keys = con.execute(
        "select person, person_key, is_person_row from fct_people "
        "where project = 'p' and display_name = 'Stella Biderman' order by person"
    ).fetchall()
    assert keys == [
        ("StellaAthena", "person-00001", True),
        ("git:bidermanstella", "person-00001", False),
        ("git:sbiderman", "person-00001", False),
        ("git:stellabiderman", "person-00001", False),
    ]


def test_a_person_still_active_under_one_git_name_is_not_quiet(tmp_path):
    recent = [*COMMITS, _commit("a6", "S. Biderman", _at(2025, 5, 20))]
    con = build_over(tmp_path, {"github_commits": recent}, [PROJECT], _load(tmp_path, STELLA))
    assert [row[1] for row in _quiet(con)] == ["Hailey Smith"]


def test_any_spelling_with_the_same_key_joins_too(tmp_path):
    text = '[[person]]\nname = "Stella"\ngit_names = ["stella.biderman"]\n'
    con = build_over(tmp_path, {"github_commits": COMMITS}, [PROJECT], _load(tmp_path, text))
    row = con.execute(
        "select display_name, person_key from fct_people where person = 'git:stellabiderman'"
    ).fetchone()
    assert row == ("Stella", "person-00001")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[person]]\nname = "A"\ngit_names = "Ann Lee"\n', "key 'git_names' must be a list"),
        ('[[person]]\nname = "A"\ngit_names = [""]\n', "key 'git_names' has '' that is not"),
        ('[[person]]\nname = "A"\ngit_names = ["Ann\\nLee"]\n', "key 'git_names' has"),
        ('[[person]]\nname = "A"\ngit_names = ["Ann Lee", "ann lee"]\n',
         "key 'git_names' lists an item twice"),
        ('[[person]]\nname = "A"\ngit_name = ["Ann Lee"]\n', "unknown key 'git_name'"),
    ],
)  # fmt: skip
def test_git_names_are_checked_strictly(tmp_path, text, expected):
    with pytest.raises(ConfigError) as err:
        _load(tmp_path, text)
    assert str(err.value).startswith(f"{tmp_path / 'identities.toml'}: person ")
    assert expected in str(err.value)


def test_git_names_alone_are_an_identity_and_are_kept_trimmed(tmp_path):
    listed = _load(tmp_path, '[[person]]\nname = "A"\ngit_names = [" Ann Lee "]\n')
    assert listed.people[0].git_names == ("Ann Lee",)


def test_two_people_claiming_one_git_name_key_conflict(tmp_path):
    text = (
        '[[person]]\nname = "A"\ngit_names = ["Ann Lee"]\n'
        '[[person]]\nname = "B"\ngit_names = ["ann.lee"]\n'
    )
    (problem,) = conflicts(_load(tmp_path, text), git_name_key)
    assert "person 'B': key 'git_names' claims 'annlee', already claimed by person 'A'" in problem


@pytest.mark.parametrize(
    "name",
    ["Hailey Schoelkopf", " hailey.schoelkopf ", "José García", "Łukasz O'Brien-Żak", "李 雷",
     "---", "  ...  ", "Ann Lee 2", "ANN_LEE"],
)  # fmt: skip
def test_the_check_key_equals_the_sql_rule(tmp_path, name):
    con = build_over(tmp_path, {}, [PROJECT])
    (sql,) = con.execute("select git_name_key(?)", [name]).fetchone()
    assert git_name_key(name) == sql
