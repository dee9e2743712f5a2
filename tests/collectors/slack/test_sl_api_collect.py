"""`onramp collect --source slack` against the fake Web API: cursor paging 200 a page, replies per
thread, incremental by `oldest` (an unchanged channel costs one call), 429 Retry-After, Slack's
per-method tiers, and the failures a run reports in one line."""

import functools
import math
import os
import socket

import pytest
from slackkit import KEY

from collectors.slack import collect
from collectors.slack.client import Politeness
from core.pseudonym import Pseudonymizer
from core.registry import Project
from core.settings import Settings
from onramp.orchestrator import run_collection
from warehouse.db import connect

from fakes.slack_server import TOKEN, FakeClock, FakeSlack, serve

GENERAL, HELP, SECRET = "C0GENERAL1", "C0HELP0002", "G0SECRET03"
ANN, BOB, CY = "U0ANN00001", "U0BOB00002", "U0CY000003"
DAY = 86400.0
T0 = 1_709_280_000.0  # 2024-03-01


def project(*channels: str) -> Project:
    return Project(id="p", name="P", organizational_model="company", slack_channels=channels)


def workspace(clock: FakeClock, general: int = 450, threads: int = 3, **kw) -> FakeSlack:
    """#general: `general` top-level messages from Ann, Bob and Cy, the first `threads` of them
    answered in a thread of two replies; #help: an app's post and a question Bob answers with a
    broadcast reply. 40 other channels of the workspace are listed but not configured."""
    slack = FakeSlack(clock, **kw)
    slack.extra_channels = 40
    slack.add_channel(GENERAL, "general")
    slack.add_channel(HELP, "help")
    people = (ANN, BOB, CY)
    for i in range(general):
        m = slack.post(GENERAL, people[i % 3], T0 + i * 600)
        if i < threads:
            slack.reply(GENERAL, m, people[(i + 1) % 3], T0 + i * 600 + 60)
            slack.reply(GENERAL, m, people[i % 3], T0 + i * 600 + 120)
    slack.post(HELP, None, T0 + 5, subtype="bot_message", bot_id="B0APP00001", username="ci")
    question = slack.post(HELP, ANN, T0 + 10)
    slack.reply(HELP, question, BOB, T0 + 70, subtype="thread_broadcast")
    return slack


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("ONRAMP_PSEUDONYM_KEY", KEY)
    monkeypatch.setenv("SLACK_BOT_TOKEN", TOKEN)
    return tmp_path / "w.duckdb"


def run(db, slack: FakeSlack, url: str, proj: Project, *, full=False, max_wait=None, tiers=None,
        warnings: list | None = None):  # fmt: skip
    """One collection run of `proj` against the fake at `url`, its clock driving every wait."""
    polite = Politeness(sleep=slack.clock.sleep, clock=slack.clock)
    if tiers is not None:
        polite.tiers = tiers
    settings = Settings.from_env({**os.environ, "SLACK_API_BASE": url})
    with connect(db) as con:
        return run_collection(
            con, proj, "slack", functools.partial(collect, polite=polite),
            full=full, max_wait=max_wait, progress=False, warehouse=db, settings=settings,
            warn=(warnings if warnings is not None else []).append,
        )  # fmt: skip


def stored(db) -> list[tuple]:
    with connect(db) as con:
        return con.execute(
            "select channel_id, ts, thread_ts, author_pseudonym, author_is_bot, subtype, "
            "reply_count, latest_reply from slack_messages order by channel_id, ts"
        ).fetchall()


def test_first_run_reads_every_page_and_every_thread(env):
    clock = FakeClock()
    slack = workspace(clock)
    with serve(slack) as url:
        outcome = run(env, slack, url, project(GENERAL, HELP))
    assert outcome.status == "ok", outcome.message
    rows = stored(env)
    # #general 450 + 3 threads x 2 replies; #help the app's post, the question, the broadcast
    assert len(rows) == 456 + 3
    slack_id = Pseudonymizer(KEY.encode(), "slack")
    assert {r[3] for r in rows if not r[4]} == {slack_id(ANN), slack_id(BOB), slack_id(CY)}
    assert [r[5] for r in rows if r[4]] == ["bot_message"]
    # list 1 (41 channels, one page) + history ceil(450/200) = 3 and 1 + replies 3 + 1
    assert slack.calls == {"conversations.list": 1, "conversations.history": 4,
                           "conversations.replies": 4}  # fmt: skip
    assert outcome.api_calls == 9 and slack.statuses == {200: 9}
    with connect(env) as con:
        names = con.execute(
            "select channel_id, name, team_id from slack_channels order by 1"
        ).fetchall()
    assert names == [(GENERAL, "general", "T0FAKETEAM"), (HELP, "help", "T0FAKETEAM")]


def test_calls_stay_within_the_budget_of_200_a_page(env):
    """Issue 14: at most 1.05 x ceil(messages/200) + channels calls, when threads are rare; each
    thread with replies costs one conversations.replies call on top (Slack has no other way)."""
    clock = FakeClock()
    slack = workspace(clock, general=4_321, threads=0)
    with serve(slack) as url:
        outcome = run(env, slack, url, project(GENERAL, HELP))
    messages, channels = 4_321 + 3, 2
    assert outcome.api_calls <= 1.05 * math.ceil(messages / 200) + channels
    assert outcome.api_calls == 1 + math.ceil(4_321 / 200) + 1 + 1  # list, pages, #help, its thread


def test_an_unchanged_rerun_costs_one_call_per_channel(env):
    clock = FakeClock()
    slack = workspace(clock)
    with serve(slack) as url:
        assert run(env, slack, url, project(GENERAL, HELP)).status == "ok"
        before = stored(env)
        slack.calls.clear()
        again = run(env, slack, url, project(GENERAL, HELP))
    assert again.status == "ok" and again.api_calls == 2
    assert slack.calls == {"conversations.history": 2}
    assert stored(env) == before


def test_a_rerun_picks_up_new_messages_and_late_replies(env):
    clock = FakeClock()
    slack = workspace(clock)
    with serve(slack) as url:
        assert run(env, slack, url, project(GENERAL, HELP)).status == "ok"
        recent = slack.channels[GENERAL].messages[-2]  # within the week of overlap
        slack.reply(GENERAL, recent, ANN, T0 + 460 * 600)
        slack.post(GENERAL, CY, T0 + 461 * 600)
        slack.calls.clear()
        again = run(env, slack, url, project(GENERAL, HELP))
        assert again.status == "ok"
        assert slack.calls == {"conversations.history": 2, "conversations.replies": 1}
        with_new = stored(env)
        slack.calls.clear()
        assert run(env, slack, url, project(GENERAL, HELP), full=True).status == "ok"
    assert len(with_new) == 459 + 2
    assert stored(env) == with_new  # what --full reads again agrees with the increments


def test_a_429_waits_its_retry_after_and_is_counted(env):
    clock = FakeClock()
    slack = workspace(clock, general=10, threads=0)
    slack.faults.extend([("conversations.list", 429), ("conversations.history", 503),
                         ("conversations.history", "cut")])  # fmt: skip
    with serve(slack) as url:
        outcome = run(env, slack, url, project(GENERAL, HELP))
    assert outcome.status == "ok", outcome.message
    assert 3.5 in clock.slept  # Retry-After: 3, and half a second of margin
    assert slack.statuses[429] == 1 and slack.statuses[503] == 1
    assert outcome.api_calls == sum(slack.calls.values()) == 3 + 1 + 2 + 1


def test_the_client_keeps_to_each_methods_tier(env):
    """A tier of 5 history calls a minute: 12 pages wait twice for the window, and the server,
    which enforces the same tier, never has to say 429."""
    clock = FakeClock()
    tiers = {"conversations.history": 5}
    slack = workspace(clock, general=2_400, threads=0, tiers=tiers)
    with serve(slack) as url:
        outcome = run(env, slack, url, project(GENERAL), tiers=tiers)
    assert outcome.status == "ok", outcome.message
    assert slack.calls["conversations.history"] == 12 and slack.statuses[429] == 0
    assert len([s for s in clock.slept if s > 50]) == 2


def test_a_client_that_ignored_the_tiers_would_meet_429s_and_recover(env):
    clock = FakeClock()
    slack = workspace(clock, general=2_400, threads=0, tiers={"conversations.history": 5})
    with serve(slack) as url:
        outcome = run(env, slack, url, project(GENERAL), tiers={})
    assert outcome.status == "ok", outcome.message
    assert slack.statuses[429] >= 2  # each waited out, then the page asked again
    assert outcome.api_calls == sum(slack.calls.values()) == 1 + 12 + slack.statuses[429]


def faulty(env, *faults, max_wait=None, general=10):
    """One run of #general whose conversations.list first meets `faults`: (outcome, clock)."""
    clock = FakeClock()
    slack = workspace(clock, general=general, threads=0)
    slack.faults.extend(("conversations.list", fault) for fault in faults)
    with serve(slack) as url:
        return run(env, slack, url, project(GENERAL), max_wait=max_wait), clock


def test_a_wait_longer_than_max_wait_fails_the_run_in_one_line(env):
    outcome, _ = faulty(env, 429, max_wait=1)
    assert outcome.status == "failed"
    assert outcome.message == (
        "RateLimitWaitTooLong: p slack: conversations.list: rate limited (HTTP 429); waiting 4 s "
        "would exceed --max-wait 1 s"
    )


def test_a_refused_token_is_one_line_and_never_shows_the_token(env, monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-wrong-1234567890-abcdef")
    clock = FakeClock()
    slack = workspace(clock, general=1)
    with serve(slack) as url:
        outcome = run(env, slack, url, project(GENERAL))
    assert outcome.status == "failed"
    assert "Slack answered 'invalid_auth' to conversations.list" in outcome.message
    assert "xoxb" not in outcome.message and "\n" not in outcome.message


def test_a_channel_the_bot_cannot_see_is_skipped(env):
    clock = FakeClock()
    slack = workspace(clock, general=5, threads=0)
    with serve(slack) as url:
        outcome = run(env, slack, url, project(GENERAL, SECRET))
    assert outcome.status == "ok"
    assert {r[0] for r in stored(env)} == {GENERAL}


def test_skipped_without_token_or_channels(env, monkeypatch):
    with serve(FakeSlack()) as url:
        assert (
            run(env, FakeSlack(), url, project()).message
            == "no slack_channels configured for this project"
        )
        monkeypatch.delenv("SLACK_BOT_TOKEN")
        outcome = run(env, FakeSlack(), url, project(GENERAL))
    assert (outcome.status, outcome.message) == ("skipped", "SLACK_BOT_TOKEN is not set")


# ------------------------------------------------------------------- the retry policy (issue 23)


def test_a_502_is_a_5xx_retried_with_back_off_never_called_a_rate_limit(env):
    """Issue 23: a Slack 502 with --max-wait 0.5 said "Slack's rate limit … --max-wait 0 s". The
    back-off of a 5xx is not a rate-limit wait: retried five times, then named as what it was."""
    outcome, clock = faulty(env, *[502] * 5, max_wait=0.5, general=5)
    assert outcome.status == "failed"
    assert outcome.message == (
        "RetriesExhausted: p slack: conversations.list: HTTP 502; gave up after 5 attempts"
    )
    assert "rate limit" not in outcome.message and outcome.api_calls == 5
    assert clock.slept == [1, 2, 4, 8]  # the policy's back-off, nothing more
    recovered, _ = faulty(env, 502, max_wait=0.5, general=5)
    assert recovered.status == "ok", recovered.message


def test_an_unreachable_host_stops_at_once_in_one_line(env):
    """Issue 23: Slack on an unreachable host made 5 tries and slept 15 s; now one try, no sleep."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    clock = FakeClock()
    slack = workspace(clock, general=5, threads=0)
    started = clock()
    outcome = run(env, slack, f"http://127.0.0.1:{port}/api", project(GENERAL))
    assert outcome.status == "failed" and outcome.unreachable
    assert outcome.message == (
        f"p slack: 127.0.0.1:{port} unreachable: connection refused (conversations.list)"
    )
    assert outcome.api_calls == 1 and clock() == started


def test_the_one_a_minute_limit_is_said_in_one_line_and_kept_to(env):
    """Apps outside the Slack Marketplace get conversations.history at 1 a minute, 15 messages a
    call (May 2025 / March 2026). Met, the run says so once, then keeps to it: no 429 storm."""
    clock = FakeClock()
    slack = workspace(clock, general=60, threads=0, tiers={"conversations.history": 1})
    slack.page_cap = 15
    warnings: list[str] = []
    with serve(slack) as url:
        outcome = run(env, slack, url, project(GENERAL), warnings=warnings)
    assert outcome.status == "ok", outcome.message
    said = [w for w in warnings if "1 conversations.history call a minute" in w]
    assert said == [
        "p slack: Slack allows this app 1 conversations.history call a minute, 15 messages each "
        "(its limit for apps distributed outside the Slack Marketplace); collecting at that pace. "
        "An internal app created in your own workspace keeps 50 a minute (README, Slack)"
    ]
    assert slack.statuses[429] == 1  # met once, then kept to
    assert len(stored(env)) == 60


def test_the_one_a_minute_limit_beyond_max_wait_fails_saying_which_limit(env):
    clock = FakeClock()
    slack = workspace(clock, general=60, threads=0, tiers={"conversations.history": 1})
    slack.page_cap = 15
    with serve(slack) as url:
        outcome = run(env, slack, url, project(GENERAL), max_wait=5)
    assert outcome.status == "failed"
    assert outcome.message.startswith(
        "RateLimitWaitTooLong: p slack: conversations.history: rate limited (HTTP 429, 1 call a "
        "minute for this app); waiting "
    )
    assert outcome.message.endswith("would exceed --max-wait 5 s")
