"""The Slack tests' environment: a pseudonym key, and paths in the test's own directory."""

import pytest
from slackkit import KEY

from core.settings import Paths


@pytest.fixture
def slack_env(monkeypatch, tmp_path):
    monkeypatch.setenv("ONRAMP_PSEUDONYM_KEY", KEY)
    return Paths(config=tmp_path / "projects.toml", raw_db=tmp_path / "raw.duckdb")
