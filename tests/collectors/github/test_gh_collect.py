"""A complete collection against the fake server: every item stored once, near the fewest calls."""

from fakes.github_data import STREAMS, generate, minimum_calls


def test_every_item_is_stored_once(github, warehouse):
    a, b = generate("o/a", 1, items=250, comments=420), generate("o/b", 2, items=90, comments=130)
    github(a, b)
    outcome = warehouse.run(["o/a", "o/b"])
    assert outcome.status == "ok", outcome.message
    issues = [i["id"] for r in (a, b) for i in r.issues]
    assert warehouse.keys("github_issues", "id") == sorted(issues)
    for kind, attr in (("issue_comment", "issue_comments"), ("review_comment", "review_comments")):
        expected = sorted(c["id"] for r in (a, b) for c in getattr(r, attr))
        assert warehouse.keys(f"github_comments where kind = '{kind}'", "id") == expected
    submitted = sorted(
        v["id"] for r in (a, b) for rs in r.reviews.values() for v in rs if "submitted_at" in v
    )
    assert warehouse.keys("github_comments where kind = 'review'", "id") == submitted
    assert warehouse.count("github_commits") == len(a.commits) + len(b.commits)
    assert warehouse.count("github_releases") == len(a.releases) + len(b.releases)
    assert warehouse.keys("github_repos", "repo") == ["o/a", "o/b"]


def test_calls_stay_within_one_per_stream_of_the_page_minimum(github, warehouse):
    a, b = generate("o/a", 1, items=250, comments=420), generate("o/b", 2, items=90, comments=130)
    server = github(a, b)
    outcome = warehouse.run(["o/a", "o/b"])
    floor = minimum_calls(a) + minimum_calls(b)
    assert len(server.requests) == outcome.api_calls  # every HTTP request is counted
    assert floor <= outcome.api_calls <= floor + 2 * STREAMS
    # 100 a page everywhere, and never a request per issue, comment or commit
    assert all(
        r.query.get("per_page") in ("100", "1") for r in server.requests if "/repos/" not in r.path
    )
    assert not any(
        "/issues/" in r.path and r.path.split("/")[-1].isdigit() for r in server.requests
    )


def test_merged_at_comes_from_the_list_payload(github, warehouse):
    repo = generate("o/r", 3, items=60, comments=0)
    github(repo)
    warehouse.run(["o/r"])
    merged = {
        i["number"]: i["pull_request"]["merged_at"] for i in repo.issues if "pull_request" in i
    }
    stored = dict(warehouse.con.execute(
        "select number, strftime(merged_at, '%Y-%m-%dT%H:%M:%SZ') from github_issues "
        "where is_pull_request"
    ).fetchall())  # fmt: skip
    assert stored == merged and any(merged.values())


def test_people_facts_are_kept(github, warehouse):
    repo = generate("o/r", 4, items=80, comments=120)
    github(repo)
    warehouse.run(["o/r"])
    login = lambda i: i["user"]["login"]  # noqa: E731
    want = {i["id"]: (login(i), i["author_association"], login(i).endswith("[bot]"))
            for i in repo.issues}  # fmt: skip
    got = {r[0]: r[1:] for r in warehouse.con.execute(
        "select id, author_login, author_association, is_bot from github_issues"
    ).fetchall()}  # fmt: skip
    assert got == want
    assert warehouse.count("github_comments", "is_bot") > 0


def test_commits_keep_the_email_domain_only_but_noreply(github, warehouse):
    repo = generate("o/r", 5, items=1, comments=0, commits=30)
    github(repo)
    warehouse.run(["o/r"])
    rows = warehouse.con.execute("select * exclude (author_noreply_email) from github_commits")
    assert not any("@" in str(v) for row in rows.fetchall() for v in row)
    # the one address kept whole: GitHub's public no-reply address, which names a login
    kept = warehouse.con.execute(
        "select distinct author_noreply_email from github_commits where author_noreply_email "
        "is not null"
    ).fetchall()
    assert kept and all(r[0].endswith("@users.noreply.github.com") for r in kept)
    domains = {
        r[0]
        for r in warehouse.con.execute("select author_email_domain from github_commits").fetchall()
    }
    assert domains <= {"gmail.com", "acme.ai", "uni.edu", "users.noreply.github.com", "lab.org"}
    squashed = {int(c["commit"]["message"].rsplit("#", 1)[1].rstrip(")")): c["sha"]
                for c in repo.commits if c["commit"]["message"].endswith(")")}  # fmt: skip
    parsed = dict(warehouse.con.execute(
        "select pr_number, sha from github_commits where pr_number is not null"
    ).fetchall())  # fmt: skip
    assert parsed == squashed


def test_an_item_updated_mid_crawl_skips_nothing(github, warehouse):
    """With page=N paging, moving a read item to the end slides an unread one onto a read page."""
    repo = generate("o/r", 6, items=300, comments=0)
    server = github(repo)
    first_page = sorted(repo.issues, key=lambda i: (i["updated_at"], i["id"]))[:100]

    done = []

    def touch_after_first_page(request):
        if (
            request.path.endswith("/issues")
            and request.query.get("direction") == "asc"
            and not done
        ):
            first_page[0]["updated_at"] = "2030-01-01T00:00:00Z"
            server.changed()
            done.append(True)

    server.hooks.append(touch_after_first_page)
    warehouse.run(["o/r"])
    assert warehouse.keys("github_issues", "id") == sorted(i["id"] for i in repo.issues)


def test_a_page_sharing_one_timestamp_falls_back_to_page_numbers(github, warehouse):
    repo = generate("o/r", 12, items=250, comments=0)
    for item in repo.issues:  # a bulk edit: every item updated in the same second
        item["updated_at"] = "2024-05-05T05:05:05Z"
    server = github(repo)
    warehouse.run(["o/r"])
    assert warehouse.keys("github_issues", "id") == sorted(i["id"] for i in repo.issues)
    listing = [r.query.get("page", "1") for r in server.requests
               if r.path.endswith("/issues") and r.query["direction"] == "asc"]  # fmt: skip
    # since=None page 1; since=T page 1 (the same items: nothing older); then pages 2 and 3 at T
    assert listing == ["1", "1", "2", "3"]


def test_progress_shows_items_calls_and_rate_limit_per_stream(github, tmp_path, capsys):
    from collectors.github import collect
    from core.settings import Settings
    from onramp.orchestrator import run_collection
    from warehouse.db import connect

    from sqlkit import project

    github(generate("o/r", 13, items=120, comments=30))
    with connect(tmp_path / "raw.duckdb") as con:
        run_collection(con, project(github_repos=["o/r"]), "github", collect, warn=print,
                       settings=Settings.from_env())  # fmt: skip
    err = capsys.readouterr().err
    assert "o/r issues" in err and "120 items" in err
    assert "calls, rate limit left 4" in err
