"""Data status never shows a configured source as a blank "ok": where no days behind the cut-off
can be measured, fct_source_status.freshness says why, and the chart draws the cell grey
(issue 22: Masakhane's Hub cell was blank while its run said "ok")."""

import pandas as pd
from dashkit import published

from dashboard.components import source_status


def test_the_mart_says_why_a_configured_cell_has_no_freshness(demo_db):
    with published(demo_db) as con:
        rows = dict(
            con.execute(
                "select project || '/' || source, freshness from fct_source_status "
                "where project = 'masakhane'"
            ).fetchall()
        )
    # Masakhane's Hub is configured and loaded, but holds no discussion: nothing dated to measure
    assert rows["masakhane/hub"] == "collected, no dated activity"
    assert rows["masakhane/github"] == "has activity"
    assert rows["masakhane/discord"] == "not configured"


def test_a_configured_unmeasured_cell_is_drawn_grey_with_its_reason():
    frame = pd.DataFrame(
        {
            "name": ["P", "P", "P"],
            "source": ["github", "hub", "discord"],
            "is_configured": [True, True, False],
            "last_status": ["ok", "ok", None],
            "latest_activity_at": [pd.Timestamp("2026-01-01"), pd.NaT, pd.NaT],
            "days_behind_cutoff": [3.0, None, None],
            "last_error": [None, None, None],
            "freshness": ["has activity", "collected, no dated activity", "not configured"],
        }
    )
    grey, measured = source_status.chart(frame, ["P"]).layer
    assert grey.data["source"].tolist() == ["hub"]
    assert grey.data["freshness"].tolist() == ["collected, no dated activity"]
    assert grey.mark.color == source_status.UNMEASURED
    assert measured.data["source"].tolist() == ["github"]  # discord: not configured, blank
