"""fct_cohort_retention: of the people first seen on GitHub in month C, how many were active
in month C+k."""

from datetime import UTC, datetime

from sqlkit import build_over, project


def _commit(login, y, m, d):
    return {
        "repo": "o/r",
        "sha": f"{login}-{y}{m:02}{d:02}",
        "author_login": login,
        "authored_at": datetime(y, m, d, tzinfo=UTC),
        "provenance": "api",
    }


def test_cohorts_by_first_month(tmp_path):
    rows = [
        _commit("ann", 2025, 1, 5),
        _commit("ann", 2025, 2, 10),
        _commit("ann", 2025, 4, 1),
        _commit("bob", 2025, 1, 20),
        _commit("cy", 2025, 2, 3),
        _commit("cy", 2025, 3, 3),
        _commit("dependabot[bot]", 2025, 1, 7),  # bots join no cohort
    ]
    con = build_over(tmp_path, {"github_commits": rows}, [project(github_repos=["o/r"])])
    got = con.execute(
        "select cohort, months_since, cohort_size, active, retention from fct_cohort_retention "
        "where project = 'p' order by all"
    ).fetchall()
    # cohort 2025-01 = {ann, bob}: Feb ann (1/2), Mar nobody, Apr ann (1/2); May
    # is after the cut-off
    # (2025-04-01, ann's last commit). Cohort 2025-02 = {cy}: Mar cy, Apr nobody.
    assert got == [
        ("2025-01", 0, 2, 2, 1.0),
        ("2025-01", 1, 2, 1, 0.5),
        ("2025-01", 2, 2, 0, 0.0),
        ("2025-01", 3, 2, 1, 0.5),
        ("2025-02", 0, 1, 1, 1.0),
        ("2025-02", 1, 1, 1, 1.0),
        ("2025-02", 2, 1, 0, 0.0),
    ]


def test_twelve_months_at_most(tmp_path):
    rows = [_commit("ann", 2023, 1, 1), _commit("ann", 2025, 1, 1)]
    con = build_over(tmp_path, {"github_commits": rows}, [project(github_repos=["o/r"])])
    offsets = con.execute(
        "select list(months_since order by months_since) from fct_cohort_retention where cohort "
        "= '2023-01'"
    ).fetchone()[0]
    # ann comes back after 24 months: beyond the 12 months the heat map shows
    assert offsets == list(range(13))
    assert (
        con.execute(
            "select sum(active) from fct_cohort_retention where months_since > 0"
        ).fetchone()[0]
        == 0
    )


def test_the_cut_off_month_is_marked_partial(tmp_path):
    rows = [_commit("ann", 2025, 1, 5), _commit("ann", 2025, 3, 1), _commit("bob", 2025, 2, 2)]
    con = build_over(tmp_path, {"github_commits": rows}, [project(github_repos=["o/r"])])
    got = con.execute(
        "select cohort, months_since, is_partial from fct_cohort_retention order by all"
    ).fetchall()
    # the cut-off is 2025-03-01 (ann's last commit): March has one day of data
    assert got == [
        ("2025-01", 0, False),
        ("2025-01", 1, False),
        ("2025-01", 2, True),
        ("2025-02", 0, False),
        ("2025-02", 1, True),
    ]
