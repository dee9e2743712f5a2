"""Generated items are written by generated people: every author of a sample issue, pull request or
comment is a `sample-…` name (or a bot), never a real person's login, even where the real commits
name the real author of a real pull request number."""

import pyarrow.parquet as pq

from onramp.demo.snapshot import SNAPSHOT_DIR


def _authors(table: str) -> set[str]:
    rows = pq.read_table(SNAPSHOT_DIR / f"{table}.parquet", columns=["author_login"])
    return set(rows.column(0).to_pylist())


def test_sample_items_and_comments_have_generated_authors():
    for table in ("github_issues", "github_comments"):
        real = {
            a for a in _authors(table) if not a.startswith("sample-") and not a.endswith("[bot]")
        }
        assert not real, (table, sorted(real)[:5])


def test_real_pr_authors_stay_on_the_real_commits_only():
    commits = pq.read_table(SNAPSHOT_DIR / "github_commits.parquet", columns=["pr_login"])
    real = {login for login in commits.column(0).to_pylist() if login}
    assert real, "the real git history names pull request authors"
    assert not real & _authors("github_issues")
