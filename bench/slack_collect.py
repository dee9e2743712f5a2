"""Benchmark: Slack Web API collection cost against the local fake Web API (issue 14: at most
1.05 x ceil(messages / 200) + channels calls, and an unchanged re-run costs one call per channel).

A workspace of 40 configured channels (and 200 more listed) with 100,000 messages, run twice:
without threads, and with a share of the messages as thread replies, since every thread with
replies needs a conversations.replies call of its own (Slack has no bulk way to read replies).
Each run is followed by an unchanged re-run. The fake's clock drives every tier wait, so wall time
is the client's and the fake's CPU, not Slack's rate limits; the waits the tiers would impose are
printed beside it.

    .venv/bin/python bench/slack_collect.py [--messages N] [--channels N] [--reply-share F]
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from collectors.slack import collect  # noqa: E402
from collectors.slack.client import Politeness  # noqa: E402
from core.registry import Project  # noqa: E402
from core.settings import Settings  # noqa: E402
from onramp.orchestrator import run_collection  # noqa: E402
from warehouse.db import connect  # noqa: E402

from fakes.slack_server import TOKEN, FakeClock, FakeSlack, serve  # noqa: E402

T0 = 1_704_067_200.0


def workspace(messages: int, channels: int, reply_share: float, seed: int = 1):
    rng = np.random.default_rng(seed)
    slack = FakeSlack(FakeClock())
    slack.extra_channels = 200
    ids = [f"C{c:09d}" for c in range(channels)]
    people = [f"U{i:09d}" for i in range(2000)]
    threads = 0
    for channel_id, count in zip(
        ids, rng.multinomial(messages, np.full(channels, 1 / channels)), strict=True
    ):
        slack.add_channel(channel_id, channel_id.lower())
        parents: list[dict] = []
        for when in np.sort(rng.uniform(T0, T0 + 365 * 86400, count)):
            who = people[int(rng.integers(len(people)))]
            if parents and rng.random() < reply_share:
                parent = parents[int(rng.integers(max(len(parents) - 20, 0), len(parents)))]
                threads += "reply_count" not in parent
                slack.reply(channel_id, parent, who, float(when))
            else:
                parents.append(slack.post(channel_id, who, float(when)))
    return slack, ids, threads


def run(db: Path, slack: FakeSlack, url: str, project: Project):
    os.environ["SLACK_API_BASE"] = url
    polite = Politeness(sleep=slack.clock.sleep, clock=slack.clock)
    started, cpu = time.perf_counter(), time.process_time()
    with connect(db) as con:
        outcome = run_collection(
            con, project, "slack", functools.partial(collect, polite=polite),
            progress=False, warn=lambda line: None, warehouse=db, settings=Settings.from_env(),
        )  # fmt: skip
    return outcome, time.perf_counter() - started, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--channels", type=int, default=40)
    parser.add_argument("--reply-share", type=float, default=0.3)
    args, _ = parser.parse_known_args()
    os.environ.setdefault("ONRAMP_PSEUDONYM_KEY", "bench-key-0123456789abcdef0123456789")
    os.environ["SLACK_BOT_TOKEN"] = TOKEN
    failed = False
    for share in (0.0, args.reply_share):
        slack, ids, threads = workspace(args.messages, args.channels, share)
        project = Project(
            id="bench", name="Bench", organizational_model="company", slack_channels=tuple(ids)
        )
        bound = 1.05 * math.ceil(args.messages / 200) + args.channels
        with tempfile.TemporaryDirectory() as tmp, serve(slack) as url:
            db = Path(tmp) / "bench.duckdb"
            first, wall, cpu = run(db, slack, url, project)
            calls = dict(slack.calls)
            waited = sum(slack.clock.slept)
            slack.calls.clear()
            limited = slack.statuses[429]
            slack.clock.now += 6 * 3600  # runs are hours apart (a new run knows no earlier calls)
            again, wall2, _ = run(db, slack, url, project)
            with connect(db) as con:
                stored = con.execute("select count(*) from slack_messages").fetchone()[0]
        print(f"-- {args.messages:,} messages over {args.channels} channels, "
              f"reply share {share:.0%} ({threads:,} threads with replies)")  # fmt: skip
        print(f"first run: {first.status}, {stored:,} messages stored, {first.api_calls:,} calls "
              f"{calls}, {limited} answered 429; {wall:.1f} s wall, {cpu:.1f} s CPU "
              f"(this process, fake included); "
              f"tier waits it would sleep: {waited / 60:.1f} min")  # fmt: skip
        print(f"  bound 1.05 x ceil(messages/200) + channels = {bound:.0f}; "
              f"with one replies call per thread: {bound + threads:.0f}; "
              f"within: {first.api_calls <= bound + threads}")  # fmt: skip
        print(f"unchanged re-run: {again.api_calls} calls for {args.channels} channels "
              f"({dict(slack.calls)}), {wall2:.1f} s")  # fmt: skip
        failed |= first.api_calls > bound + threads or again.api_calls != args.channels
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
