"""`onramp identities suggest` proposes the git-name links the SQL rule (git_name_key) leaves
apart, as `git_names`, each with a reason and a confidence, never applied, and conservatively:
nothing for a name two logins sign, two full names one initial fits, or a link that would join two
logins. The proposals paste into identities.toml as they are and then count once."""

import tomllib
from datetime import UTC, datetime

import pytest

from core.identities import conflicts, load_identities
from onramp.cli import main
from warehouse.build import git_name_key
from warehouse.db import connect
from warehouse.upsert import upsert

T = datetime(2024, 1, 10, tzinfo=UTC)


def _commit(sha, name, login=None):
    return {"repo": "o/r", "sha": sha, "author_login": login, "author_name": name,
            "authored_at": T, "provenance": "git-history"}  # fmt: skip


COMMITS = [
    # one login: 'Ada Lovelace' with no login, and signed by login ada-l only
    _commit("a1", "Ada Lovelace"), _commit("a2", "Ada Lovelace", "ada-l"),
    # a name two logins sign: nobody's
    _commit("b1", "Sam Lee"), _commit("b2", "Sam Lee", "samlee1"), _commit("b3", "Sam Lee", "sl2"),
    # spells a login but for its space
    _commit("c1", "Hailey Schoelkopf"), _commit("c2", "x", "haileyschoelkopf"),
    # reordered, accents, digits
    _commit("d1", "Stella Biderman"), _commit("d2", "Biderman Stella"),
    _commit("e1", "José García"), _commit("e2", "Jose Garcia"),
    _commit("f1", "Chris Ha"), _commit("f2", "chris-ha458"),
    # an initial with one full name; an initial two full names fit
    _commit("g1", "S. Biderman"),
    _commit("h1", "M. Curie"), _commit("h2", "Marie Curie"), _commit("h3", "Mike Curie"),
    # more words
    _commit("i1", "Quentin Anthony"), _commit("i2", "Quentin Gregory Anthony"),
    # a one-word name, a bot, short keys: never
    _commit("j1", "Stella"), _commit("j2", "dependabot[bot]"), _commit("j3", "A B"),
]  # fmt: skip


@pytest.fixture
def env(tmp_path, monkeypatch):
    raw = tmp_path / "raw.duckdb"
    with connect(raw) as con:
        upsert(con, "github_commits", COMMITS, run_id="t")
    (tmp_path / "projects.toml").write_text(
        '[[project]]\nid = "p"\nname = "P"\norganizational_model = "company"\n'
        'github_repos = ["o/r"]\n'
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ONRAMP_IDENTITIES", raising=False)
    return tmp_path


def _suggest(env, capsys) -> tuple[str, list[dict]]:
    assert main(["identities", "suggest", "--db", str(env / "raw.duckdb")]) == 0
    text = capsys.readouterr().out
    return text, [p for p in tomllib.loads(text).get("person", []) if "git_names" in p]


def _by_names(people):
    return {tuple(sorted(p["git_names"])): p for p in people}


def test_each_git_name_rule_with_its_reason_and_confidence(env, capsys):
    _, people = _suggest(env, capsys)
    found = _by_names(people)
    ada = found[("Ada Lovelace",)]
    assert ada["github"] == ["ada-l"] and ada["confidence"] == "medium"
    assert "the only login that signs it" in ada["reason"]
    hailey = found[("Hailey Schoelkopf",)]
    assert hailey["github"] == ["haileyschoelkopf"] and hailey["confidence"] == "medium"
    assert "spells login 'haileyschoelkopf'" in hailey["reason"]
    # 'Stella Biderman', its reordering and its initial: one proposal, at its weakest confidence
    stella = found[("Biderman Stella", "S. Biderman", "Stella Biderman")]
    assert stella["name"] == "Stella Biderman" and stella["confidence"] == "low"
    assert "in another order" in stella["reason"] and "an initial of" in stella["reason"]
    assert found[("Jose Garcia", "José García")]["confidence"] == "medium"
    assert "but for accents" in found[("Jose Garcia", "José García")]["reason"]
    assert found[("Chris Ha", "chris-ha458")]["confidence"] == "low"
    assert "but for digits" in found[("Chris Ha", "chris-ha458")]["reason"]
    quentin = found[("Quentin Anthony", "Quentin Gregory Anthony")]
    assert quentin["confidence"] == "low" and "with more words" in quentin["reason"]
    # nothing else: not Sam Lee (two logins), not M. Curie (two full names), not a one-word name,
    # a bot or a short key
    assert set(found) == {("Ada Lovelace",), ("Hailey Schoelkopf",),
                          ("Biderman Stella", "S. Biderman", "Stella Biderman"),
                          ("Jose Garcia", "José García"), ("Chris Ha", "chris-ha458"),
                          ("Quentin Anthony", "Quentin Gregory Anthony")}  # fmt: skip


def test_proposals_paste_as_they_are_and_nothing_is_applied(env, capsys):
    text, people = _suggest(env, capsys)
    path = env / "identities.toml"
    path.write_text(text, encoding="utf-8")
    listed = load_identities(path, None)
    assert conflicts(listed, git_name_key) == []
    assert {tuple(sorted(p.git_names)) for p in listed.people if p.git_names} == set(
        _by_names(people)
    )


def test_listed_people_are_not_proposed_again_and_extensions_say_so(env, capsys):
    (env / "identities.toml").write_text(
        '[[person]]\nname = "Stella B."\ngit_names = ["Stella Biderman"]\n'
        '[[person]]\nname = "Quentin"\ngit_names = ["Quentin Anthony", "Quentin Gregory Anthony"]\n'
    )
    _, people = _suggest(env, capsys)
    found = _by_names(people)
    assert not any("Quentin Anthony" in names for names in found)
    stella = found[("Biderman Stella", "S. Biderman")]
    assert stella["name"] == "Stella B."
    assert "extends listed person 'Stella B.': merge into that entry" in stella["reason"]
