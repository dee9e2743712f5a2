"""The Discord indicators (DESIGN.md §4, dc_*) and the Discord marts, on a hand-built guild.

People A, B, C, D, F and a bot talk in #general (text), the #help forum and a voice channel's
text chat (never counted). Every expected value below is worked out by hand from the rows.
"""

from datetime import UTC, datetime

import pytest

from sqlkit import build_over, project, value

G = "100000000000000001"
GENERAL, FORUM, VOICE = "200000000000000001", "200000000000000002", "200000000000000003"
T1, T2, T4 = "300000000000000001", "300000000000000002", "300000000000000004"
T3 = "400000000000000003"  # opened from A's message in #general, so it has that message's id


def at(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2024, month, day, hour, minute, tzinfo=UTC)


NEW_YEAR = at(1, 1)


def channel(channel_id, kind, *, parent=None, owner=None, created=NEW_YEAR):
    return {
        "channel_id": channel_id,
        "guild_id": G,
        "parent_id": parent,
        "kind": kind,
        "owner_pseudonym": owner,
        "created_at": created,
        "provenance": "api",
    }


CHANNELS = [
    channel(GENERAL, "text"),
    channel(FORUM, "forum"),
    channel(VOICE, "voice"),
    channel(T1, "public_thread", parent=FORUM, owner="A", created=at(1, 10, 10)),
    channel(T2, "public_thread", parent=FORUM, owner="D", created=at(1, 20, 10)),
    channel(
        T3, "public_thread", parent=GENERAL, owner=None, created=at(2, 5, 8)
    ),  # an export: no owner
    channel(T4, "public_thread", parent=FORUM, owner="B", created=at(2, 10, 9)),
]

# (id, channel, author, time, type, bot)
MESSAGES = [
    # January
    ("m01", GENERAL, "A", at(1, 1, 9), 0, False),  # A's first
    ("m02", GENERAL, "bot", at(1, 2), 0, True),
    ("m03", GENERAL, "bot", at(1, 2, 1), 0, True),
    ("m04", GENERAL, "bot", at(1, 2, 2), 0, True),
    ("m05", GENERAL, "C", at(1, 3), 7, False),  # "C joined": a notice, not speech
    ("m06", GENERAL, "B", at(1, 5, 12), 19, False),  # B's first (a reply)
    ("m07", GENERAL, "A", at(1, 8, 9), 0, False),  # exactly 7 days after A's first: A returns
    (T1, T1, "A", at(1, 10, 10), 0, False),  # forum post starter (id = thread id)
    ("m08", T1, "bot", at(1, 10, 10, 5), 0, True),  # a bot is not a reply
    ("m09", T1, "A", at(1, 10, 10, 10), 0, False),  # the owner is not a reply
    ("m10", T1, "B", at(1, 10, 10, 30), 0, False),  # first reply: 30 minutes
    ("m11", GENERAL, "B", at(1, 11, 12), 0, False),  # B: +6 days, too soon
    (T2, T2, "D", at(1, 20, 10), 0, False),  # D's first
    ("m12", T2, "A", at(1, 20, 11, 30), 0, False),  # first reply: 90 minutes
    ("m13", GENERAL, "C", at(1, 25), 0, False),  # C's first
    ("m14", VOICE, "E", at(1, 26), 0, False),  # voice chat: never counted
    # February
    ("m15", GENERAL, "F", at(2, 1, 1), 0, False),  # F's first; Jan 31 in São Paulo, Feb in UTC
    ("m16", GENERAL, "B", at(2, 5, 12), 0, False),  # B: +31 days, too late
    (T3, GENERAL, "A", at(2, 5, 8), 0, False),  # the message T3 was opened from: A owns T3
    ("m17", T3, "A", at(2, 5, 8), 21, False),  # the thread's starter copy: not speech
    ("m18", T3, "C", at(2, 5, 8, 5), 0, False),  # first reply: 5 minutes
    ("m19", T3, "A", at(2, 5, 8, 20), 0, False),
    (T4, T4, "B", at(2, 10, 9), 0, False),  # forum post nobody answers
    ("m20", GENERAL, "D", at(2, 21, 10), 0, False),  # D: +32 days, too late
    ("m21", GENERAL, "C", at(2, 24), 0, False),  # C: exactly 30 days after Jan 25: returns
]


def message(mid, chan, author, when, kind, bot):
    return {
        "message_id": mid,
        "guild_id": G,
        "channel_id": chan,
        "created_at": when,
        "author_pseudonym": author,
        "author_is_bot": bot,
        "message_type": kind,
        "provenance": "api",
    }


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    tables = {"discord_channels": CHANNELS, "discord_messages": [message(*m) for m in MESSAGES]}
    return build_over(tmp_path_factory.mktemp("dc"), tables, [project(discord_guilds=[G])])


def test_messages_leave_out_bots_notices_and_voice_chat(con):
    # Jan: A m01 m07 T1 m09 m12 (5), B m06 m10 m11 (3), C m13 (1), D T2 (1) = 10
    assert value(con, "p", "2024-01", "dc_messages") == 10
    # Feb: F m15, B m16 T4, A T3 m19, C m18 m21, D m20 = 8 (m17 is a starter copy)
    assert value(con, "p", "2024-02", "dc_messages") == 8


def test_active_members(con):
    assert value(con, "p", "2024-01", "dc_active_members") == 4  # A B C D; E is voice only
    assert value(con, "p", "2024-02", "dc_active_members") == 5  # A B C D F


def test_new_speakers_count_the_first_message_not_the_join(con):
    # C joined on Jan 3 but first spoke on Jan 25: still January
    assert value(con, "p", "2024-01", "dc_new_speakers") == 4
    assert value(con, "p", "2024-02", "dc_new_speakers") == 1  # F, in UTC


def test_return_rate_window_is_7_to_30_days_inclusive(con):
    # A (+7 d exactly) and C (+30 d exactly) return; B (+6 d, +31 d) and D (+32 d) do not
    assert value(con, "p", "2024-01", "dc_new_speaker_return_rate") == pytest.approx(0.5)
    assert value(con, "p", "2024-02", "dc_new_speaker_return_rate") == 0  # F never came back


def test_help_ttfr_median_minutes(con):
    assert value(con, "p", "2024-01", "dc_help_ttfr_median_minutes") == pytest.approx(
        60
    )  # (30 + 90) / 2
    # T3's owner is the author of the message it was opened from (A): C's reply after 5 minutes;
    # T4 got no reply and stays out of the median
    assert value(con, "p", "2024-02", "dc_help_ttfr_median_minutes") == pytest.approx(5)


def test_chat_threads_owner_and_first_reply(con):
    # int_chat_threads owns the first-reply rule for Discord (and Slack): T1 and T2 answered in
    # January, T3 answered and T4 still waiting in February
    rows = con.execute(
        "select strftime(started_at, '%Y-%m'), count(*), count(first_reply_at) "
        "from int_chat_threads where project = 'p' and platform = 'discord' group by 1 order by 1"
    ).fetchall()
    assert rows == [("2024-01", 2, 2), ("2024-02", 2, 1)]


def test_projects_without_discord_get_no_dc_rows(tmp_path):
    commits = [
        {
            "repo": "o/r",
            "sha": "s1",
            "author_login": "x",
            "authored_at": at(1, 1),
            "provenance": "api",
        }
    ]
    con = build_over(tmp_path, {"github_commits": commits}, [project(github_repos=["o/r"])])
    assert (
        con.execute("select count(*) from fct_indicators where indicator like 'dc_%'").fetchone()[0]
        == 0
    )
