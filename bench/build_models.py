"""Benchmark: rebuild every SQL model from scratch over ~1 million synthetic GitHub events.

DESIGN.md §5 asks the models to rebuild in seconds at a million events. The raw tables are generated
here (synthetic, clearly: logins are `user-N`), loaded in bulk, then `build` runs and publishes.
Usage: python -m bench build_models [events]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

from core.registry import Project, Registry
from warehouse.build import build
from warehouse.db import connect
from warehouse.upsert import upsert

PROJECTS, REPOS_PER_PROJECT, PEOPLE = 10, 5, 50_000
START = np.datetime64("2019-01-01T00:00:00", "s")
SPAN_S = 7 * 365 * 86400


def _tables(events: int, rng: np.random.Generator) -> dict[str, pa.Table]:
    n_commits, n_items = events * 3 // 10, events * 2 // 10
    n_comments = events - n_commits - n_items
    repos = np.array([f"org{p}/repo{r}" for p in range(PROJECTS) for r in range(REPOS_PER_PROJECT)])

    def when(n):
        return pa.array(
            START + rng.integers(0, SPAN_S, n).astype("timedelta64[s]"), pa.timestamp("s", "UTC")
        )

    def people(n):
        return pa.array([f"user-{i}" for i in np.minimum(rng.zipf(1.3, n), PEOPLE)])

    item_repo = rng.integers(0, len(repos), n_items)
    items = pa.table(
        {
            "id": np.arange(n_items, dtype=np.int64),
            "repo": repos[item_repo],
            "number": np.arange(n_items, dtype=np.int32),
            "is_pull_request": rng.random(n_items) < 0.5,
            "author_login": people(n_items),
            "author_association": rng.choice(["MEMBER", "NONE"], n_items),
            "created_at": when(n_items),
            "provenance": pa.repeat("api", n_items),
        }
    )
    pick = rng.integers(0, n_items, n_comments)
    comments = pa.table(
        {
            "kind": rng.choice(["issue_comment", "review_comment", "review"], n_comments),
            "id": np.arange(n_comments, dtype=np.int64),
            "repo": repos[item_repo[pick]],
            "number": pick.astype(np.int32),
            "author_login": people(n_comments),
            "created_at": when(n_comments),
            "provenance": pa.repeat("api", n_comments),
        }
    )
    commits = pa.table(
        {
            "repo": repos[rng.integers(0, len(repos), n_commits)],
            "sha": [f"{i:040x}" for i in range(n_commits)],
            "author_login": people(n_commits),
            "author_email_domain": rng.choice(
                ["gmail.com", "acme.org", "uni.edu", "lab.ai"], n_commits
            ),
            "authored_at": when(n_commits),
            "provenance": pa.repeat("api", n_commits),
        }
    )
    return {"github_issues": items, "github_comments": comments, "github_commits": commits}


def main(events: int = 1_000_000) -> None:
    rng = np.random.default_rng(7)
    registry = Registry(
        Path("bench.toml"),
        tuple(
            Project(
                id=f"p{p}",
                name=f"P{p}",
                organizational_model="company",
                github_repos=tuple(f"org{p}/repo{r}" for r in range(REPOS_PER_PROJECT)),
            )
            for p in range(PROJECTS)
        ),
    )
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.duckdb"
        tables = _tables(events, rng)
        started = time.perf_counter()
        with connect(raw) as con:
            for table, batch in tables.items():
                upsert(con, table, batch, run_id="bench")
        loaded = time.perf_counter() - started
        result = build(raw, Path(tmp) / "raw.published.duckdb", registry)
        print(f"events: {sum(t.num_rows for t in tables.values()):,} (synthetic)")
        print(
            f"bulk load: {loaded:.1f} s; "
            f"build of {len(result.models)} models: {result.seconds:.1f} s"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 1_000_000)
