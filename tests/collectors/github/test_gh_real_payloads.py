"""A collection over real recorded GitHub payloads (2011-2025, tests/fixtures/real): every record
that can be stored is stored, field by field; the rest are skipped, warned about and counted, and
the run is ok. Then the indicators those payloads give, worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fakes.github_real import REPO, real_repo
from sqlkit import build_over, project, value


def t(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def collected(github, warehouse):
    server = github(real_repo())
    outcome = warehouse.run([REPO])
    return server, warehouse, outcome


def rows(warehouse, sql: str) -> list[tuple]:
    return warehouse.con.execute(sql).fetchall()


def test_the_run_stores_what_it_can_and_counts_the_rest(collected):
    _server, warehouse, outcome = collected
    assert outcome.status == "ok"
    # the issue without created_at, and two 2012 issue comments that name no issue at all
    assert outcome.skipped == 3
    skipped = [w for w in warehouse.warnings if "skipped a" in w]
    assert len(skipped) == 3
    assert any(
        "github_issues record (id 4653758) at /repositories/3544490/issues: no created_at" in w
        for w in skipped
    )
    assert all(w.startswith("p github: skipped a") for w in skipped)
    status = rows(warehouse, "select status, skipped from collection_runs")
    assert status == [("ok", 3)]


def test_issues_field_by_field(collected):
    _server, warehouse, _outcome = collected
    got = rows(
        warehouse,
        "select number, is_pull_request, author_login, author_type, author_association, is_bot, "
        "state, created_at, closed_at, merged_at, merge_known from github_issues order by number",
    )
    assert got == [
        # 2017: an open PR whose pull_request carries no merged_at (merge state unknown)
        (2, True, "tmshn", "User", "OWNER", False, "open", t(2017, 9, 18, 14, 24, 5), None,
         None, False),
        # 2012: a plain issue although it carries a pull_request full of nulls; user has no type
        (28, False, "jacquev6", None, None, False, "open", t(2012, 5, 19, 10, 38, 23), None,
         None, None),
        # 2012: a closed PR, no merged_at in the list (the pulls listing tells: merged)
        (32, True, "jacquev6", None, None, False, "closed", t(2012, 5, 27, 10, 55, 12),
         t(2012, 5, 27, 11, 3, 53), None, False),
        # ghost: a deleted account is nobody, and not a bot
        (106, False, None, None, "NONE", False, "closed", t(2013, 5, 12, 11, 26, 59),
         t(2013, 5, 13, 3, 48, 52), None, None),
        (538, True, "allevin", "User", "CONTRIBUTOR", False, "closed", t(2017, 3, 20, 21, 0, 37),
         t(2017, 3, 25, 16, 52, 49), t(2017, 3, 25, 16, 52, 49), True),
        (3045, True, "bmwiedemann", "User", "FIRST_TIME_CONTRIBUTOR", False, "open",
         t(2024, 9, 16, 14, 19, 35), None, None, True),
    ]  # fmt: skip


def test_merge_state_comes_from_one_pulls_listing(collected):
    server, warehouse, _outcome = collected
    assert rows(warehouse, "select number, merged_at from github_pull_merges order by number") == [
        (31, t(2012, 5, 27, 10, 29, 7)),
        (32, t(2012, 5, 27, 11, 3, 53)),
        (39, t(2012, 5, 29, 18, 7, 54)),
    ]
    pulls = [p for p in server.paths() if p.endswith("/pulls")]
    assert len(pulls) == 1  # one page for all closed PRs, not one call per PR


def test_comments_reviews_commits_releases_field_by_field(collected):
    _server, warehouse, _outcome = collected
    assert rows(
        warehouse,
        "select kind, id, number, author_login, author_association, is_bot, review_state "
        "from github_comments order by kind, id",
    ) == [
        ("review", 28482091, 538, "jzelinskie", "OWNER", False, "APPROVED"),
        ("review", 104584375, 538, "electrofelix", "CONTRIBUTOR", False, "COMMENTED"),
        ("review", 105360043, 538, "sfdye", "MEMBER", False, "COMMENTED"),
        ("review", 105365629, 538, "sfdye", "MEMBER", False, "COMMENTED"),
        ("review", 105368184, 538, "sfdye", "MEMBER", False, "COMMENTED"),
        # 2012: no pull_request_url, no author_association; _links still names PR #31
        ("review_comment", 1580134, 31, "jacquev6", None, False, None),
    ]
    assert (
        rows(
            warehouse,
            "select left(sha, 7), author_login, author_name, committer_login, is_bot "
            "from github_commits order by authored_at",
        )
        == COMMITS
    )
    assert rows(warehouse, "select id, tag_name, author_login from github_releases") == [
        (63525446, "v0.0.0-alpha", None)
    ]


COMMITS = [
    # author null: the git email is linked to no account; the name is what is left
    ("553c207", None, "cameronmcefee", None, False),
    ("aba7b23", None, "cclauss", "sigmavirus24", False),
    ("3247137", None, "James E. Blair", None, False),
    ("82c349c", None, "Paul Du Bois", None, False),
    # bots by type and [bot] login; the committer web-flow is GitHub's web UI
    ("dcd2a9e", "pre-commit-ci[bot]", "pre-commit-ci[bot]", "web-flow", True),
    ("40b9f2e", "pre-commit-ci[bot]", "pre-commit-ci[bot]", "pre-commit-ci[bot]", True),
    ("3253aca", "dependabot[bot]", "dependabot[bot]", "web-flow", True),
]


def test_indicators_over_the_real_payloads(collected, tmp_path):
    _server, warehouse, _outcome = collected
    tables = {
        t: [dict(zip([d[0] for d in warehouse.con.execute(f"select * from {t}").description], r,
                     strict=True)) for r in warehouse.con.execute(f"select * from {t}").fetchall()]
        for t in ("github_issues", "github_comments", "github_commits", "github_pull_merges")
    }  # fmt: skip
    con = build_over(tmp_path / "built", tables, [project("p", github_repos=[REPO])])
    # 2012-05: #28 is an issue, #32 the only PR, merged (from the pulls listing)
    assert value(con, "p", "2012-05", "gh_prs_opened") == 1
    assert value(con, "p", "2012-05", "gh_pr_acceptance_ratio") == 1.0
    assert value(con, "p", "2012-05", "gh_issue_closure_ratio") == 0.0
    # 2013-05: ghost's issue is an item (opened, closed) but nobody's activity
    assert value(con, "p", "2013-05", "gh_issue_closure_ratio") == 1.0
    assert _value_or_zero(con, "2013-05", "gh_active_contributors") == 0
    # 2017-03: allevin's external PR #538, merged; first response jzelinskie's review, 46.106 h
    assert value(con, "p", "2017-03", "gh_external_prs_merged") == 1
    assert value(con, "p", "2017-03", "gh_ttfr_median_hours") == pytest.approx(
        (t(2017, 3, 22, 19, 6, 59) - t(2017, 3, 20, 21, 0, 37)).total_seconds() / 3600
    )


def test_unknown_merge_state_stays_unknown(github, warehouse, tmp_path):
    """Without a pulls listing to tell, #32 (closed, no merged_at in the list) is neither merged
    nor rejected: the month's acceptance is null, never 0."""
    repo = real_repo()
    repo.pulls = []
    github(repo)
    assert warehouse.run([REPO]).status == "ok"
    issues = warehouse.con.execute("select * from github_issues").fetchall()
    columns = [d[0] for d in warehouse.con.description]
    tables = {"github_issues": [dict(zip(columns, r, strict=True)) for r in issues]}
    con = build_over(tmp_path / "built", tables, [project("p", github_repos=[REPO])])
    assert value(con, "p", "2012-05", "gh_pr_acceptance_ratio") is None
    assert value(con, "p", "2012-05", "gh_pr_closure_ratio") == 1.0


def _value_or_zero(con, month: str, indicator: str):
    got = con.execute(
        "select value from fct_indicators where project = 'p' and month = ? and indicator = ?",
        [month, indicator],
    ).fetchall()
    return got[0][0] if got else 0
