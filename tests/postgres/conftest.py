"""A real PostgreSQL for the tests of the shared raw store: one server per test session (per
xdist worker), a fresh database per test. Without PostgreSQL the tests skip, saying why; in CI
(CI=true) they fail instead, since .ci/run installs it."""

import os
import uuid

import pytest

from pgserver import PostgresServer, unavailable


@pytest.fixture(scope="session")
def pg_server():
    why = unavailable()
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL tests cannot run in CI: {why}")
        pytest.skip(f"PostgreSQL tests skipped: {why}")
    server = PostgresServer.start()
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    """A new, empty database on the session's server."""
    return pg_server.create_database(f"t_{uuid.uuid4().hex[:12]}")
