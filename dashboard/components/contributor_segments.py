"""Contributor segments (8Knot): each month's active GitHub contributors split into drive-by, repeat
and core. Reads fct_contributor_segments (the rules live there); the cut-off month, not over, is
drawn lighter."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.cards import card, is_sample, month_bar_x
from dashboard.controls import Selection
from dashboard.data import query
from dashboard.months import Months

SQL = """
select month, month_start, segment, people, is_partial, is_sample
from fct_contributor_segments
where project = ? and month between ? and ?
order by month, segment
"""
SEGMENTS = {
    "drive_by": "drive-by (one contribution ever)",
    "repeat": "repeat",
    "core": "core (absence factor's people)",
}
ABOUT = (
    "**Contributor segments** — each month's active GitHub contributors (people who authored a "
    "commit or opened a pull request that month; bots left out), split three ways. *Core*: the "
    "contributor absence factor's people, the fewest whose commits make more than half of the "
    "trailing 365 days' commits. *Drive-by*: otherwise, one contribution in the project ever. "
    '*Repeat*: everyone else. "Ever" is as of the data cut-off: a drive-by who comes back '
    "becomes repeat, so recent months' drive-bys can still turn into repeats. The cut-off month "
    "is not over and is drawn lighter. Unit: people. On-ramp: upstream-code."
)


def load(selection: Selection) -> pd.DataFrame:
    return query(SQL, (selection.project, selection.start, selection.end))


def chart(frame: pd.DataFrame, calendar: Months) -> alt.Chart:
    rows = frame.assign(
        who=frame["segment"].map(SEGMENTS),
        month_label=[calendar.label(m) for m in frame["month"]],
        status=frame["is_partial"].map({True: "partial month", False: "complete month"}),
    )[["month_start", "month_label", "who", "people", "status"]]
    order = list(SEGMENTS.values())
    return (
        alt.Chart(rows)
        .mark_bar()
        .encode(
            x=month_bar_x(),
            y=alt.Y("sum(people):Q", title="people", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "who:N",
                sort=order,
                scale=alt.Scale(domain=order),
                legend=alt.Legend(title=None, orient="bottom", labelLimit=0),
            ),
            order=alt.Order("who:N"),
            opacity=alt.condition(
                alt.datum.status == "partial month", alt.value(0.4), alt.value(1.0)
            ),
            tooltip=[
                alt.Tooltip("month_label:N", title="month"),
                alt.Tooltip("who:N", title="segment"),
                alt.Tooltip("people:Q", title="people"),
            ],
        )
        .properties(height=280)
    )


def render(selection: Selection, calendar: Months) -> int:
    frame = load(selection)
    if frame.empty or not frame["people"].any():
        return 0
    headline = frame[frame["month"] == selection.headline]
    by = dict(zip(headline["segment"], headline["people"], strict=True))
    title = (
        f"Who contributed in {calendar.label(selection.headline)}: "
        f"{by.get('drive_by', 0):,} drive-by, {by.get('repeat', 0):,} repeat, "
        f"{by.get('core', 0):,} core"
        if len(headline)
        else "Who contributes: drive-by, repeat and core contributors"
    )
    card(
        title,
        key=f"{selection.project}-contributor-segments",
        data=frame.drop(columns=["month_start"]),
        about=ABOUT,
        chart=chart(frame, calendar),
        sample=is_sample(frame),
    )
    return 1
