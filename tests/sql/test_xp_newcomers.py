"""xp_* indicators (DESIGN.md §4, People): one person across GitHub, the Hub and Discord counts
once; the journey rates, worked out by hand from identkit's rows."""

import pytest
from identkit import PROJECT, ROWS, identities

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
