"""Fixtures for the GitHub collector tests: a fake server on 127.0.0.1 and a raw warehouse."""

from __future__ import annotations

from functools import partial

import pytest

from collectors.github import collect, graphql
from core.settings import Settings
from onramp.orchestrator import RunOutcome, run_collection
from warehouse.db import connect

from fakes.github_server import FakeGitHub
from rawscan import stringified_objects
from sqlkit import project

TABLES = ("github_repos", "github_issues", "github_comments", "github_commits", "github_releases")


@pytest.fixture
def github(monkeypatch):
    """start(*repos, **options) -> a running FakeGitHub that GITHUB_API_URL points at."""
    servers: list[FakeGitHub] = []

    def start(*repos, **options) -> FakeGitHub:
        server = FakeGitHub(list(repos), **options).start()
        monkeypatch.setenv("GITHUB_API_URL", server.url)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


class Warehouse:
    """A raw warehouse plus the warnings and sleeps of the runs made into it.

    Its runs are those of one `onramp collect`: they share what was said (a fallback is said once
    a run). The tokenless REST tests count their own warnings, so the no-token line counts as said
    already; test_gh_graphql_fallbacks clears it and checks it is said, once. Each run reads its
    settings from the environment as the command does, once, when it starts."""

    def __init__(self, path):
        self.con = connect(path)
        self.warnings: list[str] = []
        self.sleeps: list[float] = []
        self.said: set[str] = {graphql.NO_TOKEN}

    def run(self, repos, *, full=False, max_wait=None, collector=None, **options) -> RunOutcome:
        options = {"backoff": 0.001, "timeout": 2.0, "sleep": self.sleeps.append, **options}
        collector = collector or partial(collect, **options)
        return run_collection(
            self.con, project(github_repos=repos), "github", collector, full=full,
            max_wait=max_wait, progress=False, warn=self.warnings.append,
            settings=Settings.from_env(), said=self.said,
        )  # fmt: skip

    def count(self, table: str, where: str = "true") -> int:
        return self.con.execute(f"select count(*) from {table} where {where}").fetchone()[0]

    def keys(self, table: str, key: str) -> list:
        return sorted(r[0] for r in self.con.execute(f"select {key} from {table}").fetchall())

    def snapshot(self) -> dict[str, list]:
        """Every row of every GitHub table, run stamps included: equal means nothing changed."""
        return {
            t: sorted(map(repr, self.con.execute(f"select * from {t}").fetchall())) for t in TABLES
        }


@pytest.fixture
def warehouse(tmp_path):
    store = Warehouse(tmp_path / "raw.duckdb")
    yield store
    assert stringified_objects(store.con) == []  # after every collection test (issue 9)
    store.con.close()
