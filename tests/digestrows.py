"""A small hand-built warehouse for the digest tests, with every answer worked out by hand.

Project `p`: GitHub o/r, Hub org `org` (model org/m, benchmark dataset bench/suite), Discord
guild g1. The data cut-off is the latest activity, 2025-07-06 12:00 UTC, so the default period
(7d) is 2025-06-30..2025-07-06 and the headline month June 2025 (July is the cut-off's, partial).

What the week holds, by hand:
- newcomers: `newbie` (first seen 2025-07-02, issue #20) is listed; `staffer` (MEMBER) is an
  insider, left out; Discord member PSEUDO_NEW (first message 2025-07-01) is counted, not named.
- waiting (no first answer by the cut-off): #20 (4.5 days: 2025-07-02 00:00 to 07-06 12:00),
  #3 regular's PR (92.5 days from 2025-04-05 00:00), the Discord help thread "Help: fine-tune?"
  (36.5 days from 2025-05-31 00:00); #21 staffer's issue (3.5 days).
- quiet: `regular` (4 activities, last seen 2025-04-05, quiet since 2025-07-04) is listed;
  `oldtimer` (quiet since 2025-04-01) is outside the week; Discord member PSEUDO_QUIET (3
  messages, last 2025-04-06, quiet since 2025-07-05) is counted, not named.
- derivatives: stranger/m-ft (finetune, created 2025-07-01); stranger/m-old (created 2025-06-01)
  is before the week.
- benchmarks: stranger/m-ft on bench/suite, reported 2025-07-05.
- headline (June against May): gh_active_contributors 2 (ann, and zed who answers) against 4
  (ann, bob, carl, zed); gh_ttfr_median_hours 3 (#200 answered after 3 h) against 5 (#106-108);
  hub_new_derivatives 1 (stranger/m-old) against 0; dc_active_members 0 against 1 (the thread's
  owner).
- alerts (June against March-May): gh_active_contributors 2 against a mean of 14/3 (Mar: ann, bob,
  carl, regular, zed; Apr: ann, bob, carl, regular, zed; May: 4), dc_active_members 0 against 1,
  dc_messages 0 against 4/3.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlkit import build_over, project

PSEUDO_NEW = "a1b2c3d4e5f6a7b8c9d0e1f2"
PSEUDO_QUIET = "f0e9d8c7b6a5f4e3d2c1b0a9"
PSEUDO_OWNER = "0f1e2d3c4b5a69788796a5b4"
TITLE = "@everyone free GPUs [claim](https://evil.example/x) <!channel> <@123456789>"
PROJECT = project(
    "p",
    github_repos=["o/r"],
    hub_authors=["org"],
    hub_benchmark_datasets=["bench/suite"],
    discord_guilds=["g1"],
)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def issue(
    number, author, created, *, title=None, pr=False, association="CONTRIBUTOR", state="open"
):
    return {
        "id": number,
        "repo": "o/r",
        "number": number,
        "is_pull_request": pr,
        "title": title or f"Item {number}",
        "author_login": author,
        "author_type": "User",
        "author_association": association,
        "state": state,
        "created_at": at(created),
        "provenance": "api",
    }


def comment(number, cid, author, created, association="CONTRIBUTOR"):
    return {
        "kind": "issue_comment",
        "id": cid,
        "repo": "o/r",
        "number": number,
        "author_login": author,
        "author_type": "User",
        "author_association": association,
        "created_at": at(created),
        "provenance": "api",
    }


def message(mid, author, created, channel="c1"):
    return {
        "message_id": mid,
        "guild_id": "g1",
        "channel_id": channel,
        "author_pseudonym": author,
        "created_at": at(created),
        "provenance": "api",
    }


def hub_model(repo_id, created):
    return {
        "repo_type": "model",
        "repo_id": repo_id,
        "author": repo_id.split("/")[0],
        "created_at": at(created),
        "downloads_30d": 10,
        "likes": 0,
        "collected_at": at("2025-07-06"),
        "provenance": "api",
    }


def rows() -> dict[str, list[dict]]:
    monthly = []  # ann, bob and carl each open an issue in March, April and May; ann in June
    for n, (person, day) in enumerate(
        (p, d) for d in ("2025-03-10", "2025-04-10", "2025-05-10") for p in ("ann", "bob", "carl")
    ):
        monthly.append(issue(100 + n, person, day, state="closed"))
    monthly.append(issue(200, "ann", "2025-06-10", state="closed"))
    return {
        "github_issues": [
            *monthly,
            issue(1, "regular", "2025-03-01", state="closed"),
            issue(2, "regular", "2025-03-15", state="closed"),
            issue(3, "regular", "2025-04-05", pr=True),
            issue(4, "oldtimer", "2024-12-01", state="closed"),
            issue(5, "oldtimer", "2024-12-15", state="closed"),
            issue(6, "oldtimer", "2025-01-01", state="closed"),
            issue(20, "newbie", "2025-07-02", title=TITLE),
            issue(21, "staffer", "2025-07-03", association="MEMBER"),
        ],
        "github_comments": [
            comment(1, 1, "regular", "2025-03-02"),
            # answers, so only #3, #20 and #21 wait on GitHub
            *[comment(100 + n, 1000 + n, "zed", f"{issue_day(n)}T05:00") for n in range(9)],
            comment(200, 2000, "zed", "2025-06-10T03:00"),
            comment(1, 3000, "zed", "2025-03-01T08:00"),
            comment(2, 3001, "zed", "2025-03-15T08:00"),
            comment(4, 3002, "zed", "2024-12-01T08:00"),
            comment(5, 3003, "zed", "2024-12-15T08:00"),
            comment(6, 3004, "zed", "2025-01-01T08:00"),
        ],
        "hub_repos": [
            hub_model("org/m", "2024-01-01"),
            hub_model("stranger/m-ft", "2025-07-01"),
            hub_model("stranger/m-old", "2025-06-01"),
        ],
        "hub_derivatives": [
            {"child_id": "stranger/m-ft", "base_id": "org/m", "relation": "finetune"},
            {"child_id": "stranger/m-old", "base_id": "org/m", "relation": "quantized"},
        ],
        "hub_eval_results": [
            {
                "result_id": "r1",
                "model_id": "stranger/m-ft",
                "model_author": "stranger",
                "dataset_id": "bench/suite",
                "metric_type": "accuracy",
                "metric_value": 0.5,
                "source": "model-index",
                "reported_at": at("2025-07-05"),
                "provenance": "api",
            }
        ],
        "discord_guilds": [{"guild_id": "g1", "name": "G", "provenance": "api"}],
        "discord_channels": [
            {  # every row carries every key: the upsert takes its columns from the first
                "channel_id": "c1",
                "guild_id": "g1",
                "parent_id": None,
                "kind": "text",
                "name": "general",
                "owner_pseudonym": None,
                "created_at": at("2025-01-01"),
                "archived": False,
            },
            {
                "channel_id": "t1",
                "guild_id": "g1",
                "parent_id": "c1",
                "kind": "public_thread",
                "name": "Help: fine-tune?",
                "owner_pseudonym": PSEUDO_OWNER,
                "created_at": at("2025-05-31"),
                "archived": False,
            },
        ],
        "discord_messages": [
            message("m1", PSEUDO_QUIET, "2025-03-01"),
            message("m2", PSEUDO_QUIET, "2025-03-20"),
            message("m3", PSEUDO_QUIET, "2025-04-06"),
            message("m4", PSEUDO_NEW, "2025-07-01"),
            message("m5", PSEUDO_OWNER, "2025-05-31", channel="t1"),
            message("m6", PSEUDO_OWNER, "2025-07-06T12:00"),  # the data cut-off
        ],
    }


def issue_day(n: int) -> str:
    return ("2025-03-10", "2025-04-10", "2025-05-10")[n // 3]


def build(tmp_path):
    return build_over(tmp_path, rows(), [PROJECT], publish=True)
