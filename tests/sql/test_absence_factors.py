"""contributor_absence_factor and elephant_factor (DESIGN.md §4), on hand-built commit histories."""

from datetime import UTC, datetime, timedelta

from sqlkit import build_over, project, value

# CHAOSS worked example: total 2475, half 1237.5; 1000 < 1237.5 < 1000 + 433 => 2
WORKED_EXAMPLE = [1000, 433, 343, 332, 202, 90, 42, 33]


def _commits(counts: list[int], *, at: datetime, domain_of=lambda i: f"org{i}.com", prefix="c"):
    rows = []
    for person, n in enumerate(counts):
        for k in range(n):
            rows.append(
                {
                    "repo": "o/r",
                    "sha": f"{prefix}{person}-{k}",
                    "author_login": f"person{person}",
                    "author_email_domain": domain_of(person),
                    "authored_at": at - timedelta(minutes=k),
                    "provenance": "api",
                }
            )
    return rows


def test_worked_example_gives_two(tmp_path):
    rows = _commits(WORKED_EXAMPLE, at=datetime(2024, 3, 15, tzinfo=UTC))
    con = build_over(tmp_path, {"github_commits": rows}, [project(github_repos=["o/r"])])
    assert value(con, "p", "2024-03", "contributor_absence_factor") == 2
    # one organisation per person: the elephant factor is the same computation over domains
    assert value(con, "p", "2024-03", "elephant_factor") == 2


def test_window_is_365_days_ending_at_month_end(tmp_path):
    # person0's 10 commits fall 366 days before 2024-04-01: outside March 2024's window
    old = _commits([10], at=datetime(2023, 3, 31, 23, 0, tzinfo=UTC), prefix="old")
    recent = _commits([0, 3, 2], at=datetime(2024, 3, 20, tzinfo=UTC))
    con = build_over(tmp_path, {"github_commits": old + recent}, [project(github_repos=["o/r"])])
    # March 2024: person1 3 of 5 commits = 60% > 50% => 1
    assert value(con, "p", "2024-03", "contributor_absence_factor") == 1
    # March 2023 (window from 2022-04-01): only person0's 10 commits => 1
    assert value(con, "p", "2023-03", "contributor_absence_factor") == 1


def test_exactly_half_is_not_more_than_half(tmp_path):
    con = build_over(
        tmp_path,
        {"github_commits": _commits([2, 1, 1], at=datetime(2024, 1, 10, tzinfo=UTC))},
        [project(github_repos=["o/r"])],
    )
    # 2 of 4 is exactly 50%, not more: two people are needed
    assert value(con, "p", "2024-01", "contributor_absence_factor") == 2


def test_personal_domains_leave_elephant_factor(tmp_path):
    domains = {0: "gmail.com", 1: "users.noreply.github.com", 2: "acme.org", 3: "beta.org"}
    rows = _commits([50, 40, 3, 2], at=datetime(2024, 1, 10, tzinfo=UTC), domain_of=domains.get)
    con = build_over(tmp_path, {"github_commits": rows}, [project(github_repos=["o/r"])])
    # personal domains are out of both sides: acme 3 of 5 affiliated commits > 50% => 1
    assert value(con, "p", "2024-01", "elephant_factor") == 1
    # people are counted whatever their domain: 50 of 95 commits > 47.5 => 1
    assert value(con, "p", "2024-01", "contributor_absence_factor") == 1


def test_bots_are_left_out(tmp_path):
    rows = _commits([1, 1], at=datetime(2024, 1, 10, tzinfo=UTC))
    rows += [
        {
            "repo": "o/r",
            "sha": f"bot{i}",
            "author_login": "dependabot[bot]",
            "authored_at": datetime(2024, 1, 9, tzinfo=UTC),
            "provenance": "api",
        }
        for i in range(10)
    ]
    con = build_over(tmp_path, {"github_commits": rows}, [project(github_repos=["o/r"])])
    assert value(con, "p", "2024-01", "contributor_absence_factor") == 2
