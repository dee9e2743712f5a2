"""Renamed repositories, what the token cannot see, and the token itself never leaking."""

import json

from fakes.github_data import generate

TOKEN = "ghp_" + "T0k3n" * 8


def test_a_renamed_repository_is_followed_and_rows_keep_the_configured_name(github, warehouse):
    repo = generate("neworg/newname", 8, items=40, comments=30)
    repo.old_names = ["o/old"]
    server = github(repo)
    outcome = warehouse.run(["o/old"])
    assert outcome.status == "ok", outcome.message
    assert [r.status for r in server.requests[:2]] == [301, 200]
    # after the move, every stream is read by numeric id: no further redirect, no query lost
    assert [r.status for r in server.requests].count(301) == 1
    assert warehouse.count("github_issues", "repo = 'o/old'") == 40
    assert warehouse.count("github_issues", "repo <> 'o/old'") == 0
    full_name = warehouse.con.execute(
        "select full_name from github_repos where repo = 'o/old'"
    ).fetchone()
    assert full_name == ("neworg/newname",)
    assert [w for w in warehouse.warnings if "o/old" in w] == [
        "github: o/old is now neworg/newname; rows stay under o/old"
    ]
    # the next run asks by the saved id: no redirect, one call per unchanged stream
    seen = len(server.requests)
    assert warehouse.run(["o/old"]).api_calls == 6
    assert 301 not in {r.status for r in server.requests[seen:]}


def test_what_the_token_cannot_see_is_skipped_with_one_line(github, warehouse):
    repo = generate("o/r", 9, items=20, comments=10)
    repo.hidden = {"commits"}
    github(repo)
    outcome = warehouse.run(["o/r", "o/missing"])
    assert outcome.status == "ok", outcome.message
    assert warehouse.count("github_issues") == 20 and warehouse.count("github_commits") == 0
    assert len(warehouse.warnings) == 2
    assert "o/r commits skipped" in warehouse.warnings[0] and "HTTP 403" in warehouse.warnings[0]
    assert "o/missing skipped" in warehouse.warnings[1] and "\n" not in "".join(warehouse.warnings)


def test_no_repositories_skips_the_source(github, warehouse):
    outcome = warehouse.run([])
    assert outcome.status == "skipped" and "github_repos" in outcome.message


def test_the_token_is_sent_but_never_logged_stored_or_reported(
    github, warehouse, monkeypatch, capsys
):
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    server = github(generate("o/r", 10, items=30, comments=30), token=TOKEN, graphql=False)
    server.fail("502", "/pulls/comments", times=100)
    server.fail("secondary403", "/issues/comments", retry_after=30)
    outcome = warehouse.run(["o/r"], retries=1)
    assert all(r.headers.get("authorization") == f"Bearer {TOKEN}" for r in server.requests)
    # the repository gave up (its rows read before stay, as would the next repository's)
    assert outcome.status == "partial" and "HTTP 502; gave up after 2 attempts" in outcome.message
    everything = [outcome.message, *warehouse.warnings, *capsys.readouterr()]
    for table in ("github_repos", "github_issues", "github_comments", "github_commits",
                  "github_releases", "sync_state", "collection_runs"):  # fmt: skip
        everything += [
            json.dumps(r, default=str)
            for r in warehouse.con.execute(f"select * from {table}").fetchall()
        ]
    assert not any(TOKEN in text for text in everything)
    assert not any(r.query.get("access_token") for r in server.requests)  # never in a URL


def test_a_bad_token_fails_with_a_clear_line(github, warehouse, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    github(generate("o/r", 11, items=1, comments=0), token="something-else")
    outcome = warehouse.run(["o/r"])
    assert outcome.status == "failed"
    assert "HTTP 401" in outcome.message and "GITHUB_TOKEN" in outcome.message
    assert TOKEN not in outcome.message
