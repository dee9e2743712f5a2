"""Must show (issue 20), on the demo: the first 20 people of EleutherAI's "went quiet" (insiders
off) hold nobody who pushed to a default branch or merged a pull request in the real git history,
and nobody twice; Drop-off and `onramp digest` give the same waiting counts for the same window."""

import json
import re

import duckdb
import pytest
from dashkit import PAGES

from dashboard.components import quiet_people
from onramp.cli import main

pytestmark = pytest.mark.slow


def _key(name: str) -> str:
    """A git name or login as one person: letters and digits, lower-cased (worked out here, not
    with the SQL macro under test)."""
    return re.sub(r"[\W_]", "", name.lower())


def _write_access(raw: duckdb.DuckDBPyConnection) -> set[str]:
    """Every git name or login with a commit on a default branch's first-parent line that is
    not a squashed pull request: pushed straight there, or merged there."""
    rows = raw.execute(
        """
        select author_name, author_login, is_merge, pr_number, on_first_parent
        from github_commits
        where repo ilike 'EleutherAI/%'
        """
    ).fetchall()
    found = set()
    for name, login, is_merge, pr_number, first_parent in rows:
        if first_parent and (is_merge or pr_number is None):
            found.update(_key(n) for n in (name, login) if n)
    return found


def test_first_twenty_quiet_people_are_no_insiders_and_nobody_twice(demo_db):
    raw = duckdb.connect(str(demo_db), read_only=True)
    writers = _write_access(raw)
    assert {"stellabiderman", "haileyschoelkopf", "quentinanthony"} <= writers  # can fail
    con = duckdb.connect(str(demo_db.with_name("onramp.published.duckdb")), read_only=True)
    # the page's own query, insiders off, every month
    cursor = con.execute(quiet_people.SQL, ["eleutherai", "0000-01", "9999-12", False])
    columns = [d[0] for d in cursor.description]
    first = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()[:20]]
    assert len(first) == 20
    named = [row for row in first if row["platform"] in ("github", "hub")]
    assert named and not [
        row["display_name"] for row in named if _key(row["display_name"]) in writers
    ]
    keys = [(row["platform"], _key(row["display_name"])) for row in first]
    assert len(keys) == len(set(keys)), keys


def _page_counts(at) -> dict[str, int]:
    caption = next(c.value for c in at.caption if c.value.startswith("Waiting at the data cut-off"))
    return {
        b: int(n.replace(",", ""))
        for n, b in re.findall(r"([\d,]+) (fresh|staling|stale) ", caption)
    }


@pytest.mark.parametrize("project", ["eleutherai", "masakhane"])
def test_dropoff_and_the_digest_give_the_same_waiting_counts(make_app, demo_db, capsys, project):
    at = make_app(project=project, from_="2025-01", to="2026-08").run()
    at.switch_page(PAGES["drop-off"]).run()
    assert not at.exception, at.exception
    page = _page_counts(at)
    titles = [m.value for m in at.markdown if "waiting for an answer?" in m.value]
    capsys.readouterr()
    for period in ("7d", "30d"):
        assert main(["digest", "--db", str(demo_db), "--project", project, "--period", period,
                     "--format", "json"]) == 0  # fmt: skip
        (digest,) = json.loads(capsys.readouterr().out)
        digest_counts = {b["bucket"]: b["items"] for b in digest["waiting_buckets"]}
        assert page == digest_counts
        assert digest["counts"]["waiting"] == sum(page.values())
        assert [r["bucket"] for r in digest["waiting"]][:1] == ["staling"]  # staling first
    assert page["staling"] > 0 and set(page) == {"fresh", "staling", "stale"}
    assert any(f"{sum(page.values()):,} items" in t for t in titles), titles
