"""hub_discussions_opened, hub_community_prs_opened and hub_discussion_ttfr_median_hours."""

import pytest
from hubrows import event, member, merged, spine_opener, thread

from sqlkit import build_over, project, series


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("hub")
    threads = [
        thread("org/m", 1, "carol", "2024-02-01T00:00"),
        thread("org/m", 2, "dave", "2024-02-10T00:00", pr=True),
        thread("org/m", 3, "alice", "2024-02-15T00:00", pr=True),  # alice: a member of org
        thread(
            "org/d", 1, "erin", "2024-02-20T00:00", pr=True, member_flag=True, repo_type="dataset"
        ),
        thread("org/m", 4, "org", "2024-03-05T00:00"),
        thread("other/r", 1, "carol", "2024-02-01T00:00", pr=True),  # not the project's
    ]
    events = [
        event("org/m", 1, "a1", "carol", "2024-02-01T00:00"),  # the opening post
        event("org/m", 1, "a2", "alice", "2024-02-01T06:00"),  # 6 h
        event("org/m", 2, "b1", "dave", "2024-02-10T00:00"),
        event("org/m", 2, "b2", "dave", "2024-02-10T01:00"),  # the opener again: no response
        event("org/m", 2, "b3", "alice", "2024-02-10T02:00", kind="status-change"),  # not a comment
        event("org/m", 2, "b4", "bob", "2024-02-11T00:00"),  # 24 h
        event("org/d", 1, "c1", "carol", "2024-02-20T03:00", repo_type="dataset"),  # 3 h
        event("org/m", 4, "d1", "frank", "2024-03-06T00:00"),  # 24 h
        event("other/r", 1, "e1", "bob", "2024-02-01T01:00"),
    ]
    rows = merged(
        {
            "hub_discussions": threads,
            "hub_discussion_events": events,
            "hub_org_members": [member("org", "alice")],
        },
        spine_opener("org/m", "2024-01-10"),
    )
    return build_over(tmp_path, rows, [project("p", hub_authors=["org"])])


def test_discussions_and_prs_opened(con):
    # Jan: the spine opener; Feb: threads 1, 2, 3 and the dataset PR; Mar: thread 4
    assert series(con, "p", "hub_discussions_opened") == {"2024-01": 1, "2024-02": 4, "2024-03": 1}


def test_community_prs_leave_out_members_and_hub_flagged_members(con):
    # Feb: dave's PR only (alice is a listed member, erin flagged isOrgMember by the Hub)
    assert series(con, "p", "hub_community_prs_opened") == {
        "2024-01": 0,
        "2024-02": 1,
        "2024-03": 0,
    }


def test_median_hours_to_first_comment_by_someone_else(con):
    # Feb: 6, 24, 3 (thread 3 never answered) -> 6; Mar: 24; Jan: nobody answered -> null
    assert series(con, "p", "hub_discussion_ttfr_median_hours") == {
        "2024-01": None,
        "2024-02": 6,
        "2024-03": 24,
    }


def test_median_of_an_even_count_is_the_mean_of_the_middle_two(tmp_path):
    threads = [thread("org/m", n, "carol", "2024-02-01T00:00") for n in (1, 2)]
    events = [
        event("org/m", 1, "x1", "bob", "2024-02-01T02:00"),
        event("org/m", 2, "x2", "bob", "2024-02-01T05:00"),
    ]
    con = build_over(
        tmp_path,
        {"hub_discussions": threads, "hub_discussion_events": events},
        [project("p", hub_authors=["org"])],
    )
    assert series(con, "p", "hub_discussion_ttfr_median_hours") == {"2024-02": 3.5}
