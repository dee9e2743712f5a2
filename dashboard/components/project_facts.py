"""The registry facts of a project and the freshness of its data, per source."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import format as fmt
from dashboard.cards import card, dataframe, is_sample
from dashboard.controls import Selection
from dashboard.data import query

FACTS_SQL = """
select name, organization_type, organizational_model, github_repos, hub_authors,
    hub_benchmark_datasets, discord_guilds, slack_channels
from dim_projects where project = ?
"""

FRESHNESS_SQL = """
select source, is_configured, targets,
    strftime(last_run_at, '%Y-%m-%d %H:%M') as last_run, last_status, last_run_is_demo,
    strftime(latest_activity_at, '%Y-%m-%d') as newest_activity, activities, last_error,
    (select strftime(data_cutoff, '%Y-%m-%d') from dim_build) as data_cutoff
from fct_source_status where project = ?
order by case source when 'github' then 1 when 'hub' then 2 else 3 end
"""

ABOUT_FRESHNESS = (
    "**Data freshness** — per source: whether projects.toml configures it for this project, the "
    "latest collection run that covered it (a demo load covers every source), and the newest "
    "activity the warehouse holds. Indicators reach up to the data cut-off. Data status lists "
    "every run, cursor and error."
)


def _links(items, url: str) -> str:
    return ", ".join(f"[{item}]({url.format(item)})" for item in items) or "none configured"


def facts(selection: Selection) -> pd.Series:
    """The project's registry entry; its list columns say which sources are configured."""
    return query(FACTS_SQL, (selection.project,)).iloc[0]


def render_facts(facts: pd.Series) -> None:
    left, right = st.columns(2)
    left.markdown(
        f"**Organisation:** {facts['organization_type'] or 'not given'}  \n"
        f"**Organisational model:** {fmt.organisational_model(facts['organizational_model'])}  \n"
        f"**Discord guilds:** {len(facts['discord_guilds']) or 'none configured'}  \n"
        f"**Slack channels:** {len(facts['slack_channels']) or 'none configured or imported'}"
    )
    right.markdown(
        f"**GitHub repositories:** {_links(facts['github_repos'], 'https://github.com/{}')}  \n"
        f"**Hub authors:** {_links(facts['hub_authors'], 'https://huggingface.co/{}')}  \n"
        f"**Benchmark datasets:** "
        f"{_links(facts['hub_benchmark_datasets'], 'https://huggingface.co/datasets/{}')}"
    )


def freshness(selection: Selection) -> pd.DataFrame:
    return query(FRESHNESS_SQL, (selection.project,))


def render_freshness(selection: Selection) -> None:
    frame = freshness(selection)
    cutoff = frame["data_cutoff"].iloc[0] if len(frame) else "unknown"

    def table() -> None:
        dataframe(
            fmt.text_cells(frame.drop(columns=["data_cutoff", "last_run_is_demo"])),
            hide_index=True,
            column_config={
                "source": st.column_config.TextColumn("source"),
                "is_configured": st.column_config.CheckboxColumn("configured"),
                "targets": st.column_config.NumberColumn("repos / authors / guilds"),
                "activities": st.column_config.NumberColumn("activities held", format="localized"),
                "last_run": st.column_config.TextColumn("last run (UTC)"),
                "last_status": st.column_config.TextColumn("status"),
                "newest_activity": st.column_config.TextColumn("newest activity"),
                "last_error": st.column_config.TextColumn("last error"),
            },
        )

    demo = bool(frame["last_run_is_demo"].fillna(False).any())
    card(
        f"How fresh is this data? Cut-off {cutoff}" + (" (bundled demo snapshot)" if demo else ""),
        key=f"{selection.project}-freshness",
        data=frame,
        about=ABOUT_FRESHNESS,
        table=table,
        sample=is_sample(frame),
    )
