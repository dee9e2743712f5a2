"""Who carries the project? Each quarter's commits by organisation, as shares
(fct_organisation_shares: dated affiliations, else email domains, the elephant factor's rule).
Unaffiliated commits and the smaller organisations are shown as such, so the bars sum to 100 %; a
quarter not over by the data cut-off is drawn lighter. This card only draws the mart."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.cards import card, is_sample
from dashboard.controls import Selection
from dashboard.data import query

SQL = """
select quarter, quarter_start, organisation, commits, share, final, is_sample
from fct_organisation_shares
where project = ? and quarter_start between date_trunc('quarter', ?::date) and ?::date
order by quarter_start, commits desc, organisation
"""
ABOUT = (
    "**Who carries the project** — each calendar quarter's commits (bots excluded) by the "
    "organisation of their author, as a share of the quarter's commits. The organisation is the "
    "author's affiliation in `identities.toml` in force on the commit's date, else the email "
    "domain (named by an `[[organisation]]` where one covers the date): the rule the elephant "
    "factor uses. Personal and no-reply domains are `unaffiliated`; organisations beyond the "
    "project's six biggest are grouped as `other organisations`. A quarter not over by the data "
    "cut-off is drawn lighter: it can still change. Compare shows the elephant factor over time "
    "(Over time → Elephant factor)."
)


def load(selection: Selection) -> pd.DataFrame:
    return query(SQL, (selection.project, f"{selection.start}-01", f"{selection.end}-01"))


def chart(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(frame.drop(columns=["quarter_start"]))
        .mark_bar()
        .encode(
            x=alt.X("quarter:O", title=None),
            y=alt.Y("share:Q", title="share of commits", axis=alt.Axis(format=".0%"),
                    scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("organisation:N", title="organisation",
                            sort=alt.SortField("commits", order="descending")),
            opacity=alt.condition(alt.datum.final, alt.value(1.0), alt.value(0.45)),
            order=alt.Order("commits:Q", sort="descending"),
            tooltip=[
                alt.Tooltip("quarter:N"),
                alt.Tooltip("organisation:N"),
                alt.Tooltip("commits:Q"),
                alt.Tooltip("share:Q", format=".0%"),
                alt.Tooltip("final:N", title="quarter over"),
            ],
        )
        .properties(height=260)
    )  # fmt: skip


def render(selection: Selection) -> int:
    """One card; returns the number of charts drawn (0 when the project has no commits)."""
    frame = load(selection)
    if frame.empty:
        return 0
    card(
        "Who carries the project? Share of commits by organisation, per quarter",
        key=f"{selection.project}-organisation-shares",
        data=frame.drop(columns=["quarter_start"]),
        about=ABOUT,
        chart=chart(frame),
        sample=is_sample(frame),
    )
    return 1
