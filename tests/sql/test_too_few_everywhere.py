"""'Too few' for every ratio and median, not only GitHub's: each carries the items it rests on
(sample_size: the ratio's denominator, the median's count), the catalog sets its min_sample (a
ratio 10, a median 5), and fct_indicator_ranks shows a value from fewer but never ranks it.

Discord, January 2024 (every project also talks in June 2024, the partial cut-off month, so
January is final once the 30-day return window has passed). Return rate = new speakers who post
again 7 to 30 days after their first message / the month's new speakers:
  few:   4 new speakers, 2 return   -> 0.50 over 4:  too few (4 < 10), shown, unranked
  many: 12 new speakers, 6 return   -> 0.50 over 12: rank 1
  more: 12 new speakers, 3 return   -> 0.25 over 12: rank 2
A Hub median over 3 answered discussions and a cross-platform median over 1 person are too few
(3 < 5, 1 < 5); over 5 answered discussions the Hub median is enough.
"""

from datetime import UTC, datetime

import duckdb
import pytest
from dashkit import demo_warehouse
from hubrows import event, merged, spine_opener, thread
from identkit import PROJECT, ROWS, identities

from core.catalog import load_catalog
from core.settings import published_path

from sqlkit import build_over, project

CHAT = {"few": (4, 2), "many": (12, 6), "more": (12, 3)}  # (new speakers, returning)


def at(month: int, day: int) -> datetime:
    return datetime(2024, month, day, 12, tzinfo=UTC)


def message(guild: str, n: int, author: str, when: datetime) -> dict:
    return {
        "message_id": f"{guild}{n:04d}", "guild_id": guild, "channel_id": f"{guild}c",
        "created_at": when, "author_pseudonym": author, "author_is_bot": False,
        "message_type": 0, "provenance": "api",
    }  # fmt: skip


@pytest.fixture(scope="module")
def chat(tmp_path_factory):
    channels, messages, projects = [], [], []
    for index, (name, (speakers, returning)) in enumerate(CHAT.items(), start=1):
        guild = f"10000000000000000{index}"
        channels.append({"channel_id": f"{guild}c", "guild_id": guild, "kind": "text",
                         "created_at": at(1, 1), "provenance": "api"})  # fmt: skip
        for person in range(speakers):
            author = f"{name}-{person}"
            messages.append(message(guild, len(messages), author, at(1, 2)))
            if person < returning:  # again ten days later: within 7 to 30 days
                messages.append(message(guild, len(messages), author, at(1, 12)))
        messages.append(message(guild, len(messages), f"{name}-june", at(6, 10)))
        projects.append(project(name, discord_guilds=[guild]))
    rows = {"discord_channels": channels, "discord_messages": messages}
    return build_over(tmp_path_factory.mktemp("too-few-chat"), rows, projects)


def _ranked(con, indicator: str) -> dict[str, tuple]:
    rows = con.execute(
        "select project, value, sample_size, rank, unranked from fct_indicator_ranks "
        "where scope = 'company' and indicator = ? and month = '2024-01' order by project",
        [indicator],
    ).fetchall()
    return {r[0]: r[1:] for r in rows}


def test_a_chat_return_rate_over_4_new_speakers_is_too_few_and_unranked(chat):
    assert _ranked(chat, "dc_new_speaker_return_rate")["few"] == (0.5, 4, None, "too few")


def test_a_chat_return_rate_over_12_new_speakers_is_ranked(chat):
    got = _ranked(chat, "dc_new_speaker_return_rate")
    assert got["many"] == (0.5, 12, 1, None)
    assert got["more"] == (0.25, 12, 2, None)


def test_a_hub_median_over_3_is_too_few_and_over_5_is_not(tmp_path):
    threads, events = [], []
    for org, answered in (("small", 3), ("big", 5)):
        for n in range(1, answered + 1):
            threads.append(thread(f"{org}/m", n, "carol", "2024-02-01T00:00"))
            events.append(event(f"{org}/m", n, f"{org}{n}", "bob", f"2024-02-01T0{n}:00"))
    threads.append(thread("small/m", 9, "carol", "2024-02-02T00:00"))  # never answered: not in it
    rows = merged(
        {"hub_discussions": threads, "hub_discussion_events": events},
        spine_opener("small/m", "2024-01-10"),
        spine_opener("big/m", "2024-01-10"),
    )
    con = build_over(
        tmp_path,
        rows,
        [project("small", hub_authors=["small"]), project("big", hub_authors=["big"])],
    )
    got = con.execute(
        "select project, value, sample_size, min_sample, too_few from fct_indicator_changes "
        "where indicator = 'hub_discussion_ttfr_median_hours' and month = '2024-02' order by 1"
    ).fetchall()
    # small: 1, 2, 3 hours -> 2 over 3; big: 1 .. 5 hours -> 3 over 5
    assert got == [("big", 3.0, 5, 5, False), ("small", 2.0, 3, 5, True)]


def test_cross_platform_rates_and_medians_carry_their_sample(tmp_path):
    # identkit's January: 3 newcomers (Ada, Cy, Bob); only Ada contributes, after 51 days
    con = build_over(tmp_path, ROWS, [PROJECT], identities(tmp_path))
    got = con.execute(
        "select indicator, sample_size, min_sample, too_few from fct_indicator_changes "
        "where project = 'p' and month = '2024-01' and indicator in "
        "('xp_median_days_to_contribution', 'xp_newcomer_contributor_rate', "
        "'xp_first_platform_share_discord', 'xp_newcomers') order by 1"
    ).fetchall()
    assert got == [
        ("xp_first_platform_share_discord", 3, 10, True),
        ("xp_median_days_to_contribution", 1, 5, True),  # a median over 1 person
        ("xp_newcomer_contributor_rate", 3, 10, True),
        ("xp_newcomers", None, 0, False),  # a count has no sample to be short of
    ]


def test_every_ratio_and_median_in_the_catalog_sets_its_threshold():
    thresholds = {i.id: i.min_sample for i in load_catalog().values()}
    for indicator in load_catalog().values():
        if indicator.shape == "ratio":
            assert thresholds[indicator.id] == 10, indicator.id
        elif indicator.shape == "duration":
            assert thresholds[indicator.id] == 5, indicator.id
        else:
            assert thresholds[indicator.id] == 0, indicator.id


def test_every_ratio_and_median_value_on_the_demo_carries_its_sample():
    with duckdb.connect(str(published_path(demo_warehouse())), read_only=True) as con:
        missing = con.execute(
            "select indicator, count(*) from fct_indicator_changes "
            "where min_sample > 0 and value is not null and sample_size is null group by 1"
        ).fetchall()
        carrying = con.execute(
            "select count(distinct indicator) from fct_indicator_changes where sample_size > 0"
        ).fetchone()[0]
    assert missing == []
    assert carrying >= 20  # GitHub's 9, the Hub's median, Discord's 2, Slack's 2, xp's 7
