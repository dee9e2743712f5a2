"""First-time-contributor cohorts: of the people first seen in a month, who is back k months on."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.cards import card, empty, is_sample
from dashboard.controls import Selection
from dashboard.data import query

SQL = """
select cohort, months_since, cohort_size, active, retention, is_partial, is_sample
from fct_cohort_retention
where project = ? and cohort between ? and ?
order by cohort, months_since
"""

ABOUT = (
    "**First-time-contributor cohort retention** — each row is a cohort: the people whose first "
    "GitHub activity in the project (issue, pull request, comment, review or commit; bots "
    "excluded) fell in that month. Each cell is the share of the cohort active again that many "
    "months later. Unit: share of the cohort; higher is better. Months after the data cut-off are "
    "blank, and so is the cut-off month itself: it is not over, and a share of part of a month "
    "would read as a drop (the CSV keeps those cells, `is_partial` true). On-ramp: upstream-code."
)


def load(selection: Selection) -> pd.DataFrame:
    return query(SQL, (selection.project, selection.start, selection.end))


def chart(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=alt.X("months_since:O", title="months after the first contribution"),
            y=alt.Y("cohort:O", title="cohort (month of first contribution)", sort="descending"),
            color=alt.Color(
                "retention:Q",
                title="active again",
                scale=alt.Scale(scheme="blues", domain=[0, 1]),
                legend=alt.Legend(format=".0%"),
            ),
            tooltip=[
                alt.Tooltip("cohort:O", title="cohort"),
                alt.Tooltip("months_since:O", title="months later"),
                alt.Tooltip("cohort_size:Q", title="first-time contributors"),
                alt.Tooltip("active:Q", title="active again"),
                alt.Tooltip("retention:Q", title="share", format=".0%"),
            ],
        )
        .properties(height=alt.Step(14))
    )


def render(selection: Selection) -> bool:
    frame = load(selection)
    if frame.empty:
        empty(
            "No first-time contributors in this period: widen the period, or collect GitHub data."
        )
        return False
    # months_since 0 is 100% by construction: it would flatten the colour scale; the cut-off
    # month is not over (fct_cohort_retention.is_partial)
    shown = frame[(frame["months_since"] > 0) & ~frame["is_partial"].astype(bool)]
    card(
        "Do first-time contributors come back?",
        key=f"{selection.project}-cohort-retention",
        data=frame,
        about=ABOUT,
        chart=chart(shown),
        sample=is_sample(frame),
    )
    return True
