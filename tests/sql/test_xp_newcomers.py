"""xp_* indicators (DESIGN.md §4, People): one person across GitHub, the Hub and Discord counts
once; the journey rates, worked out by hand from identkit's rows."""

import pytest
from identkit import CHANNELS, PROJECT, ROWS, at, identities, issue, message

from sqlkit import build_over, value


@pytest.fixture
def linked(tmp_path):
    return build_over(tmp_path, ROWS, [PROJECT], identities(tmp_path))


def test_three_platform_person_counts_once(linked):
    # January: Ada (Discord, first seen 01-10), Cy (Discord), Bob (GitHub issue) => 3
    assert value(linked, "p", "2024-01", "xp_newcomers") == 3
    # Ada's Hub discussion and PR are the same person: no newcomer in February or March
    assert value(linked, "p", "2024-02", "xp_newcomers") == 0
    assert value(linked, "p", "2024-03", "xp_newcomers") == 0


def test_without_identities_each_platform_identity_is_a_person(tmp_path):
    con = build_over(tmp_path, ROWS, [PROJECT])
    assert value(con, "p", "2024-01", "xp_newcomers") == 3
    assert value(con, "p", "2024-02", "xp_newcomers") == 1  # adaex on the Hub
    assert value(con, "p", "2024-03", "xp_newcomers") == 1  # ada-ex's PR


def test_contributor_rate_and_median_days(linked):
    # of January's 3 newcomers only Ada contributes (PR 2024-03-01 12:00, first seen 01-10 12:00)
    assert value(linked, "p", "2024-01", "xp_newcomer_contributor_rate") == pytest.approx(1 / 3)
    assert value(linked, "p", "2024-01", "xp_median_days_to_contribution") == pytest.approx(51)
    # no newcomers in February: a rate has no denominator
    assert value(linked, "p", "2024-02", "xp_newcomer_contributor_rate") is None


def test_first_platform_shares(linked):
    assert value(linked, "p", "2024-01", "xp_first_platform_share_discord") == pytest.approx(2 / 3)
    assert value(linked, "p", "2024-01", "xp_first_platform_share_github") == pytest.approx(1 / 3)
    assert value(linked, "p", "2024-01", "xp_first_platform_share_hub") == 0


def test_journey_of_the_linked_person(linked):
    row = linked.execute(
        "select first_step, next_step, days_to_next, first_contribution, contributed_within_180d "
        "from fct_journeys where person_key = 'person-00001'"
    ).fetchone()
    # Discord 01-10 12:00 -> Hub discussion 02-05 12:00 (26 days) -> PR on 03-01
    assert row == ("discord_message", "hub_discussion", pytest.approx(26), "github_pr", True)


def test_bot_people_leave_the_cross_platform_counts(tmp_path):
    bots = identities(tmp_path, '[[person]]\nname = "Bob bot"\ngithub = ["bob"]\nbot = true\n')
    con = build_over(tmp_path, ROWS, [PROJECT], bots)
    assert value(con, "p", "2024-01", "xp_newcomers") == 2
    # a per-platform indicator keeps its pinned definition: Bob still counts on GitHub
    assert value(con, "p", "2024-01", "gh_active_contributors") == 1


def test_contribution_after_180_days_does_not_count(tmp_path):
    rows = {"github_issues": [
        {"id": 1, "repo": "o/r", "number": 1, "is_pull_request": False, "author_login": "z",
         "author_association": "NONE", "created_at": "2024-01-01T00:00:00Z", "provenance": "api"},
        {"id": 2, "repo": "o/r", "number": 2, "is_pull_request": True, "author_login": "z",
         "author_association": "NONE", "created_at": "2024-06-29T00:00:01Z", "provenance": "api"},
    ]}  # fmt: skip
    con = build_over(tmp_path, rows, [PROJECT])
    # 180 days after 2024-01-01 is 2024-06-29 00:00: one second later is too late
    assert value(con, "p", "2024-01", "xp_newcomer_contributor_rate") == 0
    assert value(con, "p", "2024-01", "xp_median_days_to_contribution") is None


def test_conversion_counts_a_discord_asker_who_sends_a_pr_40_days_later(tmp_path):
    """The study's question, by hand. January's newcomers: Dee asks on Discord (01-05 12:00) and
    opens a PR 40 days later (02-14 12:00); Eve chats on Discord and never contributes; Fay's
    first appearance is a PR (01-08). Fay arrived contributing: she is in neither part of the
    conversion rate. Of Dee and Eve, Dee converts: 1 / 2, after 40 days."""
    rows = {
        "discord_channels": CHANNELS,
        "discord_messages": [
            message(1, "70000000000000000001", at(1, 5)),  # Dee
            message(2, "70000000000000000002", at(1, 6)),  # Eve
        ],
        "github_issues": [
            issue(1, "fay", at(1, 8), pr=True),
            issue(2, "dee-gh", at(2, 14), pr=True),
        ],
    }
    people = identities(
        tmp_path,
        '[[person]]\nname = "Dee"\ngithub = ["dee-gh"]\ndiscord = ["70000000000000000001"]\n',
    )
    con = build_over(tmp_path, rows, [PROJECT], people)
    assert value(con, "p", "2024-01", "xp_newcomers") == 3
    assert value(con, "p", "2024-01", "xp_newcomer_conversion_rate") == pytest.approx(1 / 2)
    assert value(con, "p", "2024-01", "xp_median_days_to_contribution") == pytest.approx(40)
    # the older rate counts Fay's day-0 PR as a contribution: 2 of 3
    assert value(con, "p", "2024-01", "xp_newcomer_contributor_rate") == pytest.approx(2 / 3)
    flow = con.execute(
        "select first_step, arrived_contributing, outcome, people from fct_journey_flow "
        "where cohort = '2024-01' order by all"
    ).fetchall()
    assert flow == [
        ("discord_message", False, "github_pr", 1),
        ("discord_message", False, "not_yet", 1),
        ("github_pr_or_commit", True, "github_pr", 1),
    ]


def test_a_newcomer_who_arrives_with_a_pr_is_not_in_the_denominator(tmp_path):
    rows = {"github_issues": [issue(1, "fay", at(1, 8), pr=True)]}
    con = build_over(tmp_path, rows, [PROJECT])
    assert value(con, "p", "2024-01", "xp_newcomers") == 1
    assert value(con, "p", "2024-01", "xp_newcomer_contributor_rate") == 1
    # nobody came in without contributing: no denominator, so no value (not 0 %, not 100 %)
    assert value(con, "p", "2024-01", "xp_newcomer_conversion_rate") is None
    assert value(con, "p", "2024-01", "xp_median_days_to_contribution") is None
