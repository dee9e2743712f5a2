"""Activity after each release by days since it: the rise and fade the study calls "nomadic"."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard import format as fmt
from dashboard.cards import card, empty, encoded, is_sample
from dashboard.controls import Selection
from dashboard.data import query

CHART_FIELDS = [
    "release",
    "days_since",
    "rolling_7d",
    "day",
    "activities",
    "half_life_days",
]  # only what the chart encodes goes into its spec
SQL = """
with recent as (
    select distinct release_day from fct_release_activity
    where project = ? and strftime(release_day, '%Y-%m') between ? and ?
    order by release_day desc
    limit 5
)
select strftime(release_day, '%Y-%m-%d') || ': ' || release as release, kinds, days_since,
    strftime(day, '%Y-%m-%d') as day, activities, rolling_7d::bigint as rolling_7d, peak_day,
    peak_7d::bigint as peak_7d, half_life_days, is_sample
from fct_release_activity
where project = ? and release_day in (select release_day from recent)
order by release_day desc, days_since
"""

ABOUT = (
    "**Activity after a release** — the project's activity on every platform (bots excluded), "
    "summed over the 7 days up to each day, from 14 days before to 90 days after a release: a "
    "published GitHub release or a new model under the project's Hub authors (several on one day "
    "make one release). The half-life is the number of days from the peak until the 7-day sum "
    "first falls to half of it: short means the attention a release brings leaves quickly. The "
    "five latest releases in the chosen period."
)


def load(selection: Selection) -> pd.DataFrame:
    return query(SQL, (selection.project, selection.start, selection.end, selection.project))


def chart(frame: pd.DataFrame) -> alt.Chart:
    lines = (
        alt.Chart(encoded(frame, CHART_FIELDS))
        .mark_line()
        .encode(
            x=alt.X("days_since:Q", title="days since the release"),
            y=alt.Y("rolling_7d:Q", title="activities, 7-day sum"),
            color=alt.Color(
                "release:N",
                title=None,
                legend=alt.Legend(orient="bottom", columns=1, labelLimit=600),
            ),
            tooltip=[
                "release:N",
                "day:N",
                alt.Tooltip("days_since:Q", title="days since"),
                alt.Tooltip("rolling_7d:Q", title="7-day sum"),
                alt.Tooltip("activities:Q", title="that day"),
                alt.Tooltip("half_life_days:Q", title="half-life (days)"),
            ],
        )
    )
    release_rule = (
        alt.Chart(pd.DataFrame({"days_since": [0]}))
        .mark_rule(strokeDash=[4, 4])
        .encode(x="days_since:Q")
    )
    return (lines + release_rule).properties(height=260)


def finding(frame: pd.DataFrame) -> str:
    latest = frame.iloc[0]
    name = latest["release"].split(": ", 1)[1]
    if len(name) > 60:
        name = name[:57] + "..."
    question = "Did the last release bring people who stayed?"
    if pd.isna(latest["half_life_days"]):
        return f"{question} After {name}, activity has not halved yet"
    days = int(latest["half_life_days"])
    return f"{question} After {name}, activity halved {days} days after its peak"


def render(selection: Selection) -> int:
    frame = load(selection)
    if frame.empty:
        empty(
            f"No release falls in {fmt.month_name(selection.start)} to "
            f"{fmt.month_name(selection.end)}: widen the period. Releases are GitHub releases "
            "(collected with `github_repos`) and new models under `hub_authors` in projects.toml.",
            status_link=True,
        )
        return 0
    card(
        finding(frame),
        key=f"{selection.project}-release-activity",
        data=frame,
        about=ABOUT,
        chart=chart(frame),
        sample=is_sample(frame),
    )
    return 1
