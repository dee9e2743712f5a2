"""Slack workspace and channel exports as a collector, for `onramp import-slack`.

An export is the zip Slack sends (or the folder it unpacks to): `channels.json` (public channels),
`users.json` (`org_users.json` on Enterprise Grid), and a folder per channel, named after it, with a
`YYYY-MM-DD.json` array of messages per day with activity. One export is one batch, stored in one
transaction by the orchestrator, and every file it loads is parsed and validated whole first: a bad
file is one error line naming the file (`export.zip:general/2024-01-05.json`) and the place in it,
and nothing of that export is written.

Only public channels are read: private channels, DMs and group DMs (`groups.json`, `dms.json`,
`mpims.json` and their folders) are passed over, said so. When the project lists `slack_channels`,
only those are loaded; otherwise every public channel of the export, recorded as the project's in
`slack_channel_projects`. Authors get the keyed pseudonyms of core.pseudonym (platform "slack"), the
same the Web API collector gives; message text, files, topics, purposes and everything in
users.json except the bot flag are dropped on reading. A day file's name is not trusted for time
(Slack cuts days in an unstated time zone): a message's time is its `ts`.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from collectors.base import Batch, RunContext
from collectors.export_files import ExportError, Place, is_a, parse_json, short
from collectors.slack.records import BOT_USERS, CHANNEL_ID, TEAM_ID, USER_ID, Pseudonym, message_row
from core.registry import Project

PROVENANCE = "export"
CHANNELS_FILE = "channels.json"
USERS_FILES = ("users.json", "org_users.json")
PRIVATE_LISTS = ("groups.json", "dms.json", "mpims.json")
CANVAS_COMMENTS = "FC_"  # folders of comments on canvases (FC_<id>): not channels, never read
DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")


@dataclass
class ParsedExport:
    channels: list[dict]
    messages: list[dict]
    notes: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------------ collector


def collect_exports(
    project: Project, ctx: RunContext, *, exports: list[Path], provenance: str = PROVENANCE
) -> Iterator[Batch]:
    """One batch per export, each stored in its own transaction by the orchestrator. An export
    that fails validation is reported and counted in `ctx.stats.failures`; the others go on.
    `provenance` labels the rows ("sample" for the demo's generated export)."""
    ctx.stats.failure_unit = "export"
    pseudonym = ctx.pseudonymizer("slack")
    for path in exports:
        try:
            parsed = read_export(path, project, pseudonym, provenance)
        except ExportError as exc:
            ctx.stats.failures.append(str(exc))
            ctx.warn(f"onramp: {exc}")
            continue
        for note in parsed.notes:
            ctx.warn(f"{path}: {note}")
        yield Batch(
            {
                "slack_channels": [_keep_known(ctx, c) for c in parsed.channels],
                "slack_channel_projects": [
                    {"project": project.id, "channel_id": c["channel_id"], "provenance": provenance}
                    for c in parsed.channels
                ],
                "slack_messages": parsed.messages,
            }
        )
        ctx.warn(f"{path}: {len(parsed.messages):,} messages in {len(parsed.channels)} channel(s)")


def _keep_known(ctx: RunContext, channel: dict) -> dict:
    """An export does not say which workspace it is from unless users.json does: a channel row
    keeps the team the Web API collector saw."""
    found = ctx.stored_row("slack_channels", {"channel_id": channel["channel_id"]})
    if not found:
        return channel
    return {**channel, "team_id": channel["team_id"] or found["team_id"]}


# ------------------------------------------------------------------------------------ reading


def read_export(
    path: Path, project: Project, pseudonym: Pseudonym, provenance: str = PROVENANCE
) -> ParsedExport:
    """Parse and validate one export completely; raises ExportError naming the file and place."""
    with _open(path) as files:
        channels = _channels(files)
        selected, notes = _selected(channels, project, files)
        bots, team = _users(files)
        messages = []
        for name, channel in selected.items():
            for member in files.day_files(name):
                place = Place(files.label(member))
                document = files.json(member)
                if not isinstance(document, list):
                    raise place.error("", "expected a JSON list of messages (a Slack day file)")
                messages += [
                    message_row(
                        m, place.item(i), channel["channel_id"], bots, pseudonym, provenance
                    )
                    for i, m in enumerate(document)
                ]
    rows = [{**channel, "team_id": team, "provenance": provenance} for channel in selected.values()]
    return ParsedExport(rows, messages, notes)


def _channels(files: _ExportFiles) -> dict[str, dict]:
    """channels.json, validated whole: folder name -> channel row."""
    if not files.has(CHANNELS_FILE):
        raise ExportError(
            f"{files.origin}: no {CHANNELS_FILE} (a Slack export is the .zip Slack sends, or the "
            "folder it unpacks to)"
        )
    place = Place(files.label(CHANNELS_FILE))
    document = files.json(CHANNELS_FILE)
    if not isinstance(document, list):
        raise place.error("", "expected a JSON list of channels")
    by_name: dict[str, dict] = {}
    seen_ids: set[str] = set()
    for i, entry in enumerate(document):
        at = place.item(i)
        if not isinstance(entry, dict):
            raise at.error("", "expected a channel object")
        channel_id = at.need(entry, "id", str)
        if not CHANNEL_ID.match(channel_id):
            raise at.error("id", f"not a Slack channel id (got {short(channel_id)})")
        name = at.need(entry, "name", str)
        if not name or "/" in name or name in (".", ".."):
            raise at.error("name", f"not a channel name (got {short(name)})")
        if channel_id in seen_ids or name in by_name:
            raise at.error("", f"channel {channel_id} #{name} is listed twice")
        seen_ids.add(channel_id)
        by_name[name] = {
            "channel_id": channel_id,
            "name": name,
            "is_private": False,
            "is_archived": at.optional(entry, "is_archived", bool),
            "created_at": _epoch(at, entry, "created"),
        }
    return by_name


def _selected(channels: dict[str, dict], project: Project, files: _ExportFiles):
    """The channels to load, and what was passed over, in words."""
    notes = []
    chosen = channels
    if project.slack_channels:
        wanted = set(project.slack_channels)
        chosen = {n: c for n, c in channels.items() if c["channel_id"] in wanted}
        if not chosen:
            raise ExportError(
                f"{files.label(CHANNELS_FILE)}: none of its {len(channels)} channels is in "
                f"project {project.id!r}'s slack_channels (projects.toml)"
            )
        if len(chosen) < len(channels):
            notes.append(
                f"{len(channels) - len(chosen)} channel(s) not in {project.id!r}'s "
                "slack_channels, skipped"
            )
    others = sorted(set(files.folders()) - set(channels))
    canvas = [name for name in others if name.startswith(CANVAS_COMMENTS)]
    private = [name for name in others if not name.startswith(CANVAS_COMMENTS)]
    if private:  # a groups.json or dms.json with nothing in it leaves no folder: nothing to say
        notes.append(
            f"{len(private)} folder(s) of private channels or direct messages not read "
            "(only public channels are imported)"
        )
    if canvas:
        notes.append(f"{len(canvas)} folder(s) of canvas comments ({CANVAS_COMMENTS}…) not read")
    return chosen, notes


def _users(files: _ExportFiles) -> tuple[set[str], str | None]:
    """From users.json only the bot flags and the workspace's team id; nothing else is kept."""
    name = next((n for n in USERS_FILES if files.has(n)), None)
    if name is None:
        return set(BOT_USERS), None
    place = Place(files.label(name))
    document = files.json(name)
    if not isinstance(document, list):
        raise place.error("", "expected a JSON list of users")
    bots, teams = set(BOT_USERS), {}
    for i, entry in enumerate(document):
        at = place.item(i)
        if not isinstance(entry, dict):
            raise at.error("", "expected a user object")
        user_id = at.need(entry, "id", str)
        if not USER_ID.match(user_id):
            raise at.error("id", "not a Slack user id")
        if at.optional(entry, "is_bot", bool) or at.optional(entry, "is_app_user", bool):
            bots.add(user_id)
        team = entry.get("team_id")
        if isinstance(team, str) and TEAM_ID.match(team):
            teams[team] = teams.get(team, 0) + 1
    return bots, max(teams, key=teams.get) if teams else None


def _epoch(place: Place, obj: dict, key: str) -> datetime | None:
    """Seconds since 1970, a number or (in older exports) a string of digits."""
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 10:
        value = int(value)
    if not is_a(value, int) or not 0 <= value < 10**10:
        raise place.error(key, f"not a time in seconds (got {short(value)})")
    return datetime.fromtimestamp(value, UTC)


# ------------------------------------------------------------------------------------ files


def _open(path: Path) -> _ExportFiles:
    if not path.exists():
        raise ExportError(f"{path}: no such file or directory")
    if path.is_dir():
        return _FolderFiles(path)
    try:
        return _ZipFiles(path)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError) as exc:
        raise ExportError(
            f"{path}: not a zip file ({type(exc).__name__}); give the .zip Slack sends, or the "
            "folder it unpacks to"
        ) from None


class _ExportFiles:
    """The files of one export, by their path below the export's root (`general/2024-01-05.json`),
    whether it is a folder or a zip (where the root may be a folder inside the archive)."""

    origin: Path
    names: set[str]

    def __enter__(self) -> _ExportFiles:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        pass

    def has(self, name: str) -> bool:
        return name in self.names

    def folders(self) -> list[str]:
        return sorted({n.split("/")[0] for n in self.names if "/" in n})

    def day_files(self, folder: str) -> list[str]:
        prefix = folder + "/"
        inside = (n[len(prefix) :] for n in self.names if n.startswith(prefix))
        return sorted(prefix + rest for rest in inside if DAY_FILE.match(rest))

    def label(self, name: str) -> str:
        raise NotImplementedError

    def read_bytes(self, name: str) -> bytes:
        raise NotImplementedError

    def json(self, name: str):
        label = self.label(name)
        try:
            text = self.read_bytes(name).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ExportError(f"{label}: not UTF-8 text") from None
        return parse_json(text, label)


class _FolderFiles(_ExportFiles):
    def __init__(self, root: Path) -> None:
        self.origin = self.root = root
        self.names = {p.relative_to(root).as_posix() for p in root.rglob("*.json") if p.is_file()}

    def label(self, name: str) -> str:
        return str(self.root / name)

    def read_bytes(self, name: str) -> bytes:
        try:
            return (self.root / name).read_bytes()
        except OSError as exc:
            raise ExportError(f"{self.label(name)}: cannot read ({type(exc).__name__})") from None


class _ZipFiles(_ExportFiles):
    def __init__(self, path: Path) -> None:
        self.origin = path
        self.archive = zipfile.ZipFile(path)
        members = [n for n in self.archive.namelist() if not n.endswith("/")]
        # the export's root: where channels.json is (some tools zip the folder itself)
        found = [PurePosixPath(n) for n in members if PurePosixPath(n).name == CHANNELS_FILE]
        roots = sorted((str(p.parent) for p in found), key=lambda r: (r.count("/"), r))
        root = roots[0] if roots else "."
        self.prefix = "" if root == "." else root + "/"
        self.names = {n[len(self.prefix) :] for n in members if n.startswith(self.prefix)}

    def close(self) -> None:
        self.archive.close()

    def label(self, name: str) -> str:
        return f"{self.origin}:{self.prefix}{name}"

    def read_bytes(self, name: str) -> bytes:
        try:
            return self.archive.read(self.prefix + name)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
            raise ExportError(f"{self.label(name)}: cannot read ({type(exc).__name__})") from None
