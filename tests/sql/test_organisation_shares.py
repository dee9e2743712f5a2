"""fct_organisation_shares: who carries each project, by quarter, on the elephant factor's rule
(dated affiliations, else email domains; personal domains unaffiliated). Hand-worked:

Q1 2024: 3 commits from acme.com, 1 from gmail.com (unaffiliated) -> acme 0.75, unaffiliated 0.25
Q2 2024: 1 from acme.com, 1 from beta.org -> 0.5 each; Q2 ends 1 Jul, after the data cut-off
(the last commit, 10 May): not final.
"""

from datetime import UTC, datetime

from sqlkit import build_over, project


def commit(n: int, domain: str, when: datetime) -> dict:
    return {"repo": "o/r", "sha": f"c{n}", "author_login": f"dev{n}",
            "author_email_domain": domain, "authored_at": when, "provenance": "api"}  # fmt: skip


def t(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_shares_by_quarter_sum_to_one_and_say_who_is_unaffiliated(tmp_path):
    rows = {
        "github_commits": [
            commit(1, "acme.com", t(2024, 1, 5)),
            commit(2, "acme.com", t(2024, 2, 5)),
            commit(3, "acme.com", t(2024, 3, 5)),
            commit(4, "gmail.com", t(2024, 3, 6)),
            commit(5, "acme.com", t(2024, 4, 5)),
            commit(6, "beta.org", t(2024, 5, 10)),
        ]
    }
    con = build_over(tmp_path, rows, [project(github_repos=["o/r"])])
    got = con.execute(
        "select quarter, organisation, commits, share, final from fct_organisation_shares "
        "order by quarter, organisation"
    ).fetchall()
    assert got == [
        ("2024-Q1", "acme.com", 3, 0.75, True),
        ("2024-Q1", "unaffiliated", 1, 0.25, True),
        ("2024-Q2", "acme.com", 1, 0.5, False),
        ("2024-Q2", "beta.org", 1, 0.5, False),
    ]
