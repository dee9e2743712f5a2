"""People who went quiet: active before, silent for 90 days by the data cut-off."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.cards import card, empty, is_sample
from dashboard.controls import Selection
from dashboard.data import query

SQL = """
select person, platform, activities, active_months, last_action,
    strftime(first_seen_at, '%Y-%m-%d') as first_seen,
    strftime(last_seen_at, '%Y-%m-%d') as last_seen,
    last_seen_month, days_quiet, is_sample
from fct_quiet_people
where project = ? and last_seen_month between ? and ?
order by activities desc, last_seen_at desc, person
limit 25
"""

ABOUT = (
    "**People who went quiet** — people (bots excluded) with three or more activities in the "
    "project on a platform (GitHub: issues, pull requests, comments, reviews, commits; Hub: "
    "discussion comments; Discord and Slack: messages) and none in the 90 days before the data "
    "cut-off, "
    "whose last activity falls in the period. The 25 who had been most active. A person is a login "
    "per platform (a pseudonym on Discord and Slack). Fewer is better."
)


def load(selection: Selection) -> pd.DataFrame:
    return query(SQL, (selection.project, selection.start, selection.end))


def chart(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("person:N", title=None, sort="-x", axis=alt.Axis(labelLimit=200)),
            x=alt.X("activities:Q", title="activities before going quiet"),
            color=alt.Color(
                "platform:N", scale=alt.Scale(domain=["github", "hub", "discord", "slack"])
            ),
            tooltip=[
                "person:N",
                "platform:N",
                "activities:Q",
                "active_months:Q",
                "first_seen:N",
                "last_seen:N",
                alt.Tooltip("days_quiet:Q", title="days quiet"),
                "last_action:N",
            ],
        )
        .properties(height=alt.Step(20))
    )


def render(selection: Selection) -> int:
    frame = load(selection)
    if frame.empty:
        empty(
            "Nobody active in this period has gone quiet for 90 days. Widen the period to look "
            "further back."
        )
        return 0

    def table() -> None:
        with st.expander("The list"):
            st.dataframe(frame.drop(columns=["is_sample", "last_seen_month"]), hide_index=True)

    top = frame.iloc[0]
    card(
        f"Who went quiet? {top['person']} ({top['platform']}, {top['activities']} activities) "
        f"last seen {top['last_seen']}",
        key=f"{selection.project}-quiet-people",
        data=frame,
        about=ABOUT,
        chart=chart(frame),
        table=table,
        sample=is_sample(frame),
    )
    return 1
