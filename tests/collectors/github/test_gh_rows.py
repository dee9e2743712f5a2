"""Payload -> row mapping: the facts kept from list payloads, and what is never kept."""

from collectors.github.paging import since_param
from collectors.github.rows import comment_row, commit_row, is_bot, issue_row, parse_pr, review_row


def test_pr_numbers_from_commit_messages():
    assert parse_pr("Merge pull request #812 from some-user/fix-eval\n\nFix eval") == (
        812,
        "some-user",
    )
    assert parse_pr("Add rotary embeddings (#4120)\n\n* squash body (#3)") == (4120, None)
    assert parse_pr("Bump version to 1.2 #7") == (None, None)


def test_bots_by_type_or_suffix():
    assert is_bot({"login": "renovate", "type": "Bot"})
    assert is_bot({"login": "dependabot[bot]", "type": "User"})
    assert is_bot(None, "github-actions[bot]")
    assert not is_bot({"login": "botanist", "type": "User"})


def test_a_deleted_author_keeps_the_row():
    item = {"id": 1, "number": 2, "user": None, "created_at": "2024-01-01T00:00:00Z",
            "author_association": "NONE"}  # fmt: skip
    row = issue_row("o/r", item)
    assert (
        row["author_login"] is None and row["is_bot"] is False and row["is_pull_request"] is False
    )


def test_comment_numbers_come_from_their_urls():
    said = {"id": 5, "user": {"login": "a"}, "created_at": "2024-01-01T00:00:00Z",
            "issue_url": "https://api.github.com/repos/o/r/issues/77"}  # fmt: skip
    assert comment_row("o/r", "issue_comment", said)["number"] == 77
    diff = {"id": 6, "user": {"login": "a"}, "created_at": "2024-01-01T00:00:00Z",
            "pull_request_url": "https://api.github.com/repos/o/r/pulls/78"}  # fmt: skip
    assert comment_row("o/r", "review_comment", diff)["number"] == 78


def test_a_pending_review_is_not_a_response_yet():
    assert review_row("o/r", 3, {"id": 9, "state": "PENDING", "user": {"login": "a"}}) is None


def test_commits_keep_the_domain_never_the_address():
    item = {"sha": "abc", "author": None, "committer": None, "parents": [{}, {}],
            "commit": {"author": {"name": "Ann", "email": "Ann.Lee@Lab.ORG",
                                  "date": "2024-01-01T00:00:00Z"},
                       "committer": {"name": "Ann", "email": "ann@lab.org",
                                     "date": "2024-01-02T00:00:00Z"},
                       "message": "Merge pull request #3 from ann/x"}}  # fmt: skip
    row = commit_row("o/r", item)
    assert row["author_email_domain"] == "lab.org" and row["is_merge"] is True
    assert (row["pr_number"], row["pr_login"]) == (3, "ann")
    assert not any("@" in str(v) for v in row.values())


def test_since_is_two_days_before_the_cursor_in_utc():
    assert since_param("2024-03-01T01:00:00Z") == "2024-02-28T01:00:00Z"
    assert since_param("2024-03-01T01:00:00-03:00") == "2024-02-28T04:00:00Z"
    assert since_param(None) is None
