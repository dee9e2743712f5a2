"""fct_people: one label, profile link and insider mark per person."""

from datetime import UTC, datetime

from hubrows import event, member, merged, thread

from sqlkit import build_over, project


def _at(day):
    return datetime(2024, 3, day, tzinfo=UTC)


def _issue(number, login, association):
    return {
        "id": number,
        "repo": "o/r",
        "number": number,
        "is_pull_request": False,
        "title": f"t{number}",
        "author_login": login,
        "author_association": association,
        "state": "open",
        "created_at": _at(number),
        "updated_at": _at(number),
        "provenance": "api",
    }


def _commit(sha, login, name, domain):
    return {
        "repo": "o/r",
        "sha": sha,
        "author_login": login,
        "author_name": name,
        "author_email_domain": domain,
        "authored_at": _at(10),
        "provenance": "api",
    }


def _profiles(tmp_path):
    rows = {
        "github_issues": [
            _issue(1, "owner-ann", "OWNER"),
            _issue(2, "outsider-bo", "NONE"),
            _issue(3, "collab-cy", "CONTRIBUTOR"),
        ],
        "github_comments": [
            {
                "kind": "issue_comment",
                "id": 9,
                "repo": "o/r",
                "number": 3,
                "author_login": "collab-cy",
                "author_association": "COLLABORATOR",
                "created_at": _at(4),
                "provenance": "api",
            }
        ],
        "github_commits": [
            _commit("a1", None, "Stella Biderman", "eleuther.ai"),
            _commit("a2", None, "Dan Git", "gmail.com"),
        ],
    }
    registry = [project(github_repos=["o/r"], internal_email_domains=["eleuther.ai"])]
    con = build_over(tmp_path, rows, registry)
    return {
        r[0]: r[1:]
        for r in con.execute(
            "select person, display_name, profile_url, is_git_only, is_insider "
            "from fct_people where platform = 'github'"
        ).fetchall()
    }


def test_insiders_by_association_anywhere_or_internal_domain(tmp_path):
    got = _profiles(tmp_path)
    # cy's own issue says CONTRIBUTOR, but a comment in the project says COLLABORATOR: an insider
    assert {person for person, row in got.items() if row[3]} == {
        "owner-ann",
        "collab-cy",
        "git:stellabiderman",
    }


def test_logins_link_and_git_only_authors_show_their_name(tmp_path):
    got = _profiles(tmp_path)
    assert got["outsider-bo"][:3] == ("outsider-bo", "https://github.com/outsider-bo", False)
    assert got["git:dangit"][:3] == ("Dan Git", None, True)


def test_hub_org_members_are_insiders_and_discord_members_are_never_named(tmp_path):
    hub = merged(
        {"hub_org_members": [member("acme", "Staffer")]},
        {"hub_discussions": [thread("acme/m", 1, "visitor", "2024-03-01")]},
        {
            "hub_discussion_events": [
                event("acme/m", 1, "e1", "visitor", "2024-03-01"),
                event("acme/m", 1, "e2", "Staffer", "2024-03-02"),
            ]
        },
    )
    guild = "100000000000000001"
    discord = {
        "discord_channels": [
            {
                "channel_id": "200000000000000001",
                "guild_id": guild,
                "kind": "text",
                "created_at": _at(1),
                "provenance": "api",
            }
        ],
        "discord_messages": [
            {
                "message_id": "500000000000000001",
                "guild_id": guild,
                "channel_id": "200000000000000001",
                "created_at": _at(5),
                "author_pseudonym": "3f2a9c0d" + "0" * 24,
                "author_is_bot": False,
                "message_type": 0,
                "provenance": "api",
            }
        ],
    }
    registry = [project(hub_authors=["acme"], discord_guilds=[guild])]
    con = build_over(tmp_path, merged(hub, discord), registry)
    got = sorted(
        con.execute(
            "select platform, display_name, profile_url, is_insider from fct_people"
        ).fetchall()
    )
    assert got == [
        ("discord", "Discord member 3f2a…", None, False),
        ("hub", "Staffer", "https://huggingface.co/Staffer", True),
        ("hub", "visitor", "https://huggingface.co/visitor", False),
    ]
