"""The Slack indicators (DESIGN.md §4 "Slack": the dc_* definitions on Slack), on a hand-built
workspace. Every expected value is worked out by hand from the rows below.

#one is in the project's slack_channels, #two was imported for it, #three belongs to nobody.
January: A asks in #one (thread T1): B answers after 30 min, A replies; a bot speaks; C joins
(a notice); C asks in #two (T2): a bot answers first, then C, then A after 60 min; A posts again
exactly 7 days after their first message, B exactly 30 days after theirs (both return); D writes
only in #three (never counted) and then under a deleted parent (T3: no asker, no response time),
and once more an hour later. February: C asks unanswered (T4), E answers only themself (T5), B
sends a /me message.
"""

from datetime import UTC, datetime

import pytest

from sqlkit import build_over, project, series, value

ONE, TWO, THREE = "C0000ONE1", "C0000TWO2", "C000THREE"


def at(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2024, month, day, hour, minute, tzinfo=UTC)


def ts(when: datetime) -> str:
    return f"{int(when.timestamp())}.000100"


def msg(channel, when, author, *, thread=None, bot=False, subtype=None):
    return {
        "channel_id": channel,
        "ts": ts(when),
        "created_at": when,
        "thread_ts": ts(thread) if thread else None,
        "author_pseudonym": author,
        "author_is_bot": bot,
        "subtype": subtype,
        "reaction_count": 0,
        "provenance": "export",
    }


T1, T2, T3 = at(1, 1, 9), at(1, 5, 12), at(1, 20, 10)
T4, T5 = at(2, 10, 10), at(2, 12, 10)
MESSAGES = [
    msg(ONE, T1, "A", thread=T1),  # A's first; parent of T1
    msg(ONE, at(1, 1, 9, 30), "B", thread=T1),  # B's first: T1's first reply, 30 min
    msg(ONE, at(1, 1, 9, 40), "A", thread=T1),
    msg(ONE, at(1, 1, 10), "bot", bot=True),
    msg(ONE, at(1, 3), "C", subtype="channel_join"),  # joining is not speaking
    msg(TWO, T2, "C", thread=T2),  # C's first; parent of T2
    msg(TWO, at(1, 5, 12, 1), "bot", thread=T2, bot=True),
    msg(TWO, at(1, 5, 12, 2), "C", thread=T2),  # the owner: not a response
    msg(TWO, at(1, 5, 13), "A", thread=T2),  # T2's first response: 60 min
    msg(ONE, at(1, 8, 9), "A"),  # 7 days after A's first: A returns
    msg(THREE, at(1, 10), "D"),  # not the project's channel
    msg(ONE, T3, "slackbot", thread=T3, bot=True, subtype="tombstone"),
    msg(ONE, at(1, 20, 11), "D", thread=T3),  # D's first
    msg(ONE, at(1, 20, 12), "D"),
    msg(ONE, at(1, 31, 9, 30), "B"),  # 30 days after B's first: B returns
    msg(TWO, T4, "C", thread=T4),  # 36 days after C's first: too late to be a return
    msg(ONE, T5, "E", thread=T5),
    msg(ONE, at(2, 12, 11), "E", thread=T5),
    msg(ONE, at(2, 14), "B", subtype="me_message"),
]
CHANNELS = [
    {"channel_id": c, "team_id": "T0TEAM", "name": n, "is_private": False, "provenance": "export"}
    for c, n in ((ONE, "one"), (TWO, "two"), (THREE, "three"))
]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    rows = {
        "slack_channels": CHANNELS,
        "slack_channel_projects": [{"project": "p", "channel_id": TWO, "provenance": "export"}],
        "slack_messages": MESSAGES,
    }
    return build_over(tmp_path_factory.mktemp("sl"), rows, [project("p", slack_channels=[ONE])])


def test_messages_count_people_not_bots_or_notices(con):
    # January: A 4 (T1, reply, T2 reply, Jan 8), B 2, C 2, D 2; February: C 1, E 2, B's /me 1
    assert series(con, "p", "sl_messages") == {"2024-01": 10.0, "2024-02": 4.0}


def test_active_members(con):
    assert series(con, "p", "sl_active_members") == {"2024-01": 4.0, "2024-02": 3.0}


def test_new_speakers_first_message_over_the_whole_history(con):
    # C joined on Jan 3 but first spoke on Jan 5; D's #three message is not the project's
    assert series(con, "p", "sl_new_speakers") == {"2024-01": 4.0, "2024-02": 1.0}


def test_return_rate_counts_7_to_30_days_inclusive(con):
    assert value(con, "p", "2024-01", "sl_new_speaker_return_rate") == pytest.approx(2 / 4)
    assert value(con, "p", "2024-02", "sl_new_speaker_return_rate") == 0.0


def test_thread_ttfr_median_is_over_answered_threads_with_an_asker(con):
    # T1 30 min, T2 60 min (the bot and the owner do not count); T3 has no asker
    assert value(con, "p", "2024-01", "sl_thread_ttfr_median_minutes") == pytest.approx(45.0)
    assert value(con, "p", "2024-02", "sl_thread_ttfr_median_minutes") is None


def test_slack_people_join_the_activity_log_and_the_project(con):
    people = con.execute(
        "select sum(activities) from fct_activity where project = 'p' and platform = 'slack'"
    ).fetchone()[0]
    assert people == 14  # the 10 + 4 messages above
    assert con.execute("select slack_channels from dim_projects").fetchone()[0] == [ONE, TWO]
    status = con.execute(
        "select is_configured, targets from fct_source_status where source = 'slack'"
    ).fetchone()
    assert status == (True, 2)


def test_no_discord_values_appear_for_a_slack_only_project(con):
    assert series(con, "p", "dc_messages") == {}
