"""Benchmark: Discord collection cost against the local fake server (DESIGN.md §5 "Speed").

A guild of 40 channels, 200 threads and 100,000 messages. Prints history calls against
ceil(messages / 100) plus one per channel or thread read (threads are channels in Discord's
API) and against the per-stream floor sum(ceil(n / 100)); every call, time, CPU and peak
memory; then a second run with nothing new, which must make no history call at all.

    /work/main/.venv/bin/python bench/discord_collect.py [--messages N]

CPU and memory include the fake server, which runs in a thread of this process; the
collector's own CPU is the main thread's.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from core.registry import Project  # noqa: E402
from core.settings import Settings  # noqa: E402
from onramp.orchestrator import run_collection  # noqa: E402
from warehouse.db import connect  # noqa: E402

from fakes.discord_server import FORUM, VOICE, DiscordServer, FakeDiscord, populate  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=40)
    parser.add_argument("--threads", type=int, default=200)
    parser.add_argument("--messages", type=int, default=100_000)
    args, _ = parser.parse_known_args()  # `python -m bench discord_collect` passes its own

    started = time.perf_counter()
    fake = FakeDiscord(rate_limit=50, rate_window=0.05)
    size = {"channels": args.channels, "threads": args.threads, "messages": args.messages}
    guild = populate(fake, seed=1, people=2000, days=365, **size)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"generated guild in {time.perf_counter() - started:.1f} s (peak RSS {baseline:.0f} MiB)")
    read = [
        c
        for c, p in fake.channels.items()
        if p["type"] not in (FORUM, VOICE) and c in fake.messages
    ]
    read = [c for c in read if fake.messages[c]]
    messages = sum(len(fake.messages[c]) for c in read)
    formula = math.ceil(messages / 100) + len(read)  # the bound
    floor = sum(math.ceil(len(fake.messages[c]) / 100) for c in read)  # the least paging allows
    total = sum(map(len, fake.messages.values()))
    print(
        f"guild: {args.channels} channels, {args.threads} threads, {total:,} messages "
        f"({messages:,} in counted channels and threads, {len(read)} streams)"
    )

    project = Project(
        id="bench", name="Bench", organizational_model="company", discord_guilds=(str(guild),)
    )
    with tempfile.TemporaryDirectory() as tmp, DiscordServer(fake) as server:
        os.environ.update(
            DISCORD_BOT_TOKEN=fake.token,
            DISCORD_API_BASE=server.base_url,
            ONRAMP_PSEUDONYM_KEY_FILE=f"{tmp}/pseudonym.key",
        )
        db = Path(tmp) / "bench.duckdb"
        first = _run(db, project, fake, "first run")
        print(
            f"  history calls {first:,} vs ceil({messages:,}/100) + {len(read)} streams = "
            f"{formula:,}: {(first - formula) / formula:+.1%}"
        )
        print(
            f"  vs the per-stream floor sum(ceil(n/100)) = {floor:,}: "
            f"{(first - floor) / floor:+.1%}"
        )
        second = _run(db, project, fake, "second run, nothing new")
        print(f"  history calls {second} (must be 0)")
        with connect(db) as con:
            stored = con.execute("select count(*) from discord_messages").fetchone()[0]
        print(f"stored messages: {stored:,} (expected {messages:,})")
    ok = first <= 1.05 * formula and first <= 1.05 * floor and second == 0 and stored == messages
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def _run(db: Path, project: Project, fake: FakeDiscord, label: str) -> int:
    history, before = fake.calls["history"], fake.calls.copy()
    wall, cpu, own = time.perf_counter(), time.process_time(), time.thread_time()
    with connect(db) as con:
        outcome = run_collection(
            con, project, "discord", _collector(), progress=False, settings=Settings.from_env()
        )
    wall, cpu, own = time.perf_counter() - wall, time.process_time() - cpu, time.thread_time() - own
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    calls = fake.calls.copy()
    calls.subtract(before)
    print(
        f"{label}: {outcome.status}, {outcome.rows:,} rows, {outcome.api_calls:,} API calls "
        f"{dict(+calls)}, {wall:.1f} s wall, {cpu:.1f} s CPU ({own:.1f} s in the collector's "
        f"thread), peak RSS {peak:.0f} MiB"
    )
    return fake.calls["history"] - history


def _collector():
    from collectors.discord import collect

    return collect


if __name__ == "__main__":
    if main():  # only a failure ends `python -m bench`, which runs every benchmark in turn
        raise SystemExit(1)
