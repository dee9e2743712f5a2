"""Complete, idempotent and incremental Hub collection against the fake Hub."""

from datetime import timedelta

import pytest
from hubkit import rows, run

from fakes.hub_server import FakeHub, serve


def small_hub() -> FakeHub:
    hub = FakeHub()
    hub.members["org"] = ["alice", "bob"]
    hub.add_model(
        "org/base",
        created="2024-01-01",
        modified="2024-05-01",
        downloads=100,
        likes=5,
        tags=["license:apache-2.0"],
        spaces=["someone/demo"],
        gated="manual",
    )
    hub.add_model(
        "org/chat",
        created="2024-02-01",
        modified="2024-05-02",
        downloads=40,
        parents=[("finetune", "org/base")],
    )
    hub.add_model(
        "carol/tune", created="2024-03-01", downloads=7, parents=[("finetune", "org/base")]
    )
    hub.add_model("dave/q", created="2024-03-05", parents=[("quantized", "carol/tune")])
    hub.add_dataset("org/corpus", created="2024-01-10", downloads=9)
    hub.add_model("erin/trained", created="2024-04-01", datasets=["org/corpus"])
    hub.add_space("org/app", created="2024-01-20")
    hub.add_thread(
        "model", "org/base", "carol", "2024-05-01T10:00", comments=[("alice", "2024-05-01T12:00")]
    )
    hub.add_thread(
        "model",
        "org/base",
        "dave",
        "2024-05-03",
        is_pr=True,
        status_changes=[("alice", "2024-05-04", "merged")],
    )
    hub.disabled.add(("space", "org/app"))
    return hub


def test_first_run_collects_every_stream(tmp_path, monkeypatch):
    hub = small_hub()
    with serve(hub) as url:
        outcome, _ = run(tmp_path / "w.duckdb", url, monkeypatch)
    assert outcome.status == "ok", outcome.message
    db = tmp_path / "w.duckdb"
    repos = dict(rows(db, "select repo_id, repo_type from hub_repos"))
    assert {"org/base", "org/chat", "org/corpus", "org/app", "carol/tune", "dave/q"} <= set(repos)
    base = rows(
        db,
        "select license, gated, downloads_30d, downloads_all_time, children_count, pipeline_tag, "
        "last_modified from hub_repos where repo_id = 'org/base'",
    )[0]
    assert base[:6] == ("apache-2.0", "manual", 100, 1000, 2, "text-generation")
    assert base[6] is not None  # lastModified came through `expand`
    children = rows(
        db,
        "select repo_id, author, created_at is not null, downloads_30d from hub_repos "
        "where repo_id in ('carol/tune', 'dave/q') order by 1",
    )
    assert children == [("carol/tune", "carol", True, 7), ("dave/q", "dave", True, 0)]
    assert sorted(rows(db, "select child_id, base_id, relation from hub_derivatives")) == [
        ("carol/tune", "org/base", "finetune"),
        ("dave/q", "carol/tune", "quantized"),
        ("org/chat", "org/base", "finetune"),
    ]
    assert rows(db, "select model_id, dataset_id, model_author from hub_dataset_usage") == [
        ("erin/trained", "org/corpus", "erin")
    ]
    assert rows(db, "select space_id, model_id from hub_space_models") == [
        ("someone/demo", "org/base")
    ]
    assert sorted(rows(db, "select username from hub_org_members")) == [("alice",), ("bob",)]
    threads = rows(
        db,
        "select num, is_pull_request, author, author_is_org_member, status, num_comments "
        "from hub_discussions order by num",
    )
    assert threads == [(1, False, "carol", False, "open", 2), (2, True, "dave", False, "merged", 1)]
    events = rows(
        db,
        "select num, event_type, author, author_is_org_member, new_status "
        "from hub_discussion_events order by num, created_at",
    )
    assert events == [
        (1, "comment", "carol", False, None),
        (1, "comment", "alice", True, None),
        (2, "comment", "dave", False, None),
        (2, "status-change", "alice", True, "merged"),
    ]
    assert rows(db, "select count(*), min(snapshot_date)::varchar from hub_repo_snapshots") == [
        (4, "2024-06-15")
    ]
    assert outcome.api_calls == hub.count()
    assert hub.authorizations == {None}  # no HF_TOKEN: anonymous
    assert "diff" not in str(hub.log)  # details never ask for the heavy PR diff


def test_second_run_with_nothing_new_costs_one_listing_per_repo_type(tmp_path, monkeypatch):
    hub = small_hub()
    db = tmp_path / "w.duckdb"
    with serve(hub) as url:
        _first, clock = run(db, url, monkeypatch)
        before = rows(db, "select * exclude (run_id) from hub_repos order by repo_id")
        calls = hub.count()
        second, _ = run(db, url, monkeypatch, clock=clock)
    assert second.status == "ok", second.message
    assert hub.count() - calls == 3 == second.api_calls  # models, datasets, spaces of one author
    assert hub.kinds()["details"] == 2  # none in the second run
    assert rows(db, "select * exclude (run_id) from hub_repos order by repo_id") == before
    assert second.rows == 0


def test_a_later_day_polls_discussions_but_fetches_no_unchanged_details(tmp_path, monkeypatch):
    hub = small_hub()
    db = tmp_path / "w.duckdb"
    with serve(hub) as url:
        _, clock = run(db, url, monkeypatch)
        clock.at += timedelta(days=1)
        hub.log.clear()
        hub.repos[("model", "org/base")]["downloads"] = 150
        hub.add_thread("model", "org/chat", "frank", "2024-06-15T13:00")
        run(db, url, monkeypatch, clock=clock)
    kinds = hub.kinds()
    assert kinds["details"] == 1  # only the new thread
    assert kinds["discussions"] == 4  # every repository polled once (the disabled one answers 403)
    snaps = rows(
        db,
        "select snapshot_date::varchar, downloads_30d from hub_repo_snapshots "
        "where repo_id = 'org/base' order by 1",
    )
    assert snaps == [("2024-06-15", 100), ("2024-06-16", 150)]


def test_same_day_run_lists_only_modified_repositories(tmp_path, monkeypatch):
    hub = small_hub()
    db = tmp_path / "w.duckdb"
    with serve(hub) as url:
        _, clock = run(db, url, monkeypatch)
        hub.add_model("org/new", created="2024-06-15T13:00", downloads=3)
        hub.log.clear()
        run(db, url, monkeypatch, clock=clock)
    assert rows(db, "select count(*) from hub_repos where repo_id = 'org/new'") == [(1,)]
    # the new model: its info, its discussions; its tree is not listed (no children)
    assert hub.kinds() == {"list": 3, "info": 1, "discussions": 1}


@pytest.mark.parametrize("status", [429, 500, 503, 200])
def test_transient_errors_are_retried_on_every_kind_of_call(tmp_path, monkeypatch, status):
    from fakes.hub_server import Fault

    hub = small_hub()
    # the listing (retried by huggingface_hub too), model_info and discussion details (which
    # huggingface_hub never retries)
    hub.faults = [Fault("/api/models", status, 2), Fault("/api/models/org/base", status, 1),
                  Fault("/discussions/1", status, 1)]  # fmt: skip
    with serve(hub) as url:
        outcome, clock = run(tmp_path / "w.duckdb", url, monkeypatch)
    assert outcome.status == "ok", outcome.message
    assert rows(tmp_path / "w.duckdb", "select count(*) from hub_discussions") == [(2,)]
    assert rows(
        tmp_path / "w.duckdb", "select children_count from hub_repos where repo_id = 'org/base'"
    ) == [(2,)]
    if status == 429:
        assert clock.slept == [2, 2, 2, 2]  # RateLimit r=0;t=1 -> reset + 1
    else:  # 5xx and truncated bodies: back-off 1, 2 on the listing, 1 on the info and details
        assert clock.slept == [1, 2, 1, 1]


def test_wait_longer_than_max_wait_fails_with_one_line(tmp_path, monkeypatch):
    hub = small_hub()
    hub.reset_in = 250
    hub.remaining = 5  # the next answer says 4 left: below the reserve, wait 251 s for the reset
    with serve(hub) as url:
        outcome, _ = run(tmp_path / "w.duckdb", url, monkeypatch, max_wait=60)
    assert outcome.status == "failed"
    assert outcome.message.startswith("RateLimitWaitTooLong: p/hub: GET /api/")
    assert outcome.message.endswith(
        ": the Hub rate limit window; waiting 251 s would exceed --max-wait 60 s"
    )


def test_nearly_spent_window_waits_for_its_reset(tmp_path, monkeypatch):
    hub = small_hub()
    hub.reset_in, hub.remaining = 30, 12
    with serve(hub) as url:
        outcome, clock = run(tmp_path / "w.duckdb", url, monkeypatch)
    assert outcome.status == "ok"
    assert 31 in clock.slept


def test_persistent_failure_names_project_source_and_path_not_the_token(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", "hf_abcdefghijklmnopqrstuvwxyz123456")
    from fakes.hub_server import Fault

    hub = small_hub()
    hub.faults = [Fault("/api/models", 502, 99)]
    with serve(hub) as url:
        outcome, clock = run(tmp_path / "w.duckdb", url, monkeypatch)
    assert outcome.status == "failed"
    assert "p/hub" in outcome.message and "/api/models" in outcome.message
    assert hub.authorizations == {"Bearer hf_abcdefghijklmnopqrstuvwxyz123456"}
    assert "hf_abc" not in outcome.message
    assert clock.slept == [1, 2, 4, 8]
    dump = rows(tmp_path / "w.duckdb", "select * from collection_runs") + rows(
        tmp_path / "w.duckdb", "select * from sync_state"
    )
    assert "hf_abc" not in str(dump)


def test_full_refetches_and_changes_nothing(tmp_path, monkeypatch):
    hub = small_hub()
    db = tmp_path / "w.duckdb"
    tables = [
        "hub_repos",
        "hub_derivatives",
        "hub_discussions",
        "hub_discussion_events",
        "hub_dataset_usage",
        "hub_space_models",
        "hub_org_members",
        "hub_repo_snapshots",
    ]
    with serve(hub) as url:
        _, clock = run(db, url, monkeypatch)
        first = {t: rows(db, f"select * from {t} order by all") for t in tables}
        again, _ = run(db, url, monkeypatch, clock=clock, full=True)
        second = {t: rows(db, f"select * from {t} order by all") for t in tables}
    assert again.status == "ok" and again.api_calls > 10
    assert first == second  # run_id included: unchanged rows are left alone


def test_no_authors_is_skipped_with_a_reason(tmp_path, monkeypatch):
    from sqlkit import project

    outcome, _ = run(tmp_path / "w.duckdb", "http://127.0.0.1:9", monkeypatch, project("p"))
    assert outcome.status == "skipped" and "hub_authors" in outcome.message


def _killed_after(n: int):
    def wrap(collector):
        def collect(project, ctx):
            for i, batch in enumerate(collector(project, ctx)):
                if i == n:
                    raise KeyboardInterrupt
                yield batch

        return collect

    return wrap


@pytest.mark.parametrize("kill_at", [1, 3, 6])
def test_a_run_killed_anywhere_loses_and_duplicates_nothing(tmp_path, monkeypatch, kill_at):
    from hubkit import contents

    hub = small_hub()
    with serve(hub) as url:
        run(tmp_path / "clean.duckdb", url, monkeypatch)
        with pytest.raises(KeyboardInterrupt):
            run(tmp_path / "killed.duckdb", url, monkeypatch, wrap=_killed_after(kill_at))
        again, _ = run(tmp_path / "killed.duckdb", url, monkeypatch)
    assert again.status == "ok"
    assert contents(tmp_path / "killed.duckdb") == contents(tmp_path / "clean.duckdb")


def test_discussions_come_50_a_page_and_only_changed_threads_are_fetched_again(
    tmp_path, monkeypatch
):
    hub = small_hub()
    for i in range(118):  # org/base then holds 120 threads: pages of 50, 50 and 20
        hub.add_thread("model", "org/base", f"user{i}", "2024-05-10")
    db = tmp_path / "w.duckdb"
    with serve(hub) as url:
        _, clock = run(db, url, monkeypatch)
        pages = [q.get("p") for k, p, q in hub.log if k == "discussions" and "org/base" in p]
        assert pages == ["0", "1", "2"] and hub.kinds()["details"] == 120
        clock.at += timedelta(days=1)
        hub.log.clear()
        hub.threads[("model", "org/base")][7].events.append(
            hub._event("comment", "zed", "2024-06-01", {})
        )
        run(db, url, monkeypatch, clock=clock)
    assert hub.kinds()["details"] == 1
    assert rows(
        db, "select num_comments from hub_discussions where repo_id = 'org/base' and num = 8"
    ) == [(2,)]


def test_the_long_tail_is_refreshed_weekly_the_top_daily(tmp_path, monkeypatch):
    hub = small_hub()
    db = tmp_path / "w.duckdb"
    with serve(hub) as url:
        _, clock = run(db, url, monkeypatch, top=1)
        clock.at += timedelta(days=1)
        hub.log.clear()
        run(db, url, monkeypatch, clock=clock, top=1)
        daily = sorted(p for k, p, _q in hub.log if k in ("info", "discussions"))
        clock.at += timedelta(days=6)
        hub.log.clear()
        run(db, url, monkeypatch, clock=clock, top=1)
        weekly = sorted(p for k, p, _q in hub.log if k in ("info", "discussions"))
    # day 2: the top repository of each type (the one dataset and Space; org/base among models,
    # the most downloaded, which also has threads); org/chat waits
    assert daily == [
        "/api/datasets/org/corpus/discussions",
        "/api/models/org/base",
        "/api/models/org/base/discussions",
        "/api/spaces/org/app/discussions",
    ]
    # a week on: every repository again
    assert len(weekly) == 6 and "/api/models/org/chat" in weekly


def test_link_pages_are_followed_to_the_end(tmp_path, monkeypatch):
    from hubkit import contents

    hub = small_hub()
    with serve(hub) as url:
        run(tmp_path / "big.duckdb", url, monkeypatch)
        hub.log.clear()
        run(tmp_path / "small.duckdb", url, monkeypatch, page_size=1)
    # one repository a page: every listing (repositories, children, members) walks its Link chain
    assert any("cursor" in q for k, _p, q in hub.log if k == "list")
    assert any("cursor" in q for k, _p, q in hub.log if k == "members")
    assert contents(tmp_path / "small.duckdb") == contents(tmp_path / "big.duckdb")


@pytest.mark.parametrize(("status", "why"), [(200, "malformed JSON"), (502, "HTTP 502")])
def test_one_call_is_one_retry_loop_five_requests_at_most(tmp_path, monkeypatch, status, why):
    """Issue 23: the Hub wrapped one retry loop in another (malformed bodies around statuses), up
    to 25 requests for one call. Now one loop under the policy: five requests, then one line."""
    from fakes.hub_server import Fault

    hub = small_hub()
    hub.faults = [Fault("/api/models/org/base", status, 99)]  # model_info, every time
    with serve(hub) as url:
        outcome, clock = run(tmp_path / "w.duckdb", url, monkeypatch)
    assert outcome.status == "failed"
    assert outcome.message == (
        f"RetriesExhausted: p/hub: GET /api/models/org/base: {why}; gave up after 5 attempts"
    )
    assert sum(path == "/api/models/org/base" for _kind, path, _query in hub.log) == 5
    assert clock.slept[-4:] == [1, 2, 4, 8]
