"""fct_indicator_alerts (clearly off the trailing three-month level) and
fct_indicator_sparklines."""

from datetime import UTC, datetime

import pytest

from sqlkit import build_over, project

# active people per month: Jan-Mar 6, Apr 3, May 9, Jun 1 (the cut-off month, 2025-06-15)
ACTIVE = {1: 6, 2: 6, 3: 6, 4: 3, 5: 9, 6: 1}


def _commits():
    return [
        {
            "repo": "o/r",
            "sha": f"{m}-{i}",
            "author_login": f"p{i}",
            "authored_at": datetime(2025, m, 15, tzinfo=UTC),
            "provenance": "api",
        }
        for m, n in ACTIVE.items()
        for i in range(n)
    ]


def test_alerts_on_active_contributors(tmp_path):
    con = build_over(tmp_path, {"github_commits": _commits()}, [project(github_repos=["o/r"])])
    got = con.execute(
        "select month, value, trailing_3m, change, direction from fct_indicator_alerts "
        "where indicator = 'gh_active_contributors' order by month"
    ).fetchall()
    # Apr: 3 < min(6, 6, 6) and 3 <= 6 * 2/3 -> below, -50%.
    # May: 9 > max(6, 6, 3) and 9 >= 5 * 4/3 is clearly above, but more people is good: no alert.
    # Jun would be below (1 vs 6, 3, 9) but the cut-off month is not over: left out.
    assert got == [("2025-04", 3.0, 6.0, -0.5, "below")]


@pytest.mark.parametrize(
    ("good", "expected"),
    [
        ("up", [("2025-04", "below")]),  # a fall is bad
        ("down", [("2025-05", "above")]),  # a rise is bad: May, 9 > max(6, 6, 3), 9 >= 5 * 4/3
        ("neutral", []),  # neither way is bad
        (None, []),  # an id the catalog does not know is never flagged
    ],
)
def test_the_catalogs_good_decides_which_way_alerts(tmp_path, good, expected):
    con = build_over(tmp_path, {"github_commits": _commits()}, [project(github_repos=["o/r"])])
    con.execute(  # the catalog as the build wrote it, told another direction
        "update ref_indicator_catalog set good = ? where indicator = 'gh_active_contributors'",
        [good],
    )
    got = con.execute(
        "select month, direction from fct_indicator_alerts "
        "where indicator = 'gh_active_contributors' order by month"
    ).fetchall()
    assert got == expected


def test_no_alert_without_three_months_before(tmp_path):
    con = build_over(tmp_path, {"github_commits": _commits()}, [project(github_repos=["o/r"])])
    months = con.execute("select min(month) from fct_indicator_alerts").fetchone()[0]
    assert months >= "2025-04"


def test_sparklines(tmp_path):
    con = build_over(tmp_path, {"github_commits": _commits()}, [project(github_repos=["o/r"])])
    row = con.execute(
        "select latest_value, latest_month, sparkline from fct_indicator_sparklines "
        "where indicator = 'gh_active_contributors' and month = '2025-05'"
    ).fetchone()
    assert row == (9.0, "2025-05", [6.0, 6.0, 6.0, 3.0, 9.0])
    # retention has no value in January (nobody before): the latest known value skips nulls
    # Feb: all 6 of January's people came back = 1.0; the sparkline keeps January's null
    row = con.execute(
        "select latest_value, latest_month, sparkline from fct_indicator_sparklines "
        "where indicator = 'contributor_retention' and month = '2025-02'"
    ).fetchone()
    assert row == (1.0, "2025-02", [None, 1.0])
    jan = con.execute(
        "select latest_value from fct_indicator_sparklines "
        "where indicator = 'contributor_retention' and month = '2025-01'"
    ).fetchone()
    assert jan == (None,)
    # June is the cut-off month: partial, so a gap in the sparkline, not its value so far
    jun = con.execute(
        "select sparkline from fct_indicator_sparklines "
        "where indicator = 'gh_active_contributors' and month = '2025-06'"
    ).fetchone()[0]
    assert jun == [6.0, 6.0, 6.0, 3.0, 9.0, None]
