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
# a door as seen by someone who did not arrive contributing: a GitHub "PR, commit or review" first
# step without a PR or commit on day 0 was a review
ASKING_STEPS = {**STEPS, "github_pr_or_commit": "GitHub review"}
CONTRIBUTED = ("github_pr", "github_commit", "hub_derivative", "hub_pr")
FLOW_SQL = """
select first_step, arrived_contributing, outcome, sum(people)::int as people,
    bool_or(is_sample) as is_sample
from fct_journey_flow
where project = ? and cohort between ? and ?
group by first_step, arrived_contributing, outcome
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
    "else is one person per platform identity. The study's question is whether people who come in "
    "*without* contributing (a question, comment, review, Hub discussion or chat message) go on to "
    "contribute: the chart and headline count only them (`xp_newcomer_conversion_rate`). People "
    "whose first appearance was itself a commit or pull request are counted apart, not as "
    "conversions. Each bar splits the newcomers who came in by that door by their first "
    "contribution (pull request, commit, derivative model or Hub pull request) within 180 days; "
    "newcomers seen less than 180 days before the data cut-off are still pending. Bots and "
    "`bot = true` people are left out. Unit: people."
)


def load_flow(selection: Selection) -> pd.DataFrame:
    frame = query(FLOW_SQL, (selection.project, selection.start, selection.end))
    doors = [
        (ASKING_STEPS if not arrived else STEPS).get(step, step)
        for step, arrived in zip(frame["first_step"], frame["arrived_contributing"], strict=True)
    ]
    frame["door"] = doors
    frame["went on to"] = frame["outcome"].map(OUTCOMES).fillna(frame["outcome"])
    return frame


def flow_chart(frame: pd.DataFrame) -> alt.Chart:
    order = list(OUTCOMES.values())
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            # labelLimit 0: labels are never cut to an ellipsis
            y=alt.Y("door:N", title="first seen on", sort="-x", axis=alt.Axis(labelLimit=0)),
            x=alt.X(
                "sum(people):Q", title="newcomers who came in without contributing", stack="zero"
            ),
            color=alt.Color(
                "went on to:N",
                sort=order,
                scale=alt.Scale(domain=order),
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=0, title="went on to"),
            ),
            tooltip=["door:N", "went on to:N", alt.Tooltip("people:Q", title="newcomers")],
        )
        .properties(height=alt.Step(28))
    )


def asking(frame: pd.DataFrame) -> pd.DataFrame:
    """The newcomers the study asks about: first seen without a contribution."""
    return frame[~frame["arrived_contributing"].fillna(False).astype(bool)]


def headline(frame: pd.DataFrame) -> str:
    """Sums of fct_journey_flow over the chosen months, by xp_newcomer_conversion_rate's rule (the
    rule lives in SQL; the page adds up its people)."""
    total = int(frame["people"].sum())
    came = asking(frame)
    arrived = total - int(came["people"].sum())
    asked = int(came["people"].sum())
    if not asked:
        return (
            f"{total:,} newcomers, all of whom arrived with a commit or pull request: nobody came "
            "in by asking or chatting in these months"
        )
    contributed = int(came.loc[came["outcome"].isin(CONTRIBUTED), "people"].sum())
    settled_mask = came["outcome"] != "not_yet"
    settled = int(came.loc[settled_mask, "people"].sum())
    settled_contributed = int(
        came.loc[settled_mask & came["outcome"].isin(CONTRIBUTED), "people"].sum()
    )
    by_door = came.groupby("door")["people"].sum().sort_values(ascending=False)
    share = (
        f"{settled_contributed / settled:.0%} of the {settled:,} past 180 days"
        if settled
        else "none past 180 days yet: pending"
    )
    return (
        f"Of {asked:,} newcomers who came in without contributing (most via {by_door.index[0]}), "
        f"{contributed:,} went on to contribute within 180 days ({share})"
        + (f"; {arrived:,} more arrived with a commit or pull request" if arrived else "")
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
    came = asking(flow)
    card(
        headline(flow),
        key=f"{selection.project}-journeys-flow",
        data=flow[["first_step", "arrived_contributing", "outcome", "people", "is_sample"]],
        about=ABOUT,
        chart=flow_chart(came) if not came.empty else None,
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
