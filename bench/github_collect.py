"""Benchmark: a complete GitHub collection against a local fake server in its own process, over
REST (no token) and over GraphQL (with a token), on the same data.

    python bench/github_collect.py [--items 5000] [--comments 20000] [--path rest|graphql|both]

Two repositories holding `--items` issues+PRs and `--comments` issue and review comments in all
(plus reviews, 500 commits and 3 releases each). Prints, per path:
- API calls of a complete collection vs that path's minimum (fakes.github_data):
  REST: per repository 1 (repository) + ceil(n/100) for issues+PRs, issue comments, review
  comments, commits and releases, + 1 reviews page per PR (REST has no repository-level reviews).
  GraphQL: per repository 1 (repository, REST) + ceil(issues/100) + ceil(PRs/100), + 1 page per
  extra 100 nested items of any one item, + the commits and releases pages (REST).
- GraphQL points spent (GitHub's cost rule, as the fake applies it) and points left.
- collector CPU per item: time.process_time() of iterating collect() alone (no storage; the server
  runs in another process, so its CPU is not counted), and of a full run storing into DuckDB.
- peak memory (ru_maxrss of this process), and the calls of a re-run with nothing new (target:
  one per stream: 6 per repository over REST, 5 over GraphQL).
Targets: REST calls within 5% of its minimum, GraphQL within 10% of its minimum, < 100 µs CPU per
item, < 500 MB. Times are inflated on a shared machine: read the calls, which are deterministic.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from collectors.base import RunContext  # noqa: E402
from collectors.github import collect  # noqa: E402
from core.registry import Project  # noqa: E402
from core.settings import Settings  # noqa: E402
from onramp.orchestrator import run_collection  # noqa: E402
from warehouse.db import connect  # noqa: E402

REPOS = ("org/repo0", "org/repo1")
STREAMS = {"rest": 6, "graphql": 5}


def start_server(items: int, comments: int) -> tuple[subprocess.Popen, str, dict]:
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "fakes" / "github_server.py"), "--repos", "2",
         "--items", str(items), "--comments", str(comments), "--commits", "500"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    words = server.stdout.readline().split()  # PORT n MINIMUM m ITEMS k PRS p GRAPHQL_MINIMUM g
    facts = dict(zip(words[::2], map(int, words[1::2]), strict=True))
    return server, f"http://127.0.0.1:{facts['PORT']}", facts


def collector_only(project: Project) -> tuple[int, RunContext, float, float]:
    """(items, context, cpu seconds, wall seconds) of iterating the collector without storing."""
    ctx = RunContext(progress=False, warn=lambda m: None, settings=Settings.from_env())
    cpu, wall = time.process_time(), time.perf_counter()
    items = 0
    for batch in collect(project, ctx):
        items += sum(len(rows) for rows in batch.tables.values())
    return items, ctx, time.process_time() - cpu, time.perf_counter() - wall


def measure(path: str, project: Project, facts: dict) -> None:
    if path == "graphql":
        os.environ["GITHUB_TOKEN"] = "ghp_bench"
        floor = facts["GRAPHQL_MINIMUM"]
    else:
        os.environ.pop("GITHUB_TOKEN", None)
        floor = facts["MINIMUM"]
    items, ctx, cpu, wall = collector_only(project)
    calls = ctx.stats.api_calls
    with tempfile.TemporaryDirectory() as tmp:
        con = connect(Path(tmp) / "raw.duckdb")
        cpu_full, wall_full = time.process_time(), time.perf_counter()
        full = run_collection(con, project, "github", collect, progress=False, warn=lambda m: None,
                              settings=Settings.from_env())  # fmt: skip
        cpu_full, wall_full = time.process_time() - cpu_full, time.perf_counter() - wall_full
        again = run_collection(con, project, "github", collect, progress=False, warn=lambda m: None,
                               settings=Settings.from_env())  # fmt: skip
        points = con.execute(
            "select points_used, points_remaining from collection_runs order by started_at"
        ).fetchall()
        con.close()
    print(f"--- {path.upper()} ---")
    print(f"items collected: {items:,}")
    target = "5%" if path == "rest" else "10%"
    print(f"API calls: {calls:,} vs minimum {floor:,} (+{(calls - floor) / floor:.1%}; "
          f"target < {target})")  # fmt: skip
    if path == "rest":
        prs = facts["PRS"]
        print(f"  minimum = {floor - prs:,} repository and list pages + {prs:,} reviews pages")
    else:
        print(f"GraphQL points: {ctx.stats.points_used:,} for the collection "
              f"(first run stored: {points[0][0]} used, {points[0][1]} left)")  # fmt: skip
    print(f"collector alone: {cpu:.2f} s CPU = {cpu / items * 1e6:.1f} µs per item "
          f"(target < 100 µs); {wall:.1f} s wall")  # fmt: skip
    print(f"with DuckDB storage: {cpu_full:.2f} s CPU = {cpu_full / items * 1e6:.1f} µs per item; "
          f"{wall_full:.1f} s wall; {full.api_calls:,} calls, status {full.status}")  # fmt: skip
    print(f"re-run with nothing new: {again.api_calls} calls for {len(REPOS)} repositories x "
          f"{STREAMS[path]} streams (target {len(REPOS) * STREAMS[path]})"
          + (f", {points[1][0]} points" if path == "graphql" else ""))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--comments", type=int, default=20000)
    parser.add_argument("--path", choices=("rest", "graphql", "both"), default="both")
    args, _ = parser.parse_known_args()  # `python -m bench github_collect` passes its own argv
    server, url, facts = start_server(args.items, args.comments)
    os.environ["GITHUB_API_URL"] = url
    token = os.environ.pop("GITHUB_TOKEN", None)
    project = Project(id="bench", name="Bench", organizational_model="company", github_repos=REPOS)
    print(f"data: 2 repositories, {args.items:,} issues+PRs, {args.comments:,} comments; "
          f"{facts['ITEMS']:,} items served in all (with reviews, commits, releases)")  # fmt: skip
    try:
        for path in ("rest", "graphql") if args.path == "both" else (args.path,):
            measure(path, project, facts)
    finally:
        server.terminate()
        server.wait()
        if token:
            os.environ["GITHUB_TOKEN"] = token
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak_mb:.0f} MB (target < 500 MB)")


if __name__ == "__main__":
    main()
