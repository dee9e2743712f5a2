"""fct_release_activity: activity by days since each release, its 7-day sum and half-life."""

from datetime import UTC, datetime, timedelta

from sqlkit import build_over, project

RELEASE = datetime(2025, 1, 10, tzinfo=UTC)


def _commits(day, n):
    at = RELEASE + timedelta(days=day, hours=1)
    return [
        {
            "repo": "o/r",
            "sha": f"d{day}-{i}",
            "author_login": f"p{i}",
            "authored_at": at,
            "provenance": "api",
        }
        for i in range(n)
    ]


def test_release_half_life(tmp_path):
    rows = {
        "hub_repos": [
            {
                "repo_type": "model",
                "repo_id": "org/m",
                "author": "org",
                "created_at": RELEASE,
                "provenance": "api",
            }
        ],
        "github_releases": [
            {
                "id": 1,
                "repo": "o/r",
                "tag_name": "v1",
                "is_prerelease": False,
                "published_at": RELEASE + timedelta(hours=12),
                "provenance": "api",
            },  # the same day as the model: one release
            {
                "id": 2,
                "repo": "o/r",
                "tag_name": "v2-rc",
                "is_prerelease": True,
                "published_at": RELEASE + timedelta(days=20),
                "provenance": "api",
            },  # pre-release: none
        ],
        # 2 activities on days 0, 1 and 2; 1 on day 60 (the data cut-off)
        "github_commits": _commits(0, 2) + _commits(1, 2) + _commits(2, 2) + _commits(60, 1),
    }
    con = build_over(tmp_path, rows, [project(github_repos=["o/r"], hub_authors=["org"])])
    releases = con.execute(
        "select distinct release_day::varchar, release, kinds, peak_day, peak_7d, half_life_days "
        "from fct_release_activity"
    ).fetchall()
    # 7-day sums: day 0 = 2, day 1 = 4, day 2..6 = 6 (the peak, first on day 2), day 7 = 4 (day 0
    # leaves), day 8 = 2 <= 6 / 2: half-life = 8 - 2 = 6 days
    assert releases == [("2025-01-10", "org/m, v1", "github, hub", 2, 6, 6)]
    series = dict(con.execute("select days_since, rolling_7d from fct_release_activity").fetchall())
    assert min(series) == -14 and max(series) == 60  # from 14 days before to the cut-off
    assert [series[d] for d in (-1, 0, 1, 2, 6, 7, 8, 59, 60)] == [0, 2, 4, 6, 6, 4, 2, 0, 1]


def test_never_halving_has_no_half_life(tmp_path):
    rows = {
        "hub_repos": [
            {
                "repo_type": "model",
                "repo_id": "org/m",
                "author": "org",
                "created_at": RELEASE,
                "provenance": "api",
            }
        ],
        "github_commits": _commits(0, 1)
        + _commits(3, 1),  # the cut-off is day 3: still at its peak
    }
    con = build_over(tmp_path, rows, [project(github_repos=["o/r"], hub_authors=["org"])])
    got = con.execute(
        "select distinct peak_7d, half_life_days from fct_release_activity"
    ).fetchall()
    assert got == [(2, None)]
