"""fct_waiting_items: open items with no first answer by the data cut-off, on every platform."""

from datetime import UTC, datetime

from sqlkit import build_over, project

JUNE_1 = datetime(2025, 6, 1, tzinfo=UTC)


def _issue(number, *, author="ann", state="open", pr=False):
    return {
        "id": number,
        "repo": "o/r",
        "number": number,
        "is_pull_request": pr,
        "title": f"t{number}",
        "author_login": author,
        "author_type": "User",
        "state": state,
        "created_at": JUNE_1,
        "provenance": "api",
    }


def _comment(number, author, kind="issue_comment"):
    return {
        "kind": kind,
        "id": number * 10 + len(author),
        "repo": "o/r",
        "number": number,
        "author_login": author,
        "author_type": "User",
        "created_at": datetime(2025, 6, 2, tzinfo=UTC),
        "provenance": "api",
    }


def _thread(channel_id, archived=False):
    return {
        "channel_id": channel_id,
        "guild_id": "g1",
        "parent_id": "c0",
        "kind": "public_thread",
        "name": "Help",
        "owner_pseudonym": "o1",
        "created_at": JUNE_1,
        "archived": archived,
        "provenance": "api",
    }


def test_waiting_items(tmp_path):
    rows = {
        "github_issues": [
            _issue(1),  # no comment at all: waiting
            _issue(2),  # only its author commented: waiting
            _issue(3),  # answered
            _issue(4, state="closed"),  # closed: nobody waits
            _issue(5, author="dependabot[bot]"),  # a bot's item: left out
            _issue(6, pr=True),  # reviewed by a bot only: waiting
        ],
        "github_comments": [
            _comment(2, "ann"),
            _comment(3, "bob"),
            {**_comment(6, "ci[bot]", "review"), "author_type": "Bot"},
        ],
        # the data cut-off: the latest activity, 2025-07-01
        "github_commits": [
            {
                "repo": "o/r",
                "sha": "s",
                "author_login": "bob",
                "authored_at": datetime(2025, 7, 1, tzinfo=UTC),
                "provenance": "api",
            }
        ],
        "hub_discussions": [
            {
                "repo_type": "model",
                "repo_id": "org/m",
                "num": n,
                "is_pull_request": False,
                "title": "q",
                "status": status,
                "author": "x",
                "created_at": JUNE_1,
                "provenance": "api",
            }
            for n, status in ((1, "open"), (2, "open"), (3, "closed"))
        ],
        "hub_discussion_events": [
            {
                "repo_type": "model",
                "repo_id": "org/m",
                "num": 2,
                "event_id": "e1",
                "event_type": "comment",
                "author": "y",
                "created_at": datetime(2025, 6, 3, tzinfo=UTC),
                "provenance": "api",
            }
        ],
        "discord_channels": [_thread("t1"), _thread("t2"), _thread("t3", archived=True)],
        "discord_messages": [
            {
                "message_id": "m1",
                "guild_id": "g1",
                "channel_id": "t2",
                "author_pseudonym": "o2",
                "created_at": datetime(2025, 6, 1, 1, tzinfo=UTC),
                "provenance": "api",
            },
        ],
    }
    registry = [project(github_repos=["o/r"], hub_authors=["org"], discord_guilds=["g1"])]
    con = build_over(tmp_path, rows, registry)
    got = con.execute(
        "select platform, kind, item, days_waiting, url from fct_waiting_items order by "
        "platform, item"
    ).fetchall()
    # everything opened 2025-06-01 00:00, the cut-off 2025-07-01 00:00: 30 days each
    assert got == [
        ("discord", "help thread", "Help · t1", 30.0, None),  # t2 got a reply, t3 is archived
        ("github", "issue", "o/r#1", 30.0, "https://github.com/o/r/issues/1"),
        ("github", "issue", "o/r#2", 30.0, "https://github.com/o/r/issues/2"),
        ("github", "pull request", "o/r#6", 30.0, "https://github.com/o/r/pull/6"),
        ("hub", "Hub discussion", "org/m#1", 30.0, "https://huggingface.co/org/m/discussions/1"),
    ]
