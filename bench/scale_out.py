"""Benchmark: many collectors into one PostgreSQL raw store, and `build` from it.

    python bench/scale_out.py [--part collect|build|both] [--workers 1,2,4] [--rate 25]
                              [--rows 1000000] [--readers adbc,psycopg]

Needs Debian's PostgreSQL (initdb, pg_ctl), started here in a temporary directory like the tests do
(tests/pgserver.py), and `onramp[postgres]`.

collect: a local fake GitHub (tests/fakes) that paces every answer per token, as a per-token
  rate limit does (`--rate` calls a second for each Authorization header; GitHub gives 5,000 an
  hour, the Hub 1,000 per 5 minutes: the point is the ratio, not the figure). 8 projects of one
  repository each. N workers, each `onramp collect --source github --shard I/N` with its own
  token (so over GraphQL), run as separate processes into one PostgreSQL database; prints the wall
  time for each N, the API calls per worker and whether every stream was collected exactly once.
  On a 2-core machine the fake server and the workers share the cores: past 2 workers the CPU,
  not the rate limit, is what bounds the speed-up.
build: `--rows` raw rows (40% issues and PRs, 50% comments, 10% commits, over 200 repositories of
  20 projects) loaded once into a DuckDB file and once into PostgreSQL; times `onramp build`'s
  work from each: from PostgreSQL, the copy into a local DuckDB file (with each Arrow reader:
  ADBC's PostgreSQL driver, psycopg's binary COPY) and then the models.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import pyarrow as pa  # noqa: E402

from core.registry import load_registry  # noqa: E402
from warehouse.build import build  # noqa: E402
from warehouse.db import connect  # noqa: E402
from warehouse.pgcopy import copy_to_file  # noqa: E402

from fakes.github_data import generate  # noqa: E402
from fakes.github_server import FakeGitHub  # noqa: E402
from pgserver import PostgresServer, unavailable  # noqa: E402


class PacedGitHub(FakeGitHub):
    """The fake GitHub, answering each token at most `rate` times a second."""

    def __init__(self, repos, rate: float) -> None:
        super().__init__(repos, rate_limit=10**9, points=10**9)
        self.interval, self.next_slot, self.pace_lock = 1.0 / rate, {}, threading.Lock()
        self.calls: dict[str, int] = {}

    def answer(self, path, query, headers):
        token = headers.get("authorization") or "anonymous"
        with self.pace_lock:
            now = time.monotonic()
            slot = max(now, self.next_slot.get(token, now))
            self.next_slot[token] = slot + self.interval
            self.calls[token] = self.calls.get(token, 0) + 1
        time.sleep(max(0.0, slot - time.monotonic()))
        return super().answer(path, query, headers)


def _registry(path: Path, projects: int, repos_per_project: int) -> Path:
    blocks = []
    for p in range(projects):
        repos = ", ".join(f'"org{p}/repo{r}"' for r in range(repos_per_project))
        blocks.append(
            f'[[project]]\nid = "p{p}"\nname = "P{p}"\norganizational_model = "company"\n'
            f"github_repos = [{repos}]\n"
        )
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def _collector(config: Path, url: str, i: int, n: int, env: dict, work: Path):
    command = [sys.executable, "-m", "onramp", "collect", "--source", "github", "--no-progress",
               "--config", str(config), "--db", url, "--shard", f"{i}/{n}"]  # fmt: skip
    return subprocess.Popen(
        command, env={**env, "GITHUB_TOKEN": f"ghp_bench{i:032d}"}, cwd=work,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def bench_collect(server: PostgresServer, workers: list[int], rate: float, work: Path) -> None:
    projects = 8
    repos = [
        generate(f"org{p}/repo0", 100 + p, items=600, comments=1200, commits=300, seed=p)
        for p in range(projects)
    ]
    config = _registry(work / "collect.toml", projects, 1)
    print(f"collect: {projects} projects, 1 repository each, GitHub over GraphQL, "
          f"{rate:g} calls/s per token")  # fmt: skip
    print(f"{'workers':>7}  {'wall s':>7}  {'calls/worker':>12}  {'streams':>7}  once")
    base = None
    for n in workers:
        fake = PacedGitHub(repos, rate).start()
        url = server.create_database(f"collect_{n}")
        env = {**os.environ, "GITHUB_API_URL": fake.url, "PYTHONPATH": str(ROOT)}
        started = time.perf_counter()
        procs = [_collector(config, url, i, n, env, work) for i in range(1, n + 1)]
        errors = [p.communicate()[1] for p in procs]
        wall = time.perf_counter() - started
        fake.stop()
        if any(p.returncode for p in procs):
            print("a worker failed:\n" + "\n".join(errors))
            raise SystemExit(1)
        import psycopg

        with psycopg.connect(url) as conn:
            runs = conn.execute(
                "select project, count(*) from collection_runs where status = 'ok' group by 1"
            ).fetchall()
        once = len(runs) == projects and all(c == 1 for _, c in runs)
        calls = sorted(fake.calls.values())
        base = base or wall
        print(f"{n:>7}  {wall:>7.1f}  {'/'.join(map(str, calls)):>12}  {len(runs):>7}  "
              f"{'yes' if once else 'NO'}   speed-up x{base / wall:.2f}")  # fmt: skip


def _raw_tables(
    rows: int, repos: list[str], *, part: int = 0, base: int = 0
) -> dict[str, pa.Table]:
    """`rows` raw rows, chunk `part`, keys from `base` on (so chunks never collide)."""
    rng = random.Random(f"onramp-bench-{part}")
    start = datetime(2023, 1, 1, tzinfo=UTC)
    people = [f"dev{i}" for i in range(5000)]
    assoc = ["OWNER", "MEMBER", "COLLABORATOR", "CONTRIBUTOR", "NONE", "FIRST_TIME_CONTRIBUTOR"]

    def when(days=900):
        return start + timedelta(seconds=rng.randrange(days * 86400))

    n_issues, n_comments = int(rows * 0.4), int(rows * 0.5)
    issues = []
    for i in range(base, base + n_issues):
        created, pr = when(), rng.random() < 0.5
        closed = created + timedelta(hours=rng.randrange(1, 2000)) if rng.random() < 0.7 else None
        issues.append({
            "id": i + 1, "repo": repos[i % len(repos)], "number": i // len(repos) + 1,
            "is_pull_request": pr, "author_login": rng.choice(people),
            "author_association": rng.choice(assoc), "is_bot": False,
            "state": "closed" if closed else "open", "created_at": created, "closed_at": closed,
            "merged_at": closed if pr and closed and rng.random() < 0.6 else None,
            "merge_known": pr, "provenance": "api",
        })  # fmt: skip
    comments = []
    for i in range(base, base + n_comments):
        item = issues[rng.randrange(n_issues)]
        comments.append({
            "kind": rng.choice(("issue_comment", "review_comment", "review")), "id": i + 1,
            "repo": item["repo"], "number": item["number"], "author_login": rng.choice(people),
            "author_association": rng.choice(assoc), "is_bot": False,
            "created_at": item["created_at"] + timedelta(hours=rng.randrange(1, 500)),
            "provenance": "api",
        })  # fmt: skip
    commits = []
    for i in range(base, base + rows - n_issues - n_comments):
        who = rng.choice(people)
        commits.append({
            "repo": rng.choice(repos), "sha": f"{i:040x}", "author_login": who,
            "author_name": who.title(),
            "author_email_domain": rng.choice(("gmail.com", "corp.example", "lab.org")),
            "authored_at": when(), "is_merge": False, "is_bot": False, "provenance": "api",
        })  # fmt: skip
    return {
        "github_issues": pa.Table.from_pylist(issues),
        "github_comments": pa.Table.from_pylist(comments),
        "github_commits": pa.Table.from_pylist(commits),
    }


def _load_postgres(url: str, tables: dict[str, pa.Table]) -> None:
    from warehouse.postgres import PostgresStore

    with PostgresStore(url) as store:
        for name, table in tables.items():
            for batch in table.to_batches(max_chunksize=50_000):
                store.commit_batch({name: pa.Table.from_batches([batch])}, run_id="bench")


def _load_duckdb(path: Path, tables: dict[str, pa.Table]) -> None:
    with connect(path) as con:
        for name, table in tables.items():
            con.register("__bench", table)
            con.execute(f"insert into {name} by name select * from __bench")
            con.unregister("__bench")
        con.execute("checkpoint")


def bench_build(server: PostgresServer, rows: int, readers: list[str], work: Path) -> None:
    config = _registry(work / "build.toml", 20, 10)
    registry = load_registry(config)
    repos = [r for p in registry.projects for r in p.github_repos]
    url = server.create_database(f"build_{rows}")
    raw = work / f"raw_{rows}.duckdb"
    chunk, loaded_pg, sizes = min(rows, 1_000_000), 0.0, {}
    for part in range(-(-rows // chunk)):  # a chunk at a time: 10M rows of dicts would not fit
        size = min(chunk, rows - part * chunk)
        tables = _raw_tables(size, repos, part=part, base=part * chunk)
        started = time.perf_counter()
        _load_postgres(url, tables)
        loaded_pg += time.perf_counter() - started
        _load_duckdb(raw, tables)
        for k, v in tables.items():
            sizes[k] = sizes.get(k, 0) + v.num_rows
    sizes = ", ".join(f"{k} {v:,}" for k, v in sizes.items())
    print(f"build: {rows:,} raw rows ({sizes}); loading PostgreSQL through the store's upserts "
          f"took {loaded_pg:.1f} s")  # fmt: skip

    result = build(raw, work / "from_duckdb.published.duckdb", registry)
    print(f"  from DuckDB:                    models {result.seconds:6.1f} s")
    for reader in readers:
        copy_file = work / f"copy_{reader}.duckdb"
        started = time.perf_counter()
        counts = copy_to_file(url, copy_file, reader=reader)
        copied = time.perf_counter() - started
        assert sum(counts.values()) >= rows, counts
        result = build(copy_file, work / f"from_pg_{reader}.published.duckdb", registry)
        print(f"  from PostgreSQL, {reader:<8} copy {copied:6.1f} s ({rows / copied:,.0f} rows/s)"
              f" + models {result.seconds:6.1f} s = {copied + result.seconds:6.1f} s")  # fmt: skip
        copy_file.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("collect", "build", "both"), default="both")
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--rate", type=float, default=5.0, help="calls a second per token")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--readers", default="adbc,psycopg")
    args = parser.parse_args()
    why = unavailable()
    if why:
        print(f"scale_out: skipped: {why}")
        return
    server = PostgresServer.start()
    try:
        with tempfile.TemporaryDirectory(prefix="onramp-bench-") as tmp:
            if args.part in ("collect", "both"):
                bench_collect(server, [int(n) for n in args.workers.split(",")], args.rate,
                              Path(tmp))  # fmt: skip
            if args.part in ("build", "both"):
                bench_build(server, args.rows, args.readers.split(","), Path(tmp))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
