"""A small Slack workspace export, and a way to import it into a fresh warehouse (named apart
from conftest.py: the Discord tests import theirs as `conftest`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from core.registry import Project
from core.settings import Paths
from onramp.commands.import_slack import import_exports

from fakes.slack_export import SlackExport, message, ts_of, user_entry

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
GENERAL, RANDOM = "C0GENERAL1", "C0RANDOM02"
ANN, BOB, CY, HELPER, HOOK = "U0ANN00001", "U0BOB00002", "U0CY000003", "U0BOT00004", "B0HOOK0001"
KEY = "test-pseudonym-key-0123456789abcdef"


@dataclass
class SmallWorkspace:
    export: SlackExport
    thread_ts: str  # Ann's question in #general, answered by Bob
    speech: int  # messages people wrote (what sl_messages counts)
    rows: int  # messages stored (speech, bots, notices)

    @property
    def project(self) -> Project:
        return Project(id="p", name="P", organizational_model="company")


def small_workspace() -> SmallWorkspace:
    """Ann, Bob and Cy talk in #general and #random; a bot user, an app and notices too.

    Speech: Ann's question, Bob's and Ann's replies, Cy's edited message, Cy's reply under a
    deleted parent, Bob's broadcast reply and Bob's file share: 7. Not speech: Ann's join, the
    app's bot_message, the bot user's post, the tombstone, a topic change. A private channel's
    folder, groups.json and dms.json are in the export too, and never read."""
    ex = SlackExport(users=[
        user_entry(ANN, "ann"), user_entry(BOB, "bob"), user_entry(CY, "cy"),
        user_entry(HELPER, "helperbot", bot=True),
    ])  # fmt: skip
    general = ex.add_channel(GENERAL, "general", T0 - timedelta(days=60))
    random = ex.add_channel(RANDOM, "random", T0 - timedelta(days=60), old_style=True)
    at = lambda minutes: T0 + timedelta(minutes=minutes)  # noqa: E731
    ex.post(
        general, message(ANN, at(0), 1, subtype="channel_join", text="<@U0ANN00001> has joined")
    )
    question = ts_of(at(60), 2)
    reply_b, reply_a = ts_of(at(90), 3), ts_of(at(120), 4)
    ex.post(general, message(ANN, at(60), 2, thread_ts=question, reply_count=2,
        reply_users_count=2, reply_users=[BOB, ANN], latest_reply=reply_a,
        replies=[{"user": BOB, "ts": reply_b}, {"user": ANN, "ts": reply_a}],
        subscribed=True, last_read=reply_a))  # fmt: skip
    ex.post(general, message(BOB, at(90), 3, thread_ts=question, parent_user_id=ANN))
    ex.post(general, message(ANN, at(120), 4, thread_ts=question, parent_user_id=ANN))
    ex.post(general, {"type": "message", "subtype": "bot_message", "bot_id": HOOK,
        "username": "github", "text": "build passed", "ts": ts_of(at(130), 5),
        "attachments": [{"fallback": "x", "text": "y"}],
        "reactions": [{"name": "tada", "users": [ANN, BOB], "count": 2}]})  # fmt: skip
    ex.post(general, message(HELPER, at(140), 6))
    ex.post(general, message(CY, at(24 * 60), 7,
        edited={"user": CY, "ts": ts_of(at(24 * 60 + 5))},
        reactions=[{"name": "+1", "users": [ANN, BOB, HELPER], "count": 3}]))  # fmt: skip
    gone = ts_of(at(25 * 60), 8)
    ex.post(general, {"type": "message", "subtype": "tombstone", "user": "USLACKBOT",
        "text": "This message was deleted.", "hidden": True, "ts": gone, "thread_ts": gone,
        "reply_count": 1, "latest_reply": ts_of(at(26 * 60), 9)})  # fmt: skip
    ex.post(general, message(CY, at(26 * 60), 9, thread_ts=gone, parent_user_id="USLACKBOT"))
    ex.post(general, message(BOB, at(27 * 60), 10, subtype="thread_broadcast",
        thread_ts=question, parent_user_id=ANN))  # fmt: skip
    ex.post(
        random,
        message(
            BOB,
            at(28 * 60),
            11,
            subtype="file_share",
            files=[{"id": "F0FILE0001", "name": "plot.png", "title": "Secret plot", "user": BOB}],
        ),
    )
    ex.post(random, message(ANN, at(29 * 60), 12, subtype="channel_topic", topic="Secret topic"))
    ex.extra_files.update({
        "groups.json": [{"id": "G0PRIVATE1", "name": "secret-group", "members": [ANN, BOB]}],
        "dms.json": [{"id": "D0DIRECT01", "created": 1700000000, "members": [ANN, BOB]}],
        "secret-group/2024-03-01.json": [message(ANN, at(5), 13)],
        "D0DIRECT01/2024-03-01.json": [message(BOB, at(6), 14)],
        "integration_logs.json": [{"user_id": ANN, "user_name": "ann", "date": "1452988903",
            "change_type": "added", "service_id": "3", "service_type": "GitHub"}],
    })  # fmt: skip
    return SmallWorkspace(ex, question, speech=7, rows=12)


def import_into(paths: Paths, project: Project, *exports: Path, log=None) -> int:
    lines: list[str] = []
    code = import_exports(paths, project, list(exports), log=log or lines.append)
    return code
