"""Slack workspace exports for tests, written as Slack writes them (a zip or its unpacked folder).

The shapes follow real exports read through the search tool (values here are our own):
- a genuine 2016 Slack export, hfaran/slack-export-viewer
  @ b46af7e1cdc1a571ef334f0de8c4e7f3cc3f1282,
  tests/testarchive.zip: `channels.json` with `created` and `last_set` as *strings*, `channel_join`
  messages with `inviter`, a `bot_add` carrying `user` and `bot_id`, `bot_message`s with only
  `bot_id`, `attachments` and `reactions [{name, users, count}]`, an `edited {user, ts}`;
- a threaded export, rusq/slackdump @ 3d52f4fedf628222b9f9bf2d575c34accc702082,
  internal/fixtures/assets/source_export_dir/: integer `created`, thread parents with
  `reply_count`, `reply_users`, `replies [{user, ts}]`, `latest_reply`, replies with `thread_ts`
  and `parent_user_id` in the day file of their own `ts`, a `tombstone` parent (`hidden`),
  `user_profile` with names, `blocks`, `files`, `client_msg_id`, `team`/`user_team`;
- users.json fields as the slack-export-viewer archive has them (`id, team_id, name, real_name,
  profile{...}, is_bot, is_app_user, deleted, ...`), with invented names.
See /work/notes/issue-14/PROVENANCE.md for the files themselves.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

TEAM = "T0TESTTEAM"


def ts_of(when: datetime, n: int = 0) -> str:
    """A Slack ts for `when` (UTC): seconds, a dot, six digits (the last ones tell apart messages
    of the same second)."""
    return f"{int(when.timestamp())}.{n:06d}"


def user_entry(user_id: str, name: str, *, bot: bool = False) -> dict:
    return {
        "id": user_id,
        "team_id": TEAM,
        "name": name,
        "deleted": False,
        "color": "9f69e7",
        "real_name": f"{name.title()} Example",
        "tz": "Europe/Amsterdam",
        "tz_label": "Central European Time",
        "tz_offset": 3600,
        "profile": {
            "title": "",
            "phone": "",
            "real_name": f"{name.title()} Example",
            "display_name": name,
            "status_text": "on a boat",
            "email": f"{name}@example.org",
            "image_72": "https://example.invalid/avatar.png",
            "team": TEAM,
        },
        "is_admin": False,
        "is_owner": False,
        "is_bot": bot,
        "is_app_user": False,
        "updated": 1490000000,
    }


def channel_entry(channel_id: str, name: str, created: datetime, *, old_style=False) -> dict:
    created_s = int(created.timestamp())
    entry = {
        "id": channel_id,
        "name": name,
        "created": str(created_s) if old_style else created_s,
        "creator": "U0ANN00001",
        "is_archived": False,
        "is_general": name == "general",
        "members": ["U0ANN00001", "U0BOB00002"],
        "topic": {"value": "Secret topic text", "creator": "U0ANN00001", "last_set": "0"},
        "purpose": {
            "value": "Purpose text nobody may keep",
            "creator": "U0ANN00001",
            "last_set": 0,
        },
    }
    if not old_style:
        entry.update({"is_private": False, "is_channel": True, "name_normalized": name})
    return entry


def message(user: str | None, when: datetime, n: int = 0, **extra) -> dict:
    """An ordinary message as a 2025 export holds it (user_profile and blocks included)."""
    m = {
        "client_msg_id": f"00000000-0000-4000-8000-{n:012d}",
        "type": "message",
        "text": f"Message text {n} that must never be stored <@U0ANN00001>",
        "ts": ts_of(when, n),
        "team": TEAM,
        "blocks": [{"type": "rich_text", "elements": []}],
    }
    if user is not None:
        m["user"] = user
        m["user_team"] = TEAM
        m["user_profile"] = {"real_name": "Real Name Secret", "display_name": "secret", "name": "x"}
    m.update(extra)
    return m


@dataclass
class SlackExport:
    """A workspace export being written: channels, users and messages per channel."""

    channels: list[dict] = field(default_factory=list)
    users: list[dict] = field(default_factory=list)
    messages: dict[str, list[dict]] = field(default_factory=dict)  # channel name -> messages
    extra_files: dict[str, object] = field(default_factory=dict)  # other paths -> JSON

    def add_channel(self, channel_id: str, name: str, created: datetime, **kw) -> str:
        self.channels.append(channel_entry(channel_id, name, created, **kw))
        self.messages.setdefault(name, [])
        return name

    def post(self, channel: str, m: dict) -> dict:
        self.messages[channel].append(m)
        return m

    def files(self) -> dict[str, object]:
        """Path inside the export -> JSON document, a day file per UTC day with messages."""
        out: dict[str, object] = {"channels.json": self.channels, "users.json": self.users}
        for name, messages in self.messages.items():
            for m in messages:
                day = datetime.fromtimestamp(float(m["ts"]), UTC).strftime("%Y-%m-%d")
                out.setdefault(f"{name}/{day}.json", []).append(m)
        out.update(self.extra_files)
        return out

    def write_dir(self, root: Path) -> Path:
        for name, document in self.files().items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(document, indent=4), encoding="utf-8")
        return root

    def write_zip(self, path: Path, *, folder: str = "") -> Path:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, document in self.files().items():
                archive.writestr(folder + name, json.dumps(document, indent=4))
        return path
