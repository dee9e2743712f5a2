"""Compare reads as a foundation needs: over-time lines labelled at their ends, every cell says
what a reader must know to trust it (snapshot date and staleness, too few items), and the side by
side table's headers are the indicators' full names, each with its definition as a tooltip."""

import pandas as pd
from compare_cells import side_by_side

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


PERIOD = {"from_": "2024-09", "to": "2026-08"}


def test_side_by_side_headers_are_full_names_with_their_definition(make_app):
    at = make_app(project="eleutherai", **PERIOD).run()
    table, tooltips = side_by_side(at)
    external = indicator("gh_external_prs_opened")
    assert external.definition in tooltips[external.id]
    assert tooltips[external.id].startswith(f"{external.name} (gh_external_prs_opened)")
    markup = next(m.value for m in at.markdown if "onramp-compare" in m.value)
    assert f">{external.name}<" in markup  # the whole name, never cut
    assert "position: sticky" in markup  # the project column stays while wide picks scroll
    # the marks stay beside the values: Meta's derivatives are dated, a source never collected
    # says so
    meta = table.set_index("project").loc["meta-llama"]
    assert meta["hub_derivatives_total"] == "470 · as of 22 Apr 2025, stale"
    assert "hub_dataset_reuse_models" not in table  # collected for no project shown: see below


def test_a_key_indicator_collected_for_no_project_is_named_not_drawn(make_app):
    """Dataset reuse was collected for no project of the demo: the default columns leave it out
    and say so, with how to collect it; picked, its column says "not collected", never 0."""
    at = make_app(project="eleutherai", **PERIOD).run()
    table, _ = side_by_side(at)
    reuse = indicator("hub_dataset_reuse_models")
    line = next(c.value for c in at.caption if "Not collected for any project shown" in c.value)
    assert reuse.name in line and "onramp collect --source hub" in line
    assert "gh_external_prs_opened" in table  # collected ones stay
    at.multiselect(key="compare_indicators_Side by side").set_value([reuse.id]).run()
    table, _ = side_by_side(at)
    assert set(table[reuse.id]) == {"not collected"}
    line = next(c.value for c in at.caption if "Not collected for any project shown" in c.value)
    assert reuse.name not in line  # picked: no longer said to be left out


def test_side_by_side_says_too_few_and_the_thresholds(make_app):
    at = make_app(project="eleutherai", **PERIOD).run()
    at.multiselect(key="compare_indicators_Side by side").set_value(
        ["xp_first_platform_share_github", "gh_pr_acceptance_ratio"]
    ).run()
    table, tooltips = side_by_side(at)
    shares = table.set_index("project")["xp_first_platform_share_github"]
    assert shares["ai2"] == "100% · too few (1)"  # one newcomer: shown, never a lead
    assert "fewer than 10 items" in tooltips["gh_pr_acceptance_ratio"]
    notes = " ".join(c.value for c in at.caption)
    assert "Newcomers first seen on GitHub under 10 items" in notes
