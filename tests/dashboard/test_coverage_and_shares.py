"""The derivatives cards state their coverage in the mart's words, and the "who carries the
project" chart is valid Vega-Lite with the partial quarter lighter."""

from datetime import date

import pandas as pd

from dashboard.components import derivatives, organisation_shares


def test_coverage_is_said_beside_the_numbers():
    row = {"snapshot": "derivative_trees", "project_models": 57, "covered_models": 2,
           "snapshot_on": date(2025, 4, 22), "age_days": 487, "stale": True}  # fmt: skip
    assert derivatives.coverage_line(row) == (
        "Derivative trees of 2 of 57 project models, as of 22 Apr 2025 "
        "(stale: 487 days before the data cut-off)."
    )
    none = {**row, "covered_models": 0, "snapshot_on": None}
    assert derivatives.coverage_line(none) == (
        "Derivative trees: not collected for any of the 57 project models."
    )


def test_organisation_shares_chart():
    frame = pd.DataFrame(
        {
            "quarter": ["2024-Q1", "2024-Q1", "2024-Q2"],
            "quarter_start": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-04-01"]),
            "organisation": ["acme.com", "unaffiliated", "acme.com"],
            "commits": [3, 1, 1],
            "share": [0.75, 0.25, 1.0],
            "final": [True, True, False],
            "is_sample": [False, False, False],
        }
    )
    spec = organisation_shares.chart(frame).to_dict(validate=True)
    assert spec["encoding"]["y"]["field"] == "share"
    assert spec["encoding"]["opacity"]["condition"]["test"] == "datum.final"
