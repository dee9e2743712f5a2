"""The Drop-off alerts show what fct_indicator_alerts holds: the bad way of each indicator, which
the mart decides from the catalog's `good` (tests/sql/test_page_indicator_alerts.py tries each
direction); the card filters by period and indicator only."""

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


def _alerts() -> list[tuple[str, str]]:
    frame = alerts.load(WHOLE_YEAR, [indicator("gh_active_contributors")])
    return list(zip(frame["month"], frame["direction"], strict=True))


def test_higher_is_better_alerts_on_the_fall(warehouse):
    # May's rise (9 against 6, 6, 3) is clearly above, and good news: no alert
    assert _alerts() == [("2025-04", "below")]


def test_an_indicator_not_shown_has_no_alerts(warehouse):
    assert alerts.load(WHOLE_YEAR, [indicator("gh_new_contributors")]).empty
    assert alerts.load(WHOLE_YEAR, []).empty


def test_the_period_bounds_the_alerts(warehouse):
    frame = alerts.load(
        Selection("p", "P", "2025-05", "2025-12"), [indicator("gh_active_contributors")]
    )
    assert frame.empty  # April's fall is before the period
