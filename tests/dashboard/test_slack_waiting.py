"""Must show (issue 20): a project with Slack gets its unanswered Slack threads and top-level
posts on Drop-off and in the digest, from a hand-built workspace export imported with
`onramp import-slack`, in the help channel projects.toml names (slack_help_channels).

#help: Ann's post nobody answered (20 days before the cut-off: staling); Bob's question Cy answered
in its thread (not waiting); Cy's thread only Cy replied to (2 days: fresh); an app's post (not a
person's: not waiting). #general is not a help channel: Ann's unanswered post there does not wait.
So 2 wait: 1 staling, 1 fresh, 0 stale."""

import json
from datetime import UTC, datetime, timedelta

import pytest
import streamlit as st
from dashkit import APP, PAGES
from streamlit.testing.v1 import AppTest

from onramp.cli import main

from fakes.slack_export import SlackExport, message, ts_of, user_entry

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
HELP, GENERAL = "C0HELP0001", "C0GENERAL1"
ANN, BOB, CY = "U0ANN00001", "U0BOB00002", "U0CY000003"
KEY = "test-pseudonym-key-0123456789abcdef"
REGISTRY = f"""
[[project]]
id = "p"
name = "P"
organizational_model = "company"
slack_help_channels = ["{HELP}"]
"""


def _export() -> SlackExport:
    ex = SlackExport(users=[user_entry(ANN, "ann"), user_entry(BOB, "bob"), user_entry(CY, "cy")])
    help_ = ex.add_channel(HELP, "help", T0 - timedelta(days=60))
    general = ex.add_channel(GENERAL, "general", T0 - timedelta(days=60))
    day = lambda d, minutes=0: T0 + timedelta(days=d, minutes=minutes)  # noqa: E731
    ex.post(help_, message(ANN, day(0), 1))  # nobody answers: waits 20 days
    asked, answer = ts_of(day(0, 10), 2), ts_of(day(0, 30), 3)
    ex.post(help_, message(BOB, day(0, 10), 2, thread_ts=asked, reply_count=1,
        replies=[{"user": CY, "ts": answer}], latest_reply=answer))  # fmt: skip
    ex.post(help_, message(CY, day(0, 30), 3, thread_ts=asked, parent_user_id=BOB))
    own, own_reply = ts_of(day(18), 4), ts_of(day(18, 5), 5)
    ex.post(help_, message(CY, day(18), 4, thread_ts=own, reply_count=1,
        replies=[{"user": CY, "ts": own_reply}], latest_reply=own_reply))  # fmt: skip
    ex.post(help_, message(CY, day(18, 5), 5, thread_ts=own, parent_user_id=CY))
    ex.post(help_, {"type": "message", "subtype": "bot_message", "bot_id": "B0HOOK0001",
        "username": "ci", "text": "build passed", "ts": ts_of(day(1), 6)})  # fmt: skip
    ex.post(general, message(ANN, day(1), 7))  # not a help channel
    ex.post(general, message(BOB, day(20), 8))  # the data cut-off
    return ex


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("slack-waiting")
    config, db = root / "projects.toml", root / "raw.duckdb"
    config.write_text(REGISTRY, encoding="utf-8")
    folder = _export().write_dir(root / "export")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ONRAMP_PSEUDONYM_KEY", KEY)
        common = ["--config", str(config), "--db", str(db)]
        assert main(["import-slack", *common, "--project", "p", str(folder)]) == 0
        assert main(["build", *common]) == 0
    return config, db


def test_the_digest_lists_the_unanswered_slack_posts(warehouse, capsys):
    config, db = warehouse
    capsys.readouterr()
    assert main(["digest", "--config", str(config), "--db", str(db), "--project", "p",
                 "--format", "json"]) == 0  # fmt: skip
    (digest,) = json.loads(capsys.readouterr().out)
    assert {b["bucket"]: b["items"] for b in digest["waiting_buckets"]} == {
        "staling": 1, "fresh": 1, "stale": 0,
    }  # fmt: skip
    waiting = [
        (r["platform"], r["kind"], r["bucket"], r["days_waiting"]) for r in digest["waiting"]
    ]
    assert waiting == [
        ("slack", "Slack post", "staling", 20.0),
        ("slack", "Slack post", "fresh", 2.0),
    ]
    assert [r["title"] for r in digest["waiting"]] == [
        "#help, 2025-03-01 09:00", "#help, 2025-03-19 09:00",
    ]  # fmt: skip
    assert digest["counts"]["waiting"] == 2


def test_dropoff_lists_the_unanswered_slack_posts(warehouse, monkeypatch):
    config, db = warehouse
    monkeypatch.setenv("ONRAMP_DB", str(db))
    monkeypatch.setenv("ONRAMP_CONFIG", str(config))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["project"] = "p"
    at.run()
    at.switch_page(PAGES["drop-off"]).run()
    assert not at.exception, at.exception
    caption = next(c.value for c in at.caption if c.value.startswith("Waiting at the data cut-off"))
    assert "1 staling (7 to 30 days) · 1 fresh (under 7 days) · 0 stale (over 30 days)" in caption
    table = next(
        d.value for d in at.dataframe if "Kind" in d.value.columns or "kind" in d.value.columns
    )
    kinds = table["kind"] if "kind" in table.columns else table["Kind"]
    assert list(kinds) == ["Slack post", "Slack post"]
