"""Issues, pull requests, Hub discussions and help threads waiting longest for a first answer.
The title's count is the list's length and the CSV's rows: the whole list is there (scrollable);
the chart shows the longest waits. Authors show as people (fct_people's display name)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import format as fmt
from dashboard.cards import card, dataframe, empty, encoded, is_sample, table_height
from dashboard.controls import Selection
from dashboard.data import query

CHART_FIELDS = [
    "item",
    "days_waiting",
    "kind",
    "title",
    "author",
    "opened",
]  # only what the chart encodes goes into its spec
SQL = """
select w.platform, w.kind, w.item, w.title,
    coalesce(p.display_name, w.author) as author, p.profile_url, w.is_outside,
    strftime(w.opened_at, '%Y-%m-%d') as opened, round(w.days_waiting, 1) as days_waiting, w.url,
    w.is_sample
from fct_waiting_items as w
left join fct_people as p
    on p.project = w.project and p.platform = w.platform and lower(p.person) = lower(w.author)
where w.project = ? and strftime(w.opened_at, '%Y-%m') between ? and ?
order by w.days_waiting desc, w.item
"""
CHART_ROWS = 20
HEADERS = {
    "kind": "Kind",
    "item": "Item",
    "title": "Title",
    "author": "Opened by",
    "opened": "Opened",
    "days_waiting": "Days waiting",
    "outside": "From outside",
    "url": "Link",
}

ABOUT = (
    "**Waiting for a first answer** — open GitHub issues and pull requests with no comment or "
    "review by a non-bot other than the author, open Hub discussions and Hub pull requests with no "
    "comment by someone other than the opener, and unarchived Discord threads with no reply by "
    "someone other than their owner, opened in the period, by the data cut-off. The list holds "
    "every one; the chart the longest waits. Fewer is better."
)
KINDS = ["issue", "pull request", "Hub discussion", "Hub pull request", "help thread"]


def load(selection: Selection) -> pd.DataFrame:
    frame = query(SQL, (selection.project, selection.start, selection.end))
    frame["outside"] = frame["is_outside"].map({True: "yes", False: "no"})
    return frame


def chart(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(encoded(frame, CHART_FIELDS))
        .mark_bar()
        .encode(
            y=alt.Y("item:N", title=None, sort="-x", axis=alt.Axis(labelLimit=220)),
            x=alt.X("days_waiting:Q", title="days without an answer"),
            color=alt.Color("kind:N", scale=alt.Scale(domain=KINDS)),
            tooltip=[
                "item:N",
                "title:N",
                "kind:N",
                alt.Tooltip("author:N", title="opened by"),
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
    shown = fmt.text_cells(frame[list(HEADERS)])

    def table() -> None:
        dataframe(
            shown,
            hide_index=True,
            height=table_height(len(shown), most=12),
            column_config={
                **{c: st.column_config.Column(h) for c, h in HEADERS.items()},
                "url": st.column_config.LinkColumn("Link", display_text="open"),
            },
        )

    card(
        f"What is still waiting for an answer? {fmt.plural(len(frame), 'item')}; the oldest "
        f"waited {frame['days_waiting'].iloc[0]:,.0f} days",
        key=f"{selection.project}-waiting-items",
        data=frame[list(HEADERS)].rename(columns=HEADERS),
        about=ABOUT,
        chart=chart(frame.head(CHART_ROWS)),
        note=f"The chart shows the {min(CHART_ROWS, len(frame))} waiting longest; the list below "
        f"holds all {len(frame):,}.",
        table=table,
        sample=is_sample(frame),
    )
    return 1
