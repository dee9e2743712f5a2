"""Running the Hub collector against the fake Hub into a real raw warehouse, with a fake clock."""

from __future__ import annotations

import functools
from datetime import UTC, datetime

from collectors.hub import Options, Politeness, collect
from core.settings import Settings
from onramp.orchestrator import run_collection
from warehouse.db import connect

from rawscan import stringified_objects
from sqlkit import project

NOW = datetime(2024, 6, 15, 12, 0, tzinfo=UTC)


class Clock:
    """now() and sleep() for the collector: sleeping advances the clock, never the test."""

    def __init__(self, now: datetime = NOW) -> None:
        self.at, self.slept = now, []

    def now(self) -> datetime:
        return self.at

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)


def run(
    db_path,
    url,
    monkeypatch,
    proj=None,
    *,
    clock=None,
    depth=2,
    full=False,
    max_wait=None,
    wrap=None,
    **settings,
):
    """One `collect` run of `proj` into the warehouse at db_path; returns (outcome, clock)."""
    monkeypatch.setenv("HF_ENDPOINT", url)
    clock = clock or Clock()
    proj = proj or project("p", hub_authors=["org"])
    options = Options(depth=depth, now=clock.now, **settings)
    collector = functools.partial(collect, options=options, polite=Politeness(sleep=clock.sleep))
    collector = wrap(collector) if wrap else collector
    with connect(db_path) as con:
        outcome = run_collection(
            con,
            proj,
            "hub",
            collector,
            full=full,
            max_wait=max_wait,
            progress=False,
            warn=lambda m: None,
            settings=Settings.from_env(),  # as `onramp collect` reads it, once
        )
        assert stringified_objects(con) == []  # after every collection (issue 9)
    return outcome, clock


TABLES = (
    "hub_repos",
    "hub_repo_snapshots",
    "hub_derivatives",
    "hub_org_members",
    "hub_discussions",
    "hub_discussion_events",
    "hub_dataset_usage",
    "hub_eval_results",
    "hub_space_models",
    "hub_tree_listings",
)


def contents(db_path) -> dict[str, list[tuple]]:
    """Every Hub raw table, run stamps left out."""
    return {t: rows(db_path, f"select * exclude (run_id) from {t} order by all") for t in TABLES}


def rows(db_path, sql: str) -> list[tuple]:
    with connect(db_path, read_only=True) as con:
        return con.execute(sql).fetchall()


def built(db_path, projects):
    """Run every SQL model over the collected warehouse; the published marts, read-only."""
    import duckdb

    from core.registry import Registry
    from warehouse.build import build

    published = db_path.with_name(db_path.stem + ".published.duckdb")
    build(
        db_path,
        published,
        Registry(path=db_path.with_name("projects.toml"), projects=tuple(projects)),
    )
    con = duckdb.connect(str(published), read_only=True)
    con.execute("set TimeZone = 'UTC'")
    return con
