"""Compare reads as a foundation needs: over-time lines labelled at their ends, and every cell
says what a reader must know to trust it (snapshot date and staleness, too few items)."""

import pandas as pd

from core.catalog import indicator
from dashboard import format as fmt
from dashboard.components import over_time


def _frame() -> pd.DataFrame:
    rows = [
        ("meta", "Meta (Llama)", "2024-01", 2.0),
        ("meta", "Meta (Llama)", "2024-02", 3.0),
        ("eleuther", "EleutherAI (Pythia)", "2024-01", 5.0),
    ]
    frame = pd.DataFrame(rows, columns=["project", "name", "month", "value"])
    frame["month_start"] = pd.to_datetime(frame["month"] + "-01")
    frame["model"] = "Company"
    frame["organizational_model"] = "company"
    frame["is_sample"] = False
    return frame


def test_each_line_is_labelled_once_at_its_last_month():
    out = over_time.labelled(_frame())
    assert out["label"].tolist() == ["", "Meta", "EleutherAI"]


def test_the_over_time_chart_draws_the_labels_and_is_valid_vega_lite():
    chart = over_time.chart(over_time.labelled(_frame()), indicator("elephant_factor"), "Meta")
    spec = chart.to_dict(validate=True)
    marks = [layer["mark"]["type"] for layer in spec["spec"]["layer"]]
    assert marks == ["line", "text"]
    assert spec["spec"]["layer"][1]["encoding"]["text"]["field"] == "label"


def test_a_snapshot_value_always_shows_its_date():
    derivatives = indicator("hub_derivatives_total")
    assert fmt.shown_value(470, derivatives, as_of="2025-04", stale=True) == (
        "470 · as of Apr 2025, stale"
    )
    assert fmt.shown_value(8, derivatives, as_of="2026-07") == "8 · as of Jul 2026"
    assert fmt.shown_value(None, derivatives, as_of=None) == fmt.DASH


def test_a_snapshot_is_dated_by_its_day():
    derivatives = indicator("hub_derivatives_total")
    assert fmt.shown_value(8, derivatives, as_of="2025-04-07", stale=True) == (
        "8 · as of 7 Apr 2025, stale"
    )
    assert fmt.as_of_text("2026-08-22") == "22 Aug 2026"
    assert fmt.as_of_text("2026-07") == "Jul 2026"  # a flow's month


def test_too_few_items_are_said_beside_the_value():
    acceptance = indicator("gh_pr_acceptance_ratio")
    assert fmt.shown_value(1.0, acceptance, too_few=True, sample_size=3) == "100% · too few (3)"
    assert fmt.shown_value(0.976, acceptance, sample_size=143) == "98%"
