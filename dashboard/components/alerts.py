"""Indicators that fell clearly below (or, where lower is better, rose clearly above) their own
trailing three-month level."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from core.catalog import Indicator
from dashboard import format as fmt
from dashboard.cards import card, encoded, is_sample
from dashboard.controls import Selection
from dashboard.data import query

CHART_FIELDS = [
    "month_start",
    "indicator_name",
    "severity",
    "direction",
    "month",
    "value",
    "trailing_3m",
    "change",
]  # only what the chart encodes goes into its spec
SQL = """
select month, month_start, indicator, value, trailing_3m, change, direction, is_sample
from fct_indicator_alerts
where project = ? and month between ? and ? and list_contains(?, indicator)
order by month_start desc, abs(change) desc
"""

ABOUT = (
    "**Drop-off alerts** — a month is flagged when an indicator is worse than in every one of the "
    "three months before and at least a third worse than their mean: lower where higher is better, "
    "higher where lower is better (the catalog's `good`; neutral indicators are never flagged). "
    "The month of the data cut-off is left out: it is not over. Each indicator's definition is on "
    "the Project page."
)


def load(selection: Selection, indicators: list[Indicator]) -> pd.DataFrame:
    """The mart's alerts for the shown indicators: which way is bad, it has decided already."""
    ids = [i.id for i in indicators] or [""]  # an empty list has no element type in DuckDB
    return query(SQL, (selection.project, selection.start, selection.end, ids))


def chart(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(encoded(frame, CHART_FIELDS))
        .mark_circle(opacity=0.8)
        .encode(
            x=alt.X("yearmonth(month_start):T", title=None),
            y=alt.Y("indicator_name:N", title=None, axis=alt.Axis(labelLimit=260)),
            size=alt.Size("severity:Q", legend=None),  # how far off: the tooltip gives the change
            color=alt.Color(
                "direction:N",
                title="went",
                scale=alt.Scale(domain=["below", "above"], range=["#d62728", "#ff7f0e"]),
            ),
            tooltip=[
                alt.Tooltip("indicator_name:N", title="indicator"),
                alt.Tooltip("month:N", title="month"),
                alt.Tooltip("value:Q", title="value", format=",.3~g"),
                alt.Tooltip("trailing_3m:Q", title="3 months before (mean)", format=",.3~g"),
                alt.Tooltip("change:Q", title="change", format="+.0%"),
            ],
        )
        .properties(height=alt.Step(26))
    )


def render(selection: Selection, indicators: list[Indicator]) -> int:
    frame = load(selection, indicators)
    if frame.empty:
        st.success("No indicator fell clearly below its own three-month level in this period.")
        return 0
    names = {i.id: i.name for i in indicators}
    frame["indicator_name"] = frame["indicator"].map(names)
    frame["severity"] = frame["change"].abs()  # display: the dot's size
    latest = frame.iloc[0]
    card(
        f"What slipped? {len(frame)} alerts; latest: {latest['indicator_name']} in "
        f"{fmt.month_name(latest['month'])}",
        key=f"{selection.project}-alerts",
        data=frame.drop(columns=["month_start", "severity"]),
        about=ABOUT,
        chart=chart(frame),
        sample=is_sample(frame),
    )
    return 1
