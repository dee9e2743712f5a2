"""A generated sample Slack workspace export for the study's two Slack projects: BigScience, whose
working groups met on the Hugging Face Slack, and Masakhane, which talks on Slack beside its
mailing lists (the study's Table 1 and §7.2). Their real workspaces are not public, so the demo
writes an export in Slack's own layout (channels.json, users.json, a folder of day files per
channel) and loads it through `onramp import-slack`'s reader, labelled sample data (provenance
'sample') wherever a figure built on it shows.

Deterministic (seeded by project and channel). Activity follows each project's story: BigScience
busy during the workshop (May 2021 to BLOOM's release in July 2022), then fading; Masakhane
steadier since 2019. Threads get a first answer after a lognormal delay, most newcomers' first
message follows a channel join, and an app posts now and then (none of which is speech).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

SAMPLE = "sample"


@dataclass(frozen=True)
class Workspace:
    project: str
    start: str  # first day of activity
    peak_end: str  # activity fades after this day
    half_life_days: float  # of the fade
    channels: tuple[tuple[str, float], ...]  # name, messages a day at the peak
    members: int


WORKSPACES = (
    Workspace(
        "bigscience",
        "2021-05-01",
        "2022-07-31",
        150,
        (
            ("general", 3.0),
            ("wg-data-governance", 1.5),
            ("wg-modeling", 2.0),
            ("wg-evaluation", 1.2),
            ("wg-tokenization", 0.8),
        ),
        900,
    ),
    Workspace(
        "masakhane",
        "2019-09-01",
        "2026-12-31",
        400,
        (
            ("general", 1.2),
            ("machine-translation", 0.7),
            ("ner", 0.4),
            ("datasets", 0.4),
            ("help", 0.5),
        ),
        700,
    ),
)


def write_export(workspace: Workspace, cutoff: pd.Timestamp, out: Path) -> Path:
    """Write the workspace's sample export as a Slack export zip at `out`; returns `out`."""
    rng = np.random.default_rng(zlib.crc32(f"slack/{workspace.project}".encode()))
    team = "T" + _code(workspace.project, "team")
    members = ["U" + _code(workspace.project, "member", i) for i in range(workspace.members)]
    app = "B" + _code(workspace.project, "app")
    files: dict[str, object] = {
        "users.json": [_user(m, team, i) for i, m in enumerate(members)],
        "channels.json": [],
        "integration_logs.json": [],
    }
    start = pd.Timestamp(workspace.start, tz="UTC")
    for name, rate in workspace.channels:
        channel_id = "C" + _code(workspace.project, "channel", name)
        files["channels.json"].append(
            {
                "id": channel_id,
                "name": name,
                "created": int(start.timestamp()),
                "creator": members[0],
                "is_archived": False,
                "is_general": name == "general",
                "members": [],
                "topic": {"value": "", "creator": "", "last_set": 0},
                "purpose": {"value": "", "creator": "", "last_set": 0},
            }
        )
        channel = _Channel(rng, members, app, workspace, rate)
        for message in channel.messages(start, cutoff):
            day = datetime.fromtimestamp(float(message["ts"]), UTC).strftime("%Y-%m-%d")
            files.setdefault(f"{name}/{day}.json", []).append(message)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for path, document in files.items():
            archive.writestr(path, json.dumps(document, separators=(",", ":")))
    return out


class _Channel:
    """One channel's generated history: a Zipf-weighted crowd, threads, joins and an app. Times
    are epoch seconds (floats) until written as a `ts`."""

    def __init__(self, rng, members: list[str], app: str, workspace: Workspace, rate: float):
        self.rng, self.members, self.app, self.ws, self.rate = rng, members, app, workspace, rate
        weights = 1 / np.arange(1, len(members) + 1) ** 1.05
        self.cumulative = np.cumsum(weights / weights.sum())
        self.joined: set[str] = set()
        self.seq = 0

    def messages(self, start: pd.Timestamp, cutoff: pd.Timestamp) -> list[dict]:
        out: list[dict] = []
        peak_end = pd.Timestamp(self.ws.peak_end, tz="UTC").timestamp()
        first, last = start.timestamp(), cutoff.timestamp()
        days = np.arange(first, last, 86400.0)
        fade = np.where(
            days <= peak_end, 1.0, 0.5 ** ((days - peak_end) / 86400 / self.ws.half_life_days)
        )
        for day, count in zip(days, self.rng.poisson(self.rate * fade), strict=True):
            for when in day + self.rng.uniform(0, 86400, count):
                out += self._post(float(when))
        return [m for m in out if float(m["ts"]) < last]

    def _someone(self) -> str:
        index = int(np.searchsorted(self.cumulative, self.rng.random()))
        return self.members[min(index, len(self.members) - 1)]

    def _post(self, when: float) -> list[dict]:
        if self.rng.random() < 0.04:
            return [self._message(None, when, bot_id=self.app, subtype="bot_message")]
        author = self._someone()
        out = []
        if author not in self.joined:
            self.joined.add(author)
            join = when - self.rng.uniform(60, 36000)
            out.append(self._message(author, join, subtype="channel_join"))
        parent = self._message(author, when)
        out.append(parent)
        if self.rng.random() < 0.35:  # a question that gets a thread
            out += self._thread(parent, author, when)
        return out

    def _thread(self, parent: dict, asker: str, when: float) -> list[dict]:
        replies = []
        t = when
        for n in range(self.rng.poisson(1.8) + (1 if self.rng.random() < 0.8 else 0)):
            t += 60 * self.rng.lognormal(np.log(45), 1.4)
            replier = asker if n and self.rng.random() < 0.4 else self._other(asker)
            replies.append(self._message(replier, t, thread_ts=parent["ts"], parent_user_id=asker))
        if replies:
            parent.update(
                thread_ts=parent["ts"],
                reply_count=len(replies),
                latest_reply=replies[-1]["ts"],
                reply_users=sorted({r["user"] for r in replies}),
            )
        return replies

    def _other(self, asker: str) -> str:
        while True:
            who = self._someone()
            if who != asker:
                return who

    def _message(self, user: str | None, when: float, **extra) -> dict:
        self.seq += 1
        message = {
            "type": "message",
            "text": "(sample message)",
            "ts": f"{int(when)}.{self.seq % 1_000_000:06d}",
        }
        if user is not None:
            message["user"] = user
        message.update(extra)
        return message


def _user(user_id: str, team: str, i: int) -> dict:
    return {
        "id": user_id,
        "team_id": team,
        "name": f"sample-member-{i:04d}",
        "deleted": False,
        "is_bot": False,
        "is_app_user": False,
    }


def _code(*parts: object) -> str:
    """A stable id body of ten uppercase characters, as Slack's ids are."""
    return hashlib.blake2b("/".join(map(str, parts)).encode(), digest_size=5).hexdigest().upper()
