"""Benchmark: a complete GitHub collection against a local fake server in its own process.

    python bench/github_collect.py [--items 5000] [--comments 20000]

Two repositories holding `--items` issues+PRs and `--comments` issue and review comments in all
(plus reviews, 500 commits and 3 releases each). Prints:
- API calls of a complete collection vs the minimum. The minimum (fakes.github_data.minimum_calls)
  is what 100 items a page allows: per repository 1 (repository) + ceil(n/100) for issues+PRs, issue
  comments, review comments, commits and releases, + 1 reviews page per PR (REST has no
  repository-level reviews endpoint).
- collector CPU per item: time.process_time() of iterating collect() alone (no storage; the server
  runs in another process, so its CPU is not counted), and of a full run storing into DuckDB.
- peak memory (ru_maxrss of this process), and the calls of a re-run with nothing new (target:
  one per stream, 6 per repository).
Targets: calls within 5% of the minimum, < 100 µs CPU per item, < 500 MB.
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
from onramp.orchestrator import run_collection  # noqa: E402
from warehouse.db import connect  # noqa: E402

REPOS = ("org/repo0", "org/repo1")


def start_server(items: int, comments: int) -> tuple[subprocess.Popen, str, int, int, int]:
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "fakes" / "github_server.py"), "--repos", "2",
         "--items", str(items), "--comments", str(comments), "--commits", "500"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    words = server.stdout.readline().split()  # PORT n MINIMUM m ITEMS k PRS p
    return server, f"http://127.0.0.1:{words[1]}", int(words[3]), int(words[5]), int(words[7])


def collector_only(project: Project) -> tuple[int, int, float, float]:
    """(items, calls, cpu seconds, wall seconds) of iterating the collector without storing."""
    ctx = RunContext(progress=False)
    cpu, wall = time.process_time(), time.perf_counter()
    items = 0
    for batch in collect(project, ctx):
        items += sum(len(rows) for rows in batch.tables.values())
    return items, ctx.stats.api_calls, time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--comments", type=int, default=20000)
    args, _ = parser.parse_known_args()  # `python -m bench github_collect` passes its own argv
    server, url, floor, served, prs = start_server(args.items, args.comments)
    os.environ["GITHUB_API_URL"] = url
    os.environ.pop("GITHUB_TOKEN", None)
    project = Project(id="bench", name="Bench", organizational_model="company", github_repos=REPOS)
    try:
        items, calls, cpu, wall = collector_only(project)
        with tempfile.TemporaryDirectory() as tmp:
            con = connect(Path(tmp) / "raw.duckdb")
            cpu_full, wall_full = time.process_time(), time.perf_counter()
            full = run_collection(
                con, project, "github", collect, progress=False, warn=lambda m: None
            )
            cpu_full, wall_full = time.process_time() - cpu_full, time.perf_counter() - wall_full
            again = run_collection(con, project, "github", collect, progress=False)
            con.close()
    finally:
        server.terminate()
        server.wait()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"data: 2 repositories, {args.items:,} issues+PRs, {args.comments:,} comments; "
        f"{served:,} items served in all (with reviews, commits, releases)"
    )
    print(f"items collected: {items:,}")
    print(
        f"API calls: {calls:,} vs minimum {floor:,} (+{(calls - floor) / floor:.1%}; target < 5%); "
        f"minimum = {floor - prs:,} repository and list pages + {prs:,} reviews pages (1 per PR)"
    )
    print(
        f"collector alone: {cpu:.2f} s CPU = {cpu / items * 1e6:.1f} µs per item "
        f"(target < 100 µs); {wall:.1f} s wall"
    )
    print(
        f"with DuckDB storage: {cpu_full:.2f} s CPU = {cpu_full / items * 1e6:.1f} µs per item; "
        f"{wall_full:.1f} s wall; {full.api_calls:,} calls, status {full.status}"
    )
    print(f"peak memory: {peak_mb:.0f} MB (target < 500 MB)")
    print(
        f"re-run with nothing new: {again.api_calls} calls for {len(REPOS)} repositories "
        "x 6 streams "
        f"(target {len(REPOS) * 6})"
    )


if __name__ == "__main__":
    main()
