"""fct_indicator_changes (the one owner of the trailing three-month level and the latest value),
and what reads it: fct_indicator_alerts and fct_indicator_ranks. Answers worked out by hand.

Active GitHub people of project p per month (p0 .. pN-1 each commit once, on the 15th):
  2024-01 2 | 02 4 | 03 6 | 04 8 | 05 2 | 06 .. 12 4 each | 2025-01 5 | 02 3 | 03 1 (cut-off month)
"""

import dataclasses
from datetime import UTC, datetime

import pytest

from sqlkit import build_over, project

ACTIVE = {
    (2024, 1): 2, (2024, 2): 4, (2024, 3): 6, (2024, 4): 8, (2024, 5): 2,
    **{(2024, m): 4 for m in range(6, 13)},
    (2025, 1): 5, (2025, 2): 3, (2025, 3): 1,
}  # fmt: skip


def t(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def commits(repo: str, active: dict, prefix: str = "p") -> list[dict]:
    return [
        {
            "repo": repo,
            "sha": f"{repo}-{y}-{m}-{i}",
            "author_login": f"{prefix}{i}",
            "authored_at": t(y, m, 15),
            "provenance": "api",
        }
        for (y, m), n in active.items()
        for i in range(n)
    ]


def issue(repo: str, number: int, login: str, created: datetime) -> dict:
    return {
        "id": hash((repo, number)) % 10**9, "repo": repo, "number": number,
        "is_pull_request": False, "author_login": login, "author_association": "NONE",
        "is_bot": False, "state": "open", "created_at": created, "updated_at": created,
        "provenance": "api",
    }  # fmt: skip


def comment(repo: str, number: int, login: str, at: datetime) -> dict:
    return {"kind": "issue_comment", "id": hash((repo, number, login)) % 10**9, "repo": repo,
            "number": number, "author_login": login, "is_bot": False, "created_at": at,
            "provenance": "api"}  # fmt: skip


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    rows = {"github_commits": commits("o/r", ACTIVE)}
    return build_over(tmp_path_factory.mktemp("changes"), rows, [project(github_repos=["o/r"])])


def _changes(con, indicator: str) -> dict[str, tuple]:
    rows = con.execute(
        "select month, value, final, trailing_3m, trailing_min, trailing_max, change_3m, "
        "year_before, change_1y, good from fct_indicator_changes "
        "where project = 'p' and indicator = ? order by month",
        [indicator],
    ).fetchall()
    return {r[0]: r[1:] for r in rows}


def test_trailing_level_and_changes(con):
    got = _changes(con, "gh_active_contributors")
    assert len(got) == 15  # 2024-01 .. 2025-03, one row a month
    # no three months before: no trailing level, no change
    assert got["2024-01"] == (2, True, None, None, None, None, None, None, "up")
    assert got["2024-03"][2:6] == (None, None, None, None)
    # Apr: (2 + 4 + 6) / 3 = 4, range 2 .. 6; 8 / 4 - 1 = +100 %
    assert got["2024-04"] == (8, True, 4, 2, 6, 1.0, None, None, "up")
    # May: (4 + 6 + 8) / 3 = 6; 2 / 6 - 1 = -2/3
    assert got["2024-05"][2:6] == (6, 4, 8, pytest.approx(-2 / 3))
    # 2025-01: (4 + 4 + 4) / 3 = 4 -> +25 %; a year before, 2024-01: 2 -> 5 / 2 - 1 = +150 %
    assert got["2025-01"] == (5, True, 4, 4, 4, 0.25, 2, 1.5, "up")
    # 2025-02: (4 + 4 + 5) / 3 = 13/3 -> 3 / (13/3) - 1 = -4/13; a year before 4 -> -25 %
    feb = got["2025-02"]
    assert feb[2] == pytest.approx(13 / 3)
    assert feb[5] == pytest.approx(-4 / 13) and feb[6:8] == (4, -0.25)
    # the cut-off month is not final: its level shows, but no change is claimed
    assert got["2025-03"] == (1, False, 4, 3, 5, None, 6, None, "up")


def test_which_way_the_change_went_follows_the_catalogs_good(con):
    rows = con.execute(
        "select month, change_3m_went from fct_indicator_changes where project = 'p' "
        "and indicator = 'gh_active_contributors' and month in "
        "('2024-03', '2024-04', '2024-05', '2024-08', '2024-09', '2025-03') order by month"
    ).fetchall()
    # Mar: no change known; up is good: Apr +100 % better, May -2/3 worse, Aug 4 against
    # (2 + 4 + 4) / 3 = +20 % better; Sep 4 against 4: no change; 2025-03 is not final: none
    assert rows == [
        ("2024-03", None),
        ("2024-04", "better"),
        ("2024-05", "worse"),
        ("2024-08", "better"),
        ("2024-09", None),
        ("2025-03", None),
    ]


@pytest.mark.parametrize(("good", "april"), [("down", "worse"), ("neutral", None), (None, None)])
def test_where_down_is_good_a_rise_went_the_bad_way(tmp_path, good, april):
    con = build_over(
        tmp_path, {"github_commits": commits("o/r", ACTIVE)}, [project(github_repos=["o/r"])]
    )
    con.execute(  # the catalog as the build wrote it, told another direction
        "update ref_indicator_catalog set good = ? where indicator = 'gh_active_contributors'",
        [good],
    )
    got = con.execute(
        "select change_3m, change_3m_went from fct_indicator_changes "
        "where indicator = 'gh_active_contributors' and month = '2024-04'"
    ).fetchone()
    assert got == (1.0, april)


def test_latest_value_skips_months_without_one(con):
    rows = con.execute(
        "select month, value, latest_value, latest_month, headline_value, as_of "
        "from fct_indicator_changes where indicator = 'contributor_retention' "
        "and month in ('2024-01', '2024-02') order by month"
    ).fetchall()
    # January: nobody before, so no ratio and nothing known yet; February: both of January's
    # two came back (p0, p1 among February's four)
    assert rows == [
        ("2024-01", None, None, None, None, "2024-01"),
        ("2024-02", 1.0, 1.0, "2024-02", 1.0, "2024-02"),
    ]


def test_alerts_keep_only_the_bad_way(con):
    got = con.execute(
        "select month, value, trailing_3m, change, direction, good from fct_indicator_alerts "
        "where indicator = 'gh_active_contributors' order by month"
    ).fetchall()
    # Apr is clearly above (8 > 6 and 8 >= 4 * 4/3) but up is good: no alert.
    # May: 2 < 4 and 2 <= 6 * 2/3 -> below. Jun .. 2025-02 stay within the range or the third.
    assert got == [("2024-05", 2, 6, pytest.approx(-2 / 3), "below", "up")]


def test_alert_where_lower_is_better(tmp_path):
    # one issue a month, answered after 10, 10, 10 then 20 hours: April's median time to first
    # response is above every month before and 20 >= 10 * 4/3: bad, as down is good. A response
    # time settles 90 days after its month: the cut-off falls in October.
    hours = {1: 10, 2: 10, 3: 10, 4: 20}
    issues = [issue("o/r", m, "asker", t(2024, m, 5)) for m in hours]
    replies = [comment("o/r", m, "helper", t(2024, m, 5, h)) for m, h in hours.items()]
    rows = {
        "github_issues": issues,
        "github_comments": replies,
        "github_commits": commits("o/r", {(2024, 10): 1}),
    }
    con = build_over(tmp_path, rows, [project(github_repos=["o/r"])])
    got = con.execute(
        "select month, value, trailing_3m, change, direction, good from fct_indicator_alerts "
        "where indicator = 'gh_ttfr_median_hours'"
    ).fetchall()
    assert got == [("2024-04", 20, 10, 1.0, "above", "down")]


@pytest.fixture(scope="module")
def ranked(tmp_path_factory):
    # January 2024 (June, with p's one commit, is the partial cut-off month; a response time
    # settles 90 days after its month, so January's is final):
    #   active people: p 3, q 5 (company), r 3 (research-institute)
    #   first response: p's issue after 2 h, q's after 5 h (down is good), r none
    rows = {
        "github_commits": [
            *commits("o/p", {(2024, 1): 3, (2024, 6): 1}, "p"),
            *commits("o/q", {(2024, 1): 5}, "q"),
            *commits("o/r", {(2024, 1): 3}, "r"),
        ],
        "github_issues": [
            issue("o/p", 1, "p0", t(2024, 1, 3)),
            issue("o/q", 1, "q0", t(2024, 1, 3)),
        ],
        "github_comments": [
            comment("o/p", 1, "p1", t(2024, 1, 3, 2)),
            comment("o/q", 1, "q1", t(2024, 1, 3, 5)),
        ],
    }
    projects = [
        project("p", github_repos=["o/p"]),
        project("q", github_repos=["o/q"]),
        project("r", github_repos=["o/r"]),
    ]
    projects[2] = dataclasses.replace(projects[2], organizational_model="research-institute")
    return build_over(tmp_path_factory.mktemp("ranks"), rows, projects)


def _ranks(con, scope: str, indicator: str) -> dict[str, tuple]:
    rows = con.execute(
        "select project, value, rank, tied, ranked_projects from fct_indicator_ranks "
        "where scope = ? and indicator = ? and month = '2024-01' order by project",
        [scope, indicator],
    ).fetchall()
    return {r[0]: r[1:] for r in rows}


def test_ranks_are_among_the_projects_of_the_scope(ranked):
    assert _ranks(ranked, "company", "gh_active_contributors") == {
        "p": (3, 2, 1, 2),
        "q": (5, 1, 1, 2),
    }
    # all three: q first, p and r share second
    assert _ranks(ranked, "company,research-institute", "gh_active_contributors") == {
        "p": (3, 2, 2, 3),
        "q": (5, 1, 1, 3),
        "r": (3, 2, 2, 3),
    }
    # one project alone: nothing to rank
    assert _ranks(ranked, "research-institute", "gh_active_contributors") == {
        "r": (3, None, None, None)
    }


def test_a_median_of_one_response_is_too_few_to_rank(ranked):
    # one answered issue each: under the catalog's min_sample of 5, so shown but not ranked
    got = _ranks(ranked, "company,research-institute", "gh_ttfr_median_hours")
    assert got == {"p": (2, None, None, None), "q": (5, None, None, None), "r": (None,) * 4}


def test_pending_values_are_not_ranked(ranked):
    rows = ranked.execute(
        "select project, final, rank from fct_indicator_ranks where scope = 'company' "
        "and indicator = 'gh_active_contributors' and month = '2024-06' order by project"
    ).fetchall()
    assert rows == [("p", False, None), ("q", False, None)]
