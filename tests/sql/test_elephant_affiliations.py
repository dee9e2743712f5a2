"""The elephant factor with dated affiliations (DESIGN.md §4, People): the affiliation in force on
a commit's date wins over its email domain; the domain (named by an [[organisation]] where one
covers the date) otherwise; personal domains stay unaffiliated."""

from datetime import UTC, datetime, timedelta

from identkit import identities

from sqlkit import build_over, project, value

PROJECT = project(github_repos=["o/r"])


def commits(login, domain, n, day):
    return [
        {"repo": "o/r", "sha": f"{login}-{day:%m%d}-{k}", "author_login": login,
         "author_email_domain": domain, "authored_at": day + timedelta(minutes=k),
         "provenance": "api"}
        for k in range(n)
    ]  # fmt: skip


# ada: 3 commits from gmail (personal) in Jan, 3 more in Mar; bob 2 at b.org; cy 2 at c.org
ROWS = {
    "github_commits": commits("ada", "gmail.com", 3, datetime(2024, 1, 10, tzinfo=UTC))
    + commits("ada", "gmail.com", 3, datetime(2024, 3, 10, tzinfo=UTC))
    + commits("bob", "b.org", 2, datetime(2024, 1, 12, tzinfo=UTC))
    + commits("cy", "c.org", 2, datetime(2024, 1, 12, tzinfo=UTC))
}
ADA_AT_BOB_ORG = """
[[person]]
name = "Ada"
github = ["ada"]
  [[person.affiliation]]
  org = "B Org"
  from = "2024-03-01"

[[organisation]]
name = "B Org"
domains = ["b.org"]
"""


def test_without_identities_personal_domains_leave(tmp_path):
    con = build_over(tmp_path, ROWS, [PROJECT])
    # Jan: b.org 2, c.org 2 (ada's gmail left out): 2 of 4 is not more than half => 2
    assert value(con, "p", "2024-01", "elephant_factor") == 2
    assert value(con, "p", "2024-03", "elephant_factor") == 2


def test_affiliation_moves_the_factor_across_its_start(tmp_path):
    con = build_over(tmp_path, ROWS, [PROJECT], identities(tmp_path, ADA_AT_BOB_ORG))
    # Jan: ada's commits predate her affiliation and stay unaffiliated => still 2
    assert value(con, "p", "2024-01", "elephant_factor") == 2
    # Mar (window from 2023-04-01): B Org = bob's 2 + ada's 3 March commits = 5 of 7 => 1
    assert value(con, "p", "2024-03", "elephant_factor") == 1


def test_organisation_dates_bound_a_domain(tmp_path):
    text = '[[organisation]]\nname = "C Org"\ndomains = ["c.org", "b.org"]\nto = "2024-01-12"\n'
    con = build_over(tmp_path, ROWS, [PROJECT], identities(tmp_path, text))
    # the mapping ended before the commits: b.org and c.org stay two organisations => 2
    assert value(con, "p", "2024-01", "elephant_factor") == 2
    con.close()  # one process shares a DuckDB file's instance: let the rebuilt file be read
    text = text.replace("2024-01-12", "2024-02-01")
    con = build_over(tmp_path, ROWS, [PROJECT], identities(tmp_path, text))
    # in force: b.org and c.org are one organisation, 4 of 4 => 1
    assert value(con, "p", "2024-01", "elephant_factor") == 1
