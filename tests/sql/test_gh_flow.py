"""Issue and pull-request flow indicators (DESIGN.md §4) on a hand-built history of one repository.

Items (bots excluded everywhere; months UTC):
  #1 PR    alice NONE                 opened 2024-01-05 10:00, merged 2024-01-10
  #2 PR    bob   MEMBER               opened 2024-01-06 00:00, closed unmerged 2024-02-03
  #3 PR    dependabot[bot]            opened 2024-01-07, closed unmerged 2024-01-08   (bot: ignored)
  #4 issue carol CONTRIBUTOR          opened 2024-01-10 00:00, closed 2024-01-20
  #5 issue dave  NONE                 opened 2024-02-01 01:00 UTC (still January in São Paulo)
  #6 issue erin  NONE                 opened 2024-01-15, closed 2024-01-16, reopened: open again
  #7 PR    frank FIRST_TIME_CONTRIBUTOR opened 2024-01-20 00:00, open
  #8 PR    alice NONE                 opened 2024-02-10 00:00, merged 2024-03-02
First responses (self-replies and bots skipped): #1 bob's review +24 h (after alice's own comment
and a bot's), #2 carol +6 h (after bob's own), #4 alice +12 h, #7 carol +30 h, #8 bob +1.5 h;
#5 and #6 never answered. Carol comments on #4 in March, so the spine runs January to March.
"""

from datetime import UTC, datetime, timedelta

import pytest

from sqlkit import build_over, project, value


def t(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def issue(number, login, association, created, *, pr=False, closed=None, merged=None, bot=False):
    return {
        "id": 100 + number, "repo": "o/r", "number": number, "is_pull_request": pr,
        "author_login": login, "author_association": association, "is_bot": bot,
        "state": "closed" if closed else "open", "created_at": created, "updated_at": created,
        "closed_at": closed, "merged_at": merged, "provenance": "api",
    }  # fmt: skip


def comment(cid, number, login, at, kind="issue_comment", bot=False):
    return {"kind": kind, "id": cid, "repo": "o/r", "number": number, "author_login": login,
            "is_bot": bot, "created_at": at, "provenance": "api"}  # fmt: skip


ISSUES = [
    issue(
        1, "alice", "NONE", t(2024, 1, 5, 10), pr=True, closed=t(2024, 1, 10), merged=t(2024, 1, 10)
    ),
    issue(2, "bob", "MEMBER", t(2024, 1, 6), pr=True, closed=t(2024, 2, 3)),
    issue(3, "dependabot[bot]", "NONE", t(2024, 1, 7), pr=True, closed=t(2024, 1, 8), bot=True),
    issue(4, "carol", "CONTRIBUTOR", t(2024, 1, 10), closed=t(2024, 1, 20)),
    issue(5, "dave", "NONE", t(2024, 2, 1, 1)),
    issue(6, "erin", "NONE", t(2024, 1, 15)),
    issue(7, "frank", "FIRST_TIME_CONTRIBUTOR", t(2024, 1, 20), pr=True),
    issue(8, "alice", "NONE", t(2024, 2, 10), pr=True, closed=t(2024, 3, 2), merged=t(2024, 3, 2)),
]
COMMENTS = [
    comment(1, 1, "alice", t(2024, 1, 5, 11)),  # self-reply
    comment(2, 1, "dependabot[bot]", t(2024, 1, 5, 12), bot=True),
    comment(3, 1, "bob", t(2024, 1, 6, 10), kind="review"),  # +24 h
    comment(4, 2, "bob", t(2024, 1, 6, 1)),  # self-reply
    comment(5, 2, "carol", t(2024, 1, 6, 6), kind="review_comment"),  # +6 h
    comment(6, 4, "alice", t(2024, 1, 10, 12)),  # +12 h
    comment(7, 7, "carol", t(2024, 1, 20) + timedelta(hours=30)),  # +30 h
    comment(8, 8, "bob", t(2024, 2, 10, 1, 30)),  # +1.5 h
    comment(9, 4, "carol", t(2024, 3, 5)),
]
EXPECTED = {
    # January: PRs #1 #2 #7; external #1 #7; closed PRs: #1 merged (bot #3 left out);
    # issues #4 #6 opened, #4 closed; ttfr 6, 12, 24, 30 -> (12 + 24) / 2; #6 unanswered of 5
    "2024-01": {"gh_prs_opened": 3, "gh_external_prs_opened": 2, "gh_external_prs_merged": 1,
                "gh_pr_acceptance_ratio": 1.0, "gh_pr_closure_ratio": 1 / 3,
                "gh_issue_closure_ratio": 0.5, "gh_ttfr_median_hours": 18.0,
                "gh_unanswered_share": 0.2},
    # February: #8 opened; #2 closed unmerged; #5 opened (UTC), not closed; #5 unanswered of 2
    "2024-02": {"gh_prs_opened": 1, "gh_external_prs_opened": 1, "gh_external_prs_merged": 0,
                "gh_pr_acceptance_ratio": 0.0, "gh_pr_closure_ratio": 1.0,
                "gh_issue_closure_ratio": 0.0, "gh_ttfr_median_hours": 1.5,
                "gh_unanswered_share": 0.5},
    # March: #8 merged; nothing opened, so every flow ratio is undefined
    "2024-03": {"gh_prs_opened": 0, "gh_external_prs_opened": 0, "gh_external_prs_merged": 1,
                "gh_pr_acceptance_ratio": 1.0, "gh_pr_closure_ratio": None,
                "gh_issue_closure_ratio": None, "gh_ttfr_median_hours": None,
                "gh_unanswered_share": None},
}  # fmt: skip


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    rows = {"github_issues": ISSUES, "github_comments": COMMENTS}
    return build_over(tmp_path_factory.mktemp("flow"), rows, [project(github_repos=["o/r"])])


@pytest.mark.parametrize("month", sorted(EXPECTED))
def test_flow_indicators(con, month):
    got = {name: value(con, "p", month, name) for name in EXPECTED[month]}
    assert got == pytest.approx(EXPECTED[month])


def test_a_month_before_the_first_activity_is_absent(con):
    with pytest.raises(LookupError):
        value(con, "p", "2023-12", "gh_prs_opened")
