"""The Drop-off alerts show the bad direction of each indicator: a fall where higher is better, a
rise where lower is better (the catalog's `good`), never a neutral indicator."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest
import streamlit as st

from core.catalog import indicator
from dashboard.components import alerts
from dashboard.controls import Selection

from sqlkit import build_over, project

# active people per month: Jan-Mar 6, Apr 3 (clearly below), May 9 (clearly above), Jun 1 (cut-off)
ACTIVE = {1: 6, 2: 6, 3: 6, 4: 3, 5: 9, 6: 1}
WHOLE_YEAR = Selection("p", "P", "2025-01", "2025-12")


@pytest.fixture
def warehouse(tmp_path, monkeypatch):
    commits = [
        {"repo": "o/r", "sha": f"{m}-{i}", "author_login": f"p{i}",
         "authored_at": datetime(2025, m, 15, tzinfo=UTC), "provenance": "api"}
        for m, n in ACTIVE.items() for i in range(n)
    ]  # fmt: skip
    build_over(
        tmp_path, {"github_commits": commits}, [project(github_repos=["o/r"])], publish=True
    ).close()
    monkeypatch.setenv("ONRAMP_DB", str(tmp_path / "raw.duckdb"))
    st.cache_data.clear()
    st.cache_resource.clear()


def _alerts(good: str) -> list[tuple[str, str]]:
    active = replace(indicator("gh_active_contributors"), good=good)
    frame = alerts.load(WHOLE_YEAR, [active])
    return list(zip(frame["month"], frame["direction"], strict=True))


def test_higher_is_better_alerts_on_the_fall(warehouse):
    assert _alerts("up") == [("2025-04", "below")]


def test_lower_is_better_alerts_on_the_rise(warehouse):
    assert _alerts("down") == [("2025-05", "above")]


def test_neutral_never_alerts(warehouse):
    assert _alerts("neutral") == []


def test_the_period_bounds_the_alerts(warehouse):
    frame = alerts.load(
        Selection("p", "P", "2025-05", "2025-12"), [indicator("gh_active_contributors")]
    )
    assert frame.empty  # April's fall is before the period
