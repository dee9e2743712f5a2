"""Newcomer journeys: where people first show up in the project, on any platform, and how many go
on to contribute. Reads fct_journey_flow, fct_journey_next_steps and the xp_* indicators; names
nobody (pseudonymised members least of all): journeys are counted, never listed."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from core.catalog import load_catalog
from dashboard.cards import card, dataframe, empty, is_sample
from dashboard.components import indicator_trend
from dashboard.controls import Selection
from dashboard.data import query
from dashboard.months import Months

STEPS = {
    "discord_message": "Discord message",
    "slack_message": "Slack message",
    "hub_discussion": "Hub discussion",
    "hub_model": "Hub model or derivative",
    "github_issue": "GitHub issue or comment",
    "github_pr_or_commit": "GitHub PR, commit or review",
    "none": "no other step yet",
}
OUTCOMES = {
    "github_pr": "GitHub pull request",
    "github_commit": "commit",
    "hub_derivative": "derivative model",
    "hub_pr": "Hub pull request",
    "none_within_180d": "no contribution within 180 days",
    "not_yet": "not yet (under 180 days)",
}
FLOW_SQL = """
select first_step, outcome, sum(people)::int as people, bool_or(is_sample) as is_sample
from fct_journey_flow
where project = ? and cohort between ? and ?
group by first_step, outcome
"""
NEXT_SQL = """
select first_step, next_step, sum(people)::int as people, bool_or(is_sample) as is_sample
from fct_journey_next_steps
where project = ? and cohort between ? and ?
group by first_step, next_step
order by first_step, people desc
"""
ABOUT = (
    "**Newcomer journeys** — a newcomer is a person whose first appearance in the project, on any "
    "platform, falls in the chosen months: a GitHub issue, pull request, comment, review or "
    "commit, a Hub discussion or comment, a derivative of the project's models, or a Discord "
    "(Slack) message. People listed in identities.toml count once across their platforms; anyone "
    "else is one person per platform identity. Each bar splits the newcomers who came in by that "
    "door by their first contribution (pull request, commit, derivative model or Hub pull "
    "request) within 180 days; newcomers seen less than 180 days before the data cut-off are "
    "still pending. Bots and `bot = true` people are left out. Unit: people."
)


def load_flow(selection: Selection) -> pd.DataFrame:
    frame = query(FLOW_SQL, (selection.project, selection.start, selection.end))
    frame["door"] = frame["first_step"].map(STEPS).fillna(frame["first_step"])
    frame["went on to"] = frame["outcome"].map(OUTCOMES).fillna(frame["outcome"])
    return frame


def flow_chart(frame: pd.DataFrame) -> alt.Chart:
    order = list(OUTCOMES.values())
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("door:N", title="first seen on", sort="-x"),
            x=alt.X("sum(people):Q", title="newcomers", stack="zero"),
            color=alt.Color("went on to:N", sort=order, scale=alt.Scale(domain=order)),
            tooltip=["door:N", "went on to:N", alt.Tooltip("people:Q", title="newcomers")],
        )
        .properties(height=alt.Step(28))
    )


def headline(frame: pd.DataFrame) -> str:
    total = int(frame["people"].sum())
    contributed = int(frame.loc[frame["outcome"].isin(list(OUTCOMES)[:4]), "people"].sum())
    settled = int(frame.loc[frame["outcome"] != "not_yet", "people"].sum())
    by_door = frame.groupby("door")["people"].sum().sort_values(ascending=False)
    top = by_door.index[0]
    share = f"{contributed / settled:.0%}" if settled else "none settled yet"
    return (
        f"{total:,} newcomers, most first seen via {top} ({by_door.iloc[0] / total:.0%}); "
        f"{contributed:,} went on to contribute within 180 days ({share} of those settled)"
    )


def render(selection: Selection, calendar: Months) -> int:
    """The Journeys section's cards; returns how many it drew."""
    flow = load_flow(selection)
    if flow.empty:
        empty(
            "No newcomers in this period: widen the period, or collect GitHub, Hub or Discord data "
            "and run `onramp build` (list people in identities.toml to follow them across "
            "platforms)."
        )
        return _trends(selection, calendar)
    card(
        headline(flow),
        key=f"{selection.project}-journeys-flow",
        data=flow[["first_step", "outcome", "people", "is_sample"]],
        about=ABOUT,
        chart=flow_chart(flow),
        sample=is_sample(flow),
    )
    steps = query(NEXT_SQL, (selection.project, selection.start, selection.end))
    steps["first seen on"] = steps["first_step"].map(STEPS).fillna(steps["first_step"])
    steps["next step elsewhere"] = steps["next_step"].map(STEPS).fillna(steps["next_step"])
    shown = steps[["first seen on", "next step elsewhere", "people"]]
    card(
        "What newcomers do next, by where they came in",
        key=f"{selection.project}-journeys-next",
        data=steps[["first_step", "next_step", "people", "is_sample"]],
        about=ABOUT,
        table=lambda: dataframe(shown, hide_index=True, width="stretch"),
        sample=is_sample(steps),
    )
    return 2 + _trends(selection, calendar)


def _trends(selection: Selection, calendar: Months) -> int:
    xp = [i for i in load_catalog().values() if i.source == "crossplatform"]
    values = indicator_trend.load(selection, [i.id for i in xp])
    present = indicator_trend.with_values(values)
    shown = [i for i in xp if i.id in present]
    columns = st.columns(2)
    for n, indicator in enumerate(shown):
        with columns[n % 2]:
            indicator_trend.render(selection, indicator, values, calendar)
    return len(shown)
