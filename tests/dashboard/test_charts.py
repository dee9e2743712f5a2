"""Chart builders are pure functions of a frame: their Altair specs, titles and exports."""

from datetime import datetime

import pandas as pd

from core.catalog import indicator
from dashboard.cards import csv_bytes, is_sample
from dashboard.components import (
    alerts,
    cohort_retention,
    derivatives,
    indicator_trend,
    quiet_people,
    rank_heatmap,
    release_activity,
    waiting_items,
)
from dashboard.months import Months


def _spec(chart) -> dict:
    return chart.to_dict()


def _tooltip_fields(encoding: dict) -> set[str]:
    return {t["field"] for t in encoding["tooltip"]}


CALENDAR = Months(datetime(2025, 4, 22), "2025-04", "2025-03")  # cut-off 22 Apr 2025


def _months(values, final=None, indicator_id="contributor_retention"):
    n = len(values)
    return pd.DataFrame(
        {
            "indicator": indicator_id,
            "month": [f"2025-0{i + 1}" for i in range(n)],
            "month_start": [datetime(2025, i + 1, 1) for i in range(n)],
            "value": values,
            "final": final if final is not None else [True] * n,
            "settles_on": [datetime(2025, i + 2, 1) for i in range(n)],
            "is_sample": [False] * n,
        }
    )


def _drawn(values, indicator_id, final=None):
    ind = indicator(indicator_id)
    return indicator_trend.statuses(_months(values, final, indicator_id), ind, CALENDAR), ind


def test_ratios_are_lines_on_a_0_to_100_percent_axis():
    frame, ind = _drawn([0.5, None, 0.25], "contributor_retention")
    spec = _spec(indicator_trend.chart(frame, ind))
    assert spec["mark"] == {"type": "line", "point": True, "interpolate": "linear"}
    assert spec["encoding"]["y"]["axis"]["format"] == ".0%"
    assert spec["encoding"]["y"]["scale"] == {"domain": [0, 1], "clamp": True}
    assert spec["encoding"]["x"]["timeUnit"] == "yearmonth"


def test_flows_are_monthly_bars_on_an_integer_axis():
    frame, ind = _drawn([3.0, 4.0], "gh_new_contributors")
    spec = _spec(indicator_trend.chart(frame, ind))
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["y"]["axis"] == {"format": ",d", "tickMinStep": 1}
    assert spec["encoding"]["y"]["title"] == "people"


def test_month_bars_sit_centred_on_their_label_and_lines_do_not_move():
    frame, ind = _drawn([3.0, 4.0], "gh_new_contributors")
    assert _spec(indicator_trend.chart(frame, ind))["encoding"]["x"]["bandPosition"] == 0
    frame, ind = _drawn([0.5, 0.25], "contributor_retention")
    assert "bandPosition" not in _spec(indicator_trend.chart(frame, ind))["encoding"]["x"]


def test_a_pending_band_spans_its_centred_bar():
    frame, _ = _drawn([2.0, 0.0], "gh_inactive_contributors", final=[True, False])
    band = indicator_trend._pending_band(frame, centred=True)
    row = band.data.iloc[0]  # February 2025: 28 days, centred on 1 Feb
    assert (row["month_start"], row["month_end"]) == (
        pd.Timestamp("2025-01-18"),
        pd.Timestamp("2025-02-15"),
    )


def test_never_a_single_dot_line():
    frame, ind = _drawn([None, 0.4, None], "contributor_retention")
    assert indicator_trend.chart(frame, ind) is None
    frame, ind = _drawn([8.0], "hub_derivatives_total")  # one snapshot: the number alone
    assert indicator_trend.chart(frame, ind) is None


def test_pending_values_are_a_band_not_a_bar_at_zero():
    frame, ind = _drawn([2.0, 0.0, 0.0], "gh_inactive_contributors", final=[True, False, False])
    assert frame["status"].tolist() == ["final", "pending", "pending"]
    assert frame["shown"].isna().tolist() == [False, True, True]
    spec = _spec(indicator_trend.chart(frame, ind))
    band, bars = spec["layer"]
    assert band["mark"]["type"] == "rect" and bars["mark"]["type"] == "bar"


def test_the_partial_cutoff_month_is_drawn_lighter_and_labelled():
    frame, ind = _drawn([5.0, 6.0, 7.0, 2.0], "gh_prs_opened", final=[True, True, True, False])
    assert frame["status"].iloc[-1] == "partial month"
    assert frame["month_label"].iloc[-1] == "Apr 2025 (partial, to 22 Apr)"
    spec = _spec(indicator_trend.chart(frame, ind))
    assert spec["encoding"]["opacity"]["scale"]["range"] == [1.0, 0.4]


def test_the_title_is_the_headline_month_never_the_partial_one():
    ind = indicator("gh_new_contributors")
    frame, _ = _drawn([1.0, 12.0, 3.0, 9.0], "gh_new_contributors",
                      final=[True, True, True, False])  # fmt: skip
    assert indicator_trend.title(frame, ind, "2025-03") == "New contributors: 3 people in Mar 2025"
    one = _drawn([1.0], "gh_new_contributors")[0]
    assert indicator_trend.title(one, ind, "2025-01") == "New contributors: 1 person in Jan 2025"
    pending, _ = _drawn([2.0, 0.0], "gh_inactive_contributors", final=[True, False])
    assert indicator_trend.title(pending, indicator("gh_inactive_contributors"), "2025-02") == (
        "Inactive contributors: pending for Feb 2025 (final on 1 Mar 2025); last final: 2 people "
        "in Jan 2025"
    )


def test_indicators_with_values_only():
    frame = pd.concat(
        [_months([None, None]), _months([1.0]).assign(indicator="gh_new_contributors")]
    )
    assert indicator_trend.with_values(frame) == {"gh_new_contributors"}


def test_cohort_heat_map():
    frame = pd.DataFrame(
        {
            "cohort": ["2025-01"],
            "months_since": [1],
            "cohort_size": [4],
            "active": [1],
            "retention": [0.25],
            "is_sample": [False],
        }
    )
    spec = _spec(cohort_retention.chart(frame))
    assert spec["mark"]["type"] == "rect"
    assert spec["encoding"]["color"]["scale"]["domain"] == [0, 1]
    assert (
        spec["encoding"]["x"]["field"] == "months_since"
        and spec["encoding"]["x"]["type"] == "ordinal"
    )
    assert {"cohort_size", "active", "retention"} <= _tooltip_fields(spec["encoding"])


def test_derivative_charts_colour_by_relation():
    frame = pd.DataFrame(
        {
            "month": ["2025-01"],
            "month_start": [datetime(2025, 1, 1)],
            "relation": ["adapter"],
            "models": [3],
            "is_sample": [False],
            "base_id": ["o/m"],
        }
    )
    for chart in (derivatives.by_month_chart(frame), derivatives.by_base_chart(frame)):
        spec = _spec(chart)
        assert spec["mark"]["type"] == "bar"
        assert spec["encoding"]["color"]["scale"]["domain"] == [
            "finetune",
            "adapter",
            "quantized",
            "merge",
        ]


def test_rank_heat_map_ties_share_a_rank_and_flat_rows_get_none():
    frame = pd.DataFrame(
        {
            "name": ["A", "B", "C", "A", "B", "C"],
            "indicator": ["gh_prs_opened"] * 3 + ["gh_new_contributors"] * 3,
            "value": [5.0, 5.0, 1.0, 0.0, 0.0, 0.0],
            "final": [True] * 6,
            "as_of": ["2025-01"] * 6,
            "rank": [1, 1, 3, None, None, None],
            "tied": [2, 2, 1, None, None, None],
            "ranked_projects": [3, 3, 3, None, None, None],
            "unranked": [None, None, None, "all equal", "all equal", "all equal"],
            "stale": [False] * 6,
            "too_few": [False] * 6,
            "sample_size": [None] * 6,
        }
    )
    by_id = {i: indicator(i) for i in ("gh_prs_opened", "gh_new_contributors")}
    out = rank_heatmap.decorate(frame, by_id)
    assert out["rank_text"].tolist() == ["=1", "=1", "3", "—", "—", "—"]
    assert out["score"].tolist()[:3] == [0.75, 0.75, 0.0]  # a tie's colour: its average rank
    assert out["score"].iloc[3:].isna().all()
    spec = _spec(rank_heatmap.chart(out, ["Pull requests opened"], ["A", "B", "C"], "B"))
    rect, labels = spec["layer"]
    assert rect["encoding"]["color"]["scale"] == {"scheme": "greens", "domain": [0, 1]}
    assert rect["encoding"]["y"]["axis"]["labelLimit"] == 0  # full labels
    assert labels["encoding"]["text"]["field"] == "rank_text"


def test_alerts_chart_sizes_dots_by_severity():
    frame = pd.DataFrame(
        {
            "month": ["2025-05"],
            "month_start": [datetime(2025, 5, 1)],
            "indicator_name": ["x"],
            "value": [1.0],
            "trailing_3m": [3.0],
            "change": [-2 / 3],
            "severity": [2 / 3],
            "direction": ["below"],
        }
    )
    spec = _spec(alerts.chart(frame))
    assert spec["mark"]["type"] == "circle"
    assert spec["encoding"]["size"]["field"] == "severity"
    assert spec["encoding"]["color"]["scale"]["domain"] == ["below", "above"]


def test_drop_off_lists_sort_longest_first():
    quiet = pd.DataFrame(
        {
            "name": ["a"],
            "platform": ["github"],
            "activities": [5],
            "active_months": [2],
            "first_seen": ["x"],
            "last_seen": ["y"],
            "days_quiet": [100],
            "last_action": ["commit"],
        }
    )
    assert _spec(quiet_people.chart(quiet))["encoding"]["y"]["sort"] == "-x"
    waiting = pd.DataFrame(
        {
            "item": [f"o/r#{i}" for i in range(20)],
            "title": "t",
            "kind": "issue",
            "author": "a",
            "opened": "2025-01-01",
            "days_waiting": range(20, 0, -1),
        }
    )
    spec = _spec(waiting_items.chart(waiting))
    # the waiting chart keeps the list's order: staling first, then fresh, then stale
    assert spec["encoding"]["y"]["sort"] is None
    # every kind keeps its colour whichever kinds are present
    assert spec["encoding"]["color"]["scale"]["domain"] == waiting_items.KINDS


def test_release_chart_marks_the_release_day_and_titles_the_half_life():
    frame = pd.DataFrame(
        {
            "release": ["2024-01-02: o/model"] * 2,
            "kinds": "hub",
            "days_since": [0, 1],
            "day": ["2024-01-02", "2024-01-03"],
            "activities": [4, 2],
            "rolling_7d": [4, 6],
            "peak_day": 1,
            "peak_7d": 6,
            "half_life_days": [12, 12],
            "is_sample": False,
        }
    )
    spec = _spec(release_activity.chart(frame))
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["line", "rule"]
    assert release_activity.finding(frame).endswith(
        "After o/model, activity halved 12 days after its peak"
    )
    frame["half_life_days"] = None
    assert release_activity.finding(frame).endswith("activity has not halved yet")


def test_csv_export_is_the_frame_without_index():
    frame = pd.DataFrame({"month": ["2025-01"], "value": [0.5], "is_sample": [True]})
    assert csv_bytes(frame) == b"month,value,is_sample\n2025-01,0.5,True\n"
    assert is_sample(frame) and not is_sample(frame.assign(is_sample=False))
