"""Benchmark: `onramp import-slack` of a workspace export of 100,000 messages over 40 channels
(issue 14: under 30 s on 2 cores). The export is generated (a year of days, a Zipf-weighted crowd
of 2,000 people, a third of the messages in threads, joins and app posts), zipped as Slack does,
then imported into a fresh warehouse twice: the second import must change nothing.

    .venv/bin/python bench/slack_import.py [--messages N] [--channels N]

Prints wall time, CPU, peak memory, rows, and whether the second import left every row as it was.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import json  # noqa: E402

from core.registry import Project  # noqa: E402
from core.settings import Paths  # noqa: E402
from onramp.commands.import_slack import import_exports  # noqa: E402
from warehouse.db import connect  # noqa: E402

T0 = 1_704_067_200  # 2024-01-01


def export(path: Path, messages: int, channels: int, seed: int = 1) -> Path:
    """A Slack export zip of about `messages` messages, as Slack lays one out."""
    rng = np.random.default_rng(seed)
    people = [f"U{i:09d}" for i in range(2000)]
    weights = 1 / np.arange(1, len(people) + 1) ** 1.1
    weights /= weights.sum()
    per_channel = rng.multinomial(messages, np.full(channels, 1 / channels))
    files: dict[str, list] = {}
    listed = []
    seq = 0
    for c, count in enumerate(per_channel):
        name = f"channel-{c:02d}"
        listed.append({"id": f"C{c:09d}", "name": name, "created": T0, "creator": people[0],
                       "is_archived": False, "members": [], "topic": {"value": "t"},
                       "purpose": {"value": "p"}})  # fmt: skip
        times = np.sort(rng.uniform(T0, T0 + 365 * 86400, count))
        authors = rng.choice(len(people), count, p=weights)
        parent = None
        for when, author in zip(times, authors, strict=True):
            seq += 1
            ts = f"{int(when)}.{seq % 1_000_000:06d}"
            m = {"type": "message", "user": people[author], "text": "x" * 40, "ts": ts}
            roll = rng.random()
            if parent is not None and roll < 0.33:
                m.update(thread_ts=parent["ts"], parent_user_id=parent.get("user"))
                parent["reply_count"] = parent.get("reply_count", 0) + 1
                parent["latest_reply"] = m["ts"]
            elif roll < 0.36:
                m["subtype"] = "channel_join"
            elif roll < 0.38:
                m = {"type": "message", "subtype": "bot_message", "bot_id": "B000000001",
                     "text": "ci", "ts": m["ts"]}  # fmt: skip
            else:
                parent = m
                m["thread_ts"] = m["ts"]
            day = time.strftime("%Y-%m-%d", time.gmtime(int(when)))
            files.setdefault(f"{name}/{day}.json", []).append(m)
    users = [{"id": p, "team_id": "T000000001", "name": f"user{i}", "is_bot": False}
             for i, p in enumerate(people)]  # fmt: skip
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("channels.json", json.dumps(listed))
        archive.writestr("users.json", json.dumps(users))
        for name, day in files.items():
            archive.writestr(name, json.dumps(day, indent=4))
    return path


def _rows(db: Path) -> list[tuple]:
    with connect(db) as con:
        return con.execute("select * from slack_messages order by channel_id, ts").fetchall()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--channels", type=int, default=40)
    args, _ = parser.parse_known_args()
    os.environ.setdefault("ONRAMP_PSEUDONYM_KEY", "bench-key-0123456789abcdef0123456789")
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        zipped = export(Path(tmp) / "export.zip", args.messages, args.channels)
        with zipfile.ZipFile(zipped) as archive:
            members = len(archive.namelist())
        print(f"generated {zipped.stat().st_size / 2**20:.1f} MiB export, {members:,} files, "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
        paths = Paths(Path(tmp) / "projects.toml", Path(tmp) / "bench.duckdb")
        project = Project(id="bench", name="Bench", organizational_model="company")
        lines: list[str] = []
        for attempt in ("first", "second"):
            cpu, wall = time.process_time(), time.perf_counter()
            code = import_exports(paths, project, [zipped], log=lines.append)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{attempt} import: exit {code}, {wall:.1f} s wall, {cpu:.1f} s CPU, "
                  f"peak RSS {peak:.0f} MiB — {lines[-1]}")  # fmt: skip
            if attempt == "first":
                before = _rows(paths.raw_db)
        same = _rows(paths.raw_db) == before
        print(f"messages stored: {len(before):,}; second import changed nothing: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
