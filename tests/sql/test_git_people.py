"""fct_people and fct_quiet_people on git history: one person, one row for git names that differ
only in case, spacing or punctuation; git evidence of write access makes an insider."""

from datetime import UTC, datetime

from sqlkit import build_over, project


def _at(month, day=1):
    return datetime(2024, month, day, tzinfo=UTC)


def _commit(sha, name, month, *, first_parent=False, merge=False, pr=None, pr_login=None):
    return {
        "repo": "o/r",
        "sha": sha,
        "author_login": None,
        "author_name": name,
        "authored_at": _at(month),
        "committed_at": _at(month),
        "on_first_parent": first_parent,
        "is_merge": merge,
        "pr_number": pr,
        "pr_login": pr_login,
        "provenance": "git-history",
    }


def _build(tmp_path, commits):
    # the cut-off: a late commit by someone else, so everybody above it is quiet by then
    late = _commit("zz", "Late Comer", 12) | {"authored_at": datetime(2025, 6, 1, tzinfo=UTC)}
    return build_over(
        tmp_path,
        {"github_commits": [*commits, late]},
        projects=[project("p", github_repos=["o/r"])],
    )


def test_git_names_that_differ_in_case_spacing_or_punctuation_are_one_person(tmp_path):
    con = _build(
        tmp_path,
        [
            # Hailey under three spellings, squash-merged PR commits (not write evidence)
            _commit("a1", "Hailey Schoelkopf", 1, first_parent=True, pr=1),
            _commit("a2", "haileyschoelkopf", 2, first_parent=True, pr=2),
            _commit("a3", "hailey.schoelkopf ", 3, first_parent=True, pr=3),
            # two people who share a first name stay two
            _commit("b1", "Hailey Smith", 1, first_parent=True, pr=4),
            _commit("b2", "Hailey Smith", 2, first_parent=True, pr=5),
            _commit("b3", "Hailey Smith", 3, first_parent=True, pr=6),
        ],
    )
    rows = con.execute(
        "select person, display_name, activities, is_insider from fct_quiet_people "
        "where project = 'p' order by person"
    ).fetchall()
    assert rows == [
        # shown as the spelling with a space, counted once with all three commits
        ("git:haileyschoelkopf", "Hailey Schoelkopf", 3, False),
        ("git:haileysmith", "Hailey Smith", 3, False),
    ]


def test_git_evidence_of_write_access_makes_an_insider(tmp_path):
    con = _build(
        tmp_path,
        [
            # pushed straight to the default branch: no PR, not a merge, on the first parent
            _commit("p1", "Pusher Pat", 1, first_parent=True),
            # merged someone's pull request there (and authored a squashed PR of her own)
            _commit("m1", "Merger Mo", 1, first_parent=True, merge=True, pr=7, pr_login="ann"),
            _commit("m2", "merger-mo", 2, first_parent=True, pr=8),
            # an outsider: squash-merged PRs (on the first parent, with a PR number) and a commit
            # brought in by a merge (not on the first parent)
            _commit("o1", "Outside Olu", 1, first_parent=True, pr=9),
            _commit("o2", "Outside Olu", 2, first_parent=False),
            # a merge commit inside a contributor's branch, off the first parent: no evidence
            _commit("c1", "Branch Bea", 1, first_parent=False, merge=True, pr=10, pr_login="x"),
            # first-parent unknown (the API's rows): nothing concluded
            _commit("u1", "Unknown Uma", 1) | {"on_first_parent": None, "provenance": "api"},
        ],
    )
    rows = dict(
        con.execute(
            "select display_name, is_insider from fct_people "
            "where project = 'p' and display_name <> 'Late Comer'"
        ).fetchall()
    )
    assert rows == {
        "Pusher Pat": True,
        "Merger Mo": True,
        "Outside Olu": False,
        "Branch Bea": False,
        "Unknown Uma": False,
    }


def test_a_login_like_git_name_is_that_login_and_github_actions_is_a_bot(tmp_path):
    issue = {
        "id": 1, "repo": "o/r", "number": 1, "is_pull_request": False, "title": "t",
        "author_login": "Ann-Lee", "author_type": "User", "state": "open",
        "created_at": _at(1), "provenance": "api",
    }  # fmt: skip
    con = build_over(
        tmp_path,
        {
            "github_issues": [issue],
            "github_commits": [
                _commit("a1", "ann-lee", 2, first_parent=True, pr=2),  # her login, as a git name
                _commit("a2", "Ann Lee", 3, first_parent=True, pr=3),  # a name: never a login
                _commit("g1", "github-actions", 3, first_parent=True),
            ],
        },
        projects=[project("p", github_repos=["o/r"])],
    )
    rows = con.execute(
        "select person, activities from fct_people where project = 'p' order by person"
    ).fetchall()
    assert rows == [("Ann-Lee", 2), ("git:annlee", 1)]
