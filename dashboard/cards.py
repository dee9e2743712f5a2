"""A card per chart (8Knot style): a title that is a question or a finding, the chart, an
"about this metric" note, a CSV download of the chart's data, and a badge on generated data."""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

SAMPLE_NOTE = "Built on generated sample rows (the demo's stand-in for data not collected)."


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
) -> None:
    """One chart (or table) with its title, sample badge, about note and CSV download."""
    with st.container(border=True):
        st.markdown(f"**{title}**")
        if sample:
            st.badge("sample data", icon=":material/science:", color="orange", help=SAMPLE_NOTE)
        if chart is not None:
            st.altair_chart(chart, width="stretch", key=f"chart-{key}")
        if table is not None:
            table()
        left, right = st.columns([3, 1], vertical_alignment="center")
        with left.expander("About this metric"):
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


def empty(message: str) -> None:
    """An empty state that says how to fill it."""
    st.info(message, icon=":material/info:")


def is_sample(frame: pd.DataFrame) -> bool:
    return "is_sample" in frame and bool(frame["is_sample"].fillna(False).any())
