"""An identities file changes no per-platform indicator (DESIGN.md §4): with and without one, every
indicator other than xp_* (and the elephant factor, which an affiliation is meant to move) holds
the same value in every month."""

from identkit import ADA, PROJECT, ROWS, identities

from sqlkit import build_over

ORG = '\n[[organisation]]\nname = "Example Labs"\ndomains = ["example.org"]\n'
COMMITS = [
    {"repo": "o/r", "sha": f"s{i}", "author_login": login, "author_email_domain": domain,
     "authored_at": f"2024-0{month}-10T00:00:00Z", "provenance": "api"}
    for i, (login, domain, month) in enumerate(
        [("ada-ex", "example.org", 1), ("bob", "gmail.com", 2), ("ada-ex", "gmail.com", 3)]
    )
]  # fmt: skip


def _values(con):
    return con.execute(
        "select project, month, indicator, value from fct_indicators "
        "where indicator not like 'xp_%' and indicator <> 'elephant_factor' order by all"
    ).fetchall()


def test_per_platform_values_identical(tmp_path):
    rows = {**ROWS, "github_commits": COMMITS}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    without = _values(build_over(tmp_path / "a", rows, [PROJECT]))
    listed = identities(tmp_path / "b", ADA + ORG)
    with_file = _values(build_over(tmp_path / "b", rows, [PROJECT], listed))
    assert len(without) > 50
    assert with_file == without
