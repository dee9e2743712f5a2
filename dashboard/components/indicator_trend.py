"""One indicator of a project month by month: a line over the chosen period."""

from __future__ import annotations

import altair as alt
import pandas as pd

from core.catalog import Indicator
from dashboard import format as fmt
from dashboard.cards import card, is_sample
from dashboard.controls import Selection
from dashboard.data import query

SQL = """
select indicator, month, month_start, value, is_sample
from fct_indicators
where project = ? and month between ? and ? and list_contains(?, indicator)
order by indicator, month_start
"""


def load(selection: Selection, indicator_ids: list[str]) -> pd.DataFrame:
    """Every listed indicator of the project over the period, in one query (one per section)."""
    return query(SQL, (selection.project, selection.start, selection.end, list(indicator_ids)))


def with_values(frame: pd.DataFrame) -> set[str]:
    """Indicators that have at least one value in the frame."""
    return set(frame.loc[frame["value"].notna(), "indicator"])


def value_format(indicator: Indicator) -> str:
    return ".0%" if indicator.is_fraction else ",.4~g"


def chart(frame: pd.DataFrame, indicator: Indicator) -> alt.Chart:
    number = value_format(indicator)
    return (
        alt.Chart(frame[["month", "month_start", "value"]])
        .mark_line(point=True)
        .encode(
            x=alt.X("yearmonth(month_start):T", title=None),
            y=alt.Y("value:Q", title=indicator.unit, axis=alt.Axis(format=number)),
            tooltip=[
                alt.Tooltip("month:N", title="month"),
                alt.Tooltip("value:Q", title=indicator.name, format=number),
            ],
        )
        .properties(height=220)
    )


def title(frame: pd.DataFrame, indicator: Indicator) -> str:
    """A finding: the latest value in the period."""
    known = frame[frame["value"].notna()]
    if known.empty:
        return f"{indicator.name}: no value in this period"
    last = known.iloc[-1]
    latest = fmt.with_unit(last["value"], indicator)
    return f"{indicator.name}: {latest} in {fmt.month_name(last['month'])}"


def render(selection: Selection, indicator: Indicator, frame: pd.DataFrame) -> None:
    rows = frame[frame["indicator"] == indicator.id]
    card(
        title(rows, indicator),
        key=f"{selection.project}-{indicator.id}",
        data=rows[["month", "indicator", "value", "is_sample"]],
        about=indicator.about(),
        chart=chart(rows, indicator),
        sample=is_sample(rows),
    )
