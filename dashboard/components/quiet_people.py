"""People who went quiet: active before, silent for 90 days by the data cut-off. People show as
people (fct_quiet_people's display name, profile link, "no GitHub login" mark); Discord and Slack
members, pseudonymised, are never listed one by one but counted per home channel ("12 regulars of
#help went quiet"); insiders (members, owners, collaborators, the Hub org's members) are left
out unless the user asks. The title's count is the list's length and the CSV's rows."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import format as fmt
from dashboard.cards import card, dataframe, empty, encoded, is_sample, table_height
from dashboard.controls import Selection
from dashboard.data import query

CHART_FIELDS = [
    "name",
    "activities",
    "platform",
    "active_months",
    "first_seen",
    "last_seen",
    "days_quiet",
    "last_action",
]  # only what the chart encodes goes into its spec
SQL = """
select display_name, platform, profile_url, is_git_only, is_insider, activities, active_months,
    last_action, strftime(first_seen_at, '%Y-%m-%d') as first_seen,
    strftime(last_seen_at, '%Y-%m-%d') as last_seen, days_quiet, is_sample
from fct_quiet_people
where project = ? and last_seen_month between ? and ? and (? or not is_insider)
    and not is_pseudonymous
order by activities desc, last_seen_at desc, display_name
"""
CHANNELS_SQL = """
select platform, home_channel, count(*) as members
from fct_quiet_people
where project = ? and last_seen_month between ? and ? and (? or not is_insider)
    and is_pseudonymous
group by platform, home_channel
order by members desc, platform, home_channel
"""
CHART_ROWS = 20
INTEGER_AXIS = alt.Axis(format=",d", tickMinStep=1)
PLATFORMS = ["github", "hub", "discord", "slack"]
HEADERS = {
    "name": "Person",
    "platform": "Platform",
    "profile_url": "Profile",
    "activities": "Activities",
    "active_months": "Active months",
    "last_action": "Last action",
    "first_seen": "First seen",
    "last_seen": "Last seen",
    "days_quiet": "Days quiet",
    "insider": "Insider",
}

ABOUT = (
    "**People who went quiet** — people (bots excluded) with three or more activities in the "
    "project on a platform (GitHub: issues, pull requests, comments, reviews, commits; Hub: "
    "discussion comments; Discord and Slack: messages) and none in the 90 days before the data "
    "cut-off, whose last activity falls in the period, most active first. A person is a login per "
    "platform, and git names that differ only in case, spacing or punctuation are one person; "
    "a person of identities.toml is one row per platform over all their identities there (git "
    'names included). Git-only authors show by name, marked "no GitHub login". Discord and Slack '
    "members are pseudonymised: counted per channel where they wrote most, never listed. "
    "Insiders (owners, members, collaborators, internal email domains, the Hub organisations' "
    "members, anyone who pushed to a default branch or merged a pull request there in the git "
    "history, anyone identities.toml affiliates to an organisation that runs the project) are "
    "left out unless asked for. Fewer is better."
)


def load(selection: Selection, insiders: bool) -> pd.DataFrame:
    frame = query(SQL, (selection.project, selection.start, selection.end, insiders))
    frame["name"] = [
        f"{n} (no GitHub login)" if g else n
        for n, g in zip(frame["display_name"], frame["is_git_only"].fillna(False), strict=True)
    ]
    frame["insider"] = frame["is_insider"].map({True: "insider", False: fmt.DASH})
    return frame


def chart(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(encoded(frame, CHART_FIELDS))
        .mark_bar()
        .encode(
            # a half-width column: labels stop at 160 px and the legend sits under the bars
            y=alt.Y("name:N", title=None, sort="-x", axis=alt.Axis(labelLimit=160)),
            x=alt.X(
                "activities:Q", title="activities before going quiet", axis=alt.Axis(format=",d")
            ),
            color=alt.Color(
                "platform:N",
                scale=alt.Scale(domain=PLATFORMS),
                legend=alt.Legend(orient="bottom", columns=2, title=None),
            ),
            tooltip=[
                alt.Tooltip("name:N", title="person"),
                "platform:N",
                "activities:Q",
                alt.Tooltip("active_months:Q", title="active months"),
                alt.Tooltip("first_seen:N", title="first seen"),
                alt.Tooltip("last_seen:N", title="last seen"),
                alt.Tooltip("days_quiet:Q", title="days quiet"),
                alt.Tooltip("last_action:N", title="last action"),
            ],
        )
        .properties(height=alt.Step(20))
    )


def channel_line(channels: pd.DataFrame) -> str:
    """'12 regulars of #help (Discord) and 3 of #general (Slack) went quiet: …'."""
    parts = [
        f"{row.members:,} {'regular' if row.members == 1 else 'regulars'} of "
        f"{row.home_channel} ({str(row.platform).title()})"
        if i == 0
        else f"{row.members:,} of {row.home_channel} ({str(row.platform).title()})"
        for i, row in enumerate(channels.itertuples())
    ]
    return (
        f"{', '.join(parts)} went quiet: chat members are pseudonymised, so they are counted "
        "by the channel where they wrote most, never listed."
    )


def render(selection: Selection) -> int:
    insiders = st.toggle(
        "Include insiders (owners, members, collaborators)",
        key=f"quiet_insiders_{selection.project}",
        help="Insiders going quiet is a staffing matter more than an on-ramp one: left out by "
        "default.",
    )
    params = (selection.project, selection.start, selection.end, insiders)
    channels = query(CHANNELS_SQL, params)
    if not channels.empty:
        st.caption(channel_line(channels))
    frame = load(selection, insiders)
    if frame.empty:
        empty(
            "Nobody active in this period has gone quiet for 90 days. Widen the period to look "
            "further back."
        )
        return 0
    shown = fmt.text_cells(frame[list(HEADERS)])
    # a missing link stays empty (the table's placeholder shows "—"): as text, "—" would be
    # rendered as a link labelled "profile" to nowhere
    shown["profile_url"] = frame["profile_url"]

    def table() -> None:
        dataframe(
            shown,
            hide_index=True,
            height=table_height(len(shown), most=12),
            column_config={
                **{c: st.column_config.Column(h) for c, h in HEADERS.items()},
                "profile_url": st.column_config.LinkColumn("Profile", display_text="profile"),
            },
        )

    top = frame.iloc[0]
    count = fmt.plural(len(frame), "person", "people")
    card(
        f"Who went quiet? {count}; the most active: {top['name']} ({top['platform']}, "
        f"{top['activities']:,} activities), last seen {top['last_seen']}",
        key=f"{selection.project}-quiet-people",
        data=frame[list(HEADERS)].rename(columns=HEADERS),
        about=ABOUT,
        chart=chart(frame.head(CHART_ROWS)),
        note=f"The chart shows the {min(CHART_ROWS, len(frame))} most active; the list below "
        f"holds all {len(frame):,}.",
        table=table,
        sample=is_sample(frame),
    )
    return 1
