"""A card per chart (8Knot style): a title that is a question or a finding, the chart, an
"about this metric" note, a CSV download of the chart's data, and a badge on generated data.
The note opens in a popover, so a card also sits inside a collapsed section (an expander)."""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.format import DASH

SAMPLE_NOTE = "Built on generated sample rows (the demo's stand-in for data not collected)."
STATUS_PAGE = "views/status.py"
ICON_STATUS = ":material/database:"


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The CSV a card's download button serves: the rows behind the chart, as shown."""
    return frame.to_csv(index=False).encode("utf-8")


def card(
    title: str,
    *,
    key: str,
    data: pd.DataFrame,
    about: str,
    chart: alt.Chart | None = None,
    table: Callable[[], None] | None = None,
    sample: bool = False,
    note: str | None = None,
    stretch: bool = True,
) -> None:
    """One chart (or table) with its title, sample badge, about note and CSV download."""
    with st.container(border=True):
        st.markdown(f"**{title}**")
        if sample:
            st.badge("sample data", icon=":material/science:", color="orange", help=SAMPLE_NOTE)
        if chart is not None:
            # the spec is validated against the Vega-Lite schema in tests (test_charts.py); at
            # render time validation took most of a page's time, so it is skipped here
            spec = chart.to_dict(validate=False)
            width = "stretch" if stretch else "content"  # content: a chart sized by its steps
            st.vega_lite_chart(spec=spec, width=width, key=f"chart-{key}")
        if note:
            st.caption(note)
        if table is not None:
            table()
        left, right = st.columns([3, 1], vertical_alignment="center")
        with left.popover("About this metric", icon=":material/info:"):
            st.markdown(about)
        right.download_button(
            "CSV",
            data=lambda: csv_bytes(data),
            file_name=f"{key}.csv",
            mime="text/csv",
            key=f"csv-{key}",
            on_click="ignore",
            icon=":material/download:",
            help="Download the data behind this chart",
        )


def dataframe(data: pd.DataFrame, **options):
    """Every table of the dashboard: st.dataframe with an empty cell shown as "—", never as the
    word "None" (a missing profile link, a run that never finished, a cursor never saved)."""
    return st.dataframe(data, placeholder=DASH, **options)


def empty(message: str, *, status_link: bool = False) -> None:
    """An empty state that says how to fill it (and, where data may be missing, links to Data
    status, which shows what was collected and every failed run's error)."""
    st.info(message, icon=":material/info:")
    if status_link:
        st.page_link(
            STATUS_PAGE, label="What was collected? Data status", icon=":material/database:"
        )


def is_sample(frame: pd.DataFrame) -> bool:
    return "is_sample" in frame and bool(frame["is_sample"].fillna(False).any())


def table_height(rows: int, *, row: int = 35, most: int | None = None) -> int:
    """A dataframe tall enough for every row (no inner scroll), or capped at `most` rows."""
    shown = rows if most is None else min(rows, most)
    return (shown + 1) * row + 3


def month_bar_x() -> alt.X:
    """The x axis of a monthly bar chart: each bar centred on its month's tick, so its label sits
    under its middle (a partial month's pale bar does not sit over the next month's label)."""
    return alt.X("yearmonth(month_start):T", title=None, bandPosition=0)


def encoded(frame: pd.DataFrame, fields: list[str]) -> pd.DataFrame:
    """The columns a chart encodes: a spec carries its rows as JSON, so the rest is weight."""
    return frame[[f for f in fields if f in frame.columns]]
