"""Rate limits and flaky answers: waits honoured (through an injected sleep), bounded retries,
`--max-wait`, and every HTTP request counted."""

from fakes.github_data import generate


def _small():
    return generate("o/r", 7, items=30, comments=20, commits=10)


def test_secondary_limits_honour_retry_after(github, warehouse):
    server = github(_small())
    server.fail("secondary403", "/issues/comments", retry_after=7)
    server.fail("429", "/pulls/comments", retry_after=3)
    outcome = warehouse.run(["o/r"])
    assert outcome.status == "ok", outcome.message
    assert warehouse.sleeps == [7.0, 3.0]
    assert outcome.api_calls == len(server.requests)  # the refused requests count too
    assert warehouse.count("github_comments", "kind = 'review_comment'") > 0


def test_an_exhausted_limit_waits_for_the_reset_and_says_so(github, warehouse):
    server = github(_small())
    server.exhaust(reset_in=120)
    outcome = warehouse.run(["o/r"], sleep=lambda s: (warehouse.sleeps.append(s), server.refill()))
    assert outcome.status == "ok", outcome.message
    assert len(warehouse.sleeps) == 1 and 115 <= warehouse.sleeps[0] <= 122
    assert any("rate limit exhausted; retrying in 1" in w for w in warehouse.warnings)


def test_remaining_zero_waits_before_spending_a_request(github, warehouse):
    server = github(_small())

    def drain(request):  # the repository answer says: nothing left until the reset
        if request.path == "/repos/o/r":
            server.exhaust(reset_in=60)
            server.hooks.clear()

    server.hooks.append(drain)
    outcome = warehouse.run(["o/r"], sleep=lambda s: (warehouse.sleeps.append(s), server.refill()))
    assert outcome.status == "ok"
    assert [r.status for r in server.requests].count(403) == 0
    assert len(warehouse.sleeps) == 1


def test_max_wait_fails_instead_of_sleeping_longer(github, warehouse):
    server = github(_small())
    server.exhaust(reset_in=3600)
    outcome = warehouse.run(["o/r"], max_wait=60)
    assert outcome.status == "failed"
    assert "RateLimitWaitTooLong" in outcome.message and "--max-wait 60" in outcome.message
    assert "/repos/o/r" in outcome.message
    assert warehouse.sleeps == []
    status = warehouse.con.execute("select status, error from collection_runs").fetchone()
    assert status[0] == "failed" and "max-wait" in status[1]


def test_5xx_broken_json_and_timeouts_are_retried_with_backoff(github, warehouse):
    server = github(_small())
    server.fail("502", "/issues", times=2)
    server.fail("truncated", "/commits")
    server.fail("slow", "/releases", delay=0.5)
    outcome = warehouse.run(["o/r"], backoff=0.25, timeout=0.2)
    assert outcome.status == "ok", outcome.message
    assert warehouse.sleeps == [0.25, 0.5, 0.25, 0.25]  # doubling per failure of one request
    assert warehouse.count("github_commits") == 10 and warehouse.count("github_releases") == 3


def test_retries_are_bounded_and_the_error_names_the_path(github, warehouse):
    server = github(_small())
    server.fail("502", "/pulls/comments", times=100)
    outcome = warehouse.run(["o/r"], retries=3)
    assert outcome.status == "partial"  # the repository failed; what it stored before stays
    assert "/repositories/7/pulls/comments" in outcome.message and "HTTP 502" in outcome.message
    assert len(warehouse.sleeps) == 3
    # what came before the failure is kept
    assert warehouse.count("github_issues") == 30


def test_rate_limit_left_is_tracked(github, warehouse):
    github(_small(), rate_limit=500)
    from functools import partial

    from collectors.base import RunContext, RunStats
    from collectors.github import collect
    from core.settings import Settings

    from sqlkit import project

    stats = RunStats()
    ctx = RunContext(progress=False, stats=stats, settings=Settings.from_env())
    for _ in partial(collect, sleep=lambda s: None)(project(github_repos=["o/r"]), ctx):
        pass
    assert 0 < stats.rate_limit_remaining < 500
