"""One project's Slack channels: what they are (conversations.list), and each channel's new
messages (conversations.history) and thread replies (conversations.replies).

Incremental by `oldest`: a channel resumes from its cursor (the newest message ts stored) minus
a week, and stops paging at the first page that reaches the cursor. The overlap re-reads at
most that page, where the thread parents of the last week show their `latest_reply`: a thread
whose latest reply moved is read again from its stored latest reply. A channel that has not
changed costs one call. The cursor moves only with the channel's last batch: a run killed
mid-channel reads the channel again, and the upserts make that harmless.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from collectors.base import Batch, CollectionError, Cursor, RunContext
from collectors.export_files import ExportError, Place
from collectors.slack import records
from collectors.slack.client import SlackApiError, SlackClient
from core.registry import Project

PAGE = 200  # messages a page (Slack recommends 100-200)
LIST_PAGE = 999  # conversations.list: "an integer under 1000"
OVERLAP_SECONDS = 7 * 86400
BATCH_ROWS = 5000  # rows a stored batch
PROVENANCE = "api"
# what a channel named in slack_channels can answer that means "not for this bot"
UNREADABLE = ("channel_not_found", "not_in_channel", "missing_scope", "channel_is_limited_access")


@dataclass
class ChannelRun:
    project: str
    channel_id: str
    ctx: RunContext
    pseudonym: records.Pseudonym

    @property
    def scope(self) -> str:
        return f"{self.channel_id}:history"


def channel_rows(client: SlackClient, project: Project, ctx: RunContext):
    """The configured channels as conversations.list describes them, and those the bot can see
    (a channel it cannot is reported and passed over)."""
    wanted = set(project.slack_channels)
    found: dict[str, dict] = {}
    params = {"types": "public_channel,private_channel", "exclude_archived": "false",
              "limit": LIST_PAGE}  # fmt: skip
    for page in client.pages("conversations.list", params, "channels"):
        for channel in page:
            if isinstance(channel, dict) and channel.get("id") in wanted:
                found[channel["id"]] = _channel_row(channel, client.label)
    for missing in sorted(wanted - set(found)):
        ctx.warn(
            f"{project.id} slack channel {missing}: not in conversations.list for this token "
            "(a private channel the bot is not in, or a wrong id), skipped"
        )
    return list(found.values()), [c for c in project.slack_channels if c in found]


def _channel_row(channel: dict, label: str) -> dict:
    shared = channel.get("shared_team_ids") or []
    team = channel.get("context_team_id") or (shared[0] if shared else None)
    created = channel.get("created")
    try:
        created_at = datetime.fromtimestamp(int(created), UTC) if created is not None else None
    except (TypeError, ValueError, OverflowError):
        raise CollectionError(
            f"{label}: conversations.list: channel {channel['id']} has no valid created time"
        ) from None
    return {
        "channel_id": channel["id"],
        "team_id": team if isinstance(team, str) else None,
        "name": channel.get("name") if isinstance(channel.get("name"), str) else None,
        "is_private": bool(channel.get("is_private", False)),
        "is_archived": bool(channel.get("is_archived", False)),
        "created_at": created_at,
        "provenance": PROVENANCE,
    }


def channel_batches(client: SlackClient, run: ChannelRun) -> Iterator[Batch]:
    """The channel's new messages and replies, in batches; the last carries the cursor."""
    saved, _ = run.ctx.cursor(run.scope)
    rows: list[dict] = []
    newest = saved
    try:
        for message in _history(client, run, saved):
            rows.append(message)
            if newest is None or records.ts_key(message["ts"]) > records.ts_key(newest):
                newest = message["ts"]
            if message["reply_count"]:
                rows += _new_replies(client, run, message, saved)
            if len(rows) >= BATCH_ROWS:
                yield Batch({"slack_messages": rows})
                rows = []
    except SlackApiError as exc:
        if exc.error in UNREADABLE:
            run.ctx.warn(f"{run.project} slack channel {run.channel_id}: {exc.error}, skipped")
            return
        raise
    cursor = Cursor(run.scope, newest) if newest else None
    yield Batch({"slack_messages": rows}, cursor)


def _history(client: SlackClient, run: ChannelRun, saved: str | None) -> Iterator[dict]:
    """Top-level messages and thread parents newer than the cursor's week of overlap."""
    params = {"channel": run.channel_id, "limit": PAGE}
    if saved is not None:
        seconds, micros = records.ts_key(saved)
        params["oldest"] = f"{max(seconds - OVERLAP_SECONDS, 0)}.{micros:06d}"
    for page in client.pages("conversations.history", params, "messages"):
        reached = False
        for i, message in enumerate(page):
            row = _row(message, run, f"conversations.history messages[{i}]")
            reached |= saved is not None and records.ts_key(row["ts"]) <= records.ts_key(saved)
            yield row
        if reached:  # newest first: what follows is older than the cursor, and stored
            return


def _new_replies(client: SlackClient, run: ChannelRun, parent: dict, saved: str | None):
    """The thread's replies this warehouse has not seen: all of them on a first or full read;
    later, only when the parent's latest_reply moved, and from the stored one on."""
    stored = None
    if saved is not None:
        key = {"channel_id": run.channel_id, "ts": parent["ts"]}
        stored = run.ctx.stored_row("slack_messages", key)
        if stored is not None and stored["latest_reply"] == parent["latest_reply"]:
            return []
    params = {"channel": run.channel_id, "ts": parent["ts"], "limit": PAGE}
    if stored and stored["latest_reply"]:
        params["oldest"] = stored["latest_reply"]
    out = []
    for page in client.pages("conversations.replies", params, "messages"):
        for i, message in enumerate(page):
            row = _row(message, run, f"conversations.replies {parent['ts']} messages[{i}]")
            if row["ts"] != parent["ts"]:  # the parent comes first, and is already read
                out.append(row)
    return out


def _row(message, run: ChannelRun, where: str) -> dict:
    try:
        return records.message_row(
            message, Place(f"{run.project} slack channel {run.channel_id}", where),
            run.channel_id, records.BOT_USERS, run.pseudonym, PROVENANCE,
        )  # fmt: skip
    except ExportError as exc:
        raise CollectionError(f"malformed message: {exc}") from None
