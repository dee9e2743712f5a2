"""Issues, pull requests, Hub discussions and help threads waiting longest for a first answer."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.cards import card, empty, is_sample
from dashboard.controls import Selection
from dashboard.data import query

SQL = """
select platform, kind, item, title, author, is_outside, strftime(opened_at, '%Y-%m-%d') as opened,
    round(days_waiting, 1) as days_waiting, url, is_sample,
    count(*) over () as waiting_total
from fct_waiting_items
where project = ? and strftime(opened_at, '%Y-%m') between ? and ?
qualify row_number() over (partition by kind order by days_waiting desc, item) <= 8
order by days_waiting desc, item
"""

ABOUT = (
    "**Waiting for a first answer** — open GitHub issues and pull requests with no comment or "
    "review by a non-bot other than the author, open Hub discussions and Hub pull requests with no "
    "comment by someone other than the opener, and unarchived Discord threads with no reply by "
    "someone other than their owner, opened in the period, by the data cut-off. The 8 waiting "
    "longest of each kind. Fewer is better."
)
KINDS = ["issue", "pull request", "Hub discussion", "Hub pull request", "help thread"]


def load(selection: Selection) -> pd.DataFrame:
    return query(SQL, (selection.project, selection.start, selection.end))


def chart(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("item:N", title=None, sort="-x", axis=alt.Axis(labelLimit=220)),
            x=alt.X("days_waiting:Q", title="days without an answer"),
            color=alt.Color("kind:N", scale=alt.Scale(domain=KINDS)),
            tooltip=[
                "item:N",
                "title:N",
                "kind:N",
                "author:N",
                "opened:N",
                alt.Tooltip("days_waiting:Q", title="days waiting"),
            ],
        )
        .properties(height=alt.Step(20))
    )


def render(selection: Selection) -> int:
    frame = load(selection)
    if frame.empty:
        empty("Nothing opened in this period is waiting for a first answer.")
        return 0

    def table() -> None:
        with st.expander(f"The {len(frame)} items, with links"):
            st.dataframe(
                frame.drop(columns=["is_sample", "waiting_total"]),
                hide_index=True,
                column_config={"url": st.column_config.LinkColumn("link", display_text="open")},
            )

    total = int(frame["waiting_total"].iloc[0])
    card(
        f"What is still waiting for an answer? {total:,} items; the oldest waited "
        f"{frame['days_waiting'].iloc[0]:,.0f} days",
        key=f"{selection.project}-waiting-items",
        data=frame.drop(columns="waiting_total"),
        about=ABOUT,
        chart=chart(frame),
        table=table,
        sample=is_sample(frame),
    )
    return 1
