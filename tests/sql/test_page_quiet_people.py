"""fct_quiet_people: three or more activities, then none in the 90 days before the data cut-off."""

from datetime import UTC, datetime

from sqlkit import build_over, project


def _commits(login, *days):
    return [
        {
            "repo": "o/r",
            "sha": f"{login}-{i}",
            "author_login": login,
            "authored_at": datetime(*day, tzinfo=UTC),
            "provenance": "api",
        }
        for i, day in enumerate(days)
    ]


def test_who_went_quiet(tmp_path):
    rows = (
        _commits("ann", (2024, 1, 1), (2024, 2, 1), (2024, 3, 1))  # quiet since March
        + _commits("bob", (2024, 1, 5), (2024, 1, 6))  # two activities: too few to miss
        + _commits("cy", (2024, 5, 1), (2024, 5, 2), (2024, 5, 3), (2024, 5, 4), (2024, 6, 15))
        + _commits("dee", (2024, 9, 1), (2024, 9, 2), (2024, 9, 10))  # the data cut-off: 2024-09-10
        + _commits("eve", (2024, 6, 1), (2024, 6, 2), (2024, 6, 11))
    )
    con = build_over(tmp_path, {"github_commits": rows}, [project(github_repos=["o/r"])])
    got = con.execute(
        "select person, activities, active_months, last_seen_month, days_quiet from "
        "fct_quiet_people "
        "order by person"
    ).fetchall()
    # cut-off - 90 days = 2024-06-12: cy (last 06-15) is not quiet yet, eve (06-11) is.
    # ann: 2024-03-01 -> 2024-09-10 = 30 + 30 + 31 + 30 + 31 + 31 + 10 = 193 days;
    # eve: 19 + 31 + 31 + 10 = 91
    assert got == [("ann", 3, 3, "2024-03", 193), ("eve", 3, 1, "2024-06", 91)]
