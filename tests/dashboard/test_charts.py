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


def _spec(chart) -> dict:
    return chart.to_dict()


def _tooltip_fields(encoding: dict) -> set[str]:
    return {t["field"] for t in encoding["tooltip"]}


def _months(values):
    return pd.DataFrame(
        {
            "indicator": "contributor_retention",
            "month": [f"2025-0{i + 1}" for i in range(len(values))],
            "month_start": [datetime(2025, i + 1, 1) for i in range(len(values))],
            "value": values,
            "is_sample": [False] * len(values),
        }
    )


def test_indicator_line_formats_fractions_as_percent():
    chart = indicator_trend.chart(_months([0.5, None, 0.25]), indicator("contributor_retention"))
    spec = _spec(chart)
    assert spec["mark"] == {"type": "line", "point": True}
    assert spec["encoding"]["y"]["axis"]["format"] == ".0%"
    assert spec["encoding"]["y"]["title"] == "share"
    assert _tooltip_fields(spec["encoding"]) == {"month", "value"}
    assert spec["encoding"]["x"]["timeUnit"] == "yearmonth"


def test_indicator_line_counts_are_plain_numbers():
    spec = _spec(indicator_trend.chart(_months([3.0, 4.0]), indicator("gh_new_contributors")))
    assert spec["encoding"]["y"]["axis"]["format"] == ",.4~g"
    assert spec["encoding"]["y"]["title"] == "people"


def test_indicator_title_is_the_latest_value_in_the_period():
    ind = indicator("contributor_retention")
    assert (
        indicator_trend.title(_months([0.5, 0.25, None]), ind)
        == "Contributor retention: 25% in Feb 2025"
    )
    assert (
        indicator_trend.title(_months([None]), ind)
        == "Contributor retention: no value in this period"
    )
    counts = _months([1.0, 12.0])
    assert (
        indicator_trend.title(counts, indicator("gh_new_contributors"))
        == "New contributors: 12 people in Feb 2025"
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


def test_rank_heat_map_darkest_is_rank_one():
    frame = pd.DataFrame(
        {
            "name": ["A", "B"],
            "indicator_name": ["x", "x"],
            "rank": [1, 2],
            "value_text": ["1", "2"],
            "latest_month": ["2025-01"] * 2,
            "ranked_projects": [2, 2],
        }
    )
    spec = _spec(rank_heatmap.chart(frame, ["x"], ["A", "B"]))
    rect, text = spec["layer"]
    assert rect["mark"]["type"] == "rect" and text["mark"]["type"] == "text"
    assert rect["encoding"]["color"]["scale"] == {"scheme": "greens", "reverse": True}
    assert rect["encoding"]["y"]["sort"] == ["A", "B"]


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
            "person": ["a"],
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
    assert spec["encoding"]["y"]["sort"] == "-x"
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
