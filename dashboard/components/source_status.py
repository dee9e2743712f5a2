"""Data status: per project and source, whether it is configured, its last run and its freshness."""

from __future__ import annotations

import os

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import format as fmt
from dashboard.cards import card, dataframe, empty
from dashboard.data import query
from dashboard.sections import SECTIONS

STATUS_SQL = """
select p.name, s.project, s.source, s.setting, s.is_configured, s.targets,
    s.last_run_at, s.last_status, s.last_run_is_demo, s.last_rows, s.last_skipped, s.last_api_calls,
    s.failed_runs,
    s.last_error, s.cursors, s.cursor_updated_at, s.latest_activity_at, s.activities,
    s.freshness, date_diff('day', s.latest_activity_at, b.data_cutoff) as days_behind_cutoff
from fct_source_status as s
join dim_projects as p using (project)
cross join dim_build as b
order by p.position, case s.source when 'github' then 1 when 'hub' then 2 else 3 end
"""

RUNS_SQL = """
select run_id, source, coalesce(project, 'all projects') as project, started_at, seconds, api_calls,
    rows_written, skipped, status, error
from fct_collection_runs
order by started_at desc
limit 100
"""

CURSORS_SQL = """
select coalesce(project, '(no configured project)') as project, source, scope, cursor, has_etag,
    updated_at
from fct_sync_state
order by source, scope
"""

TOKENS = {
    "github": "GITHUB_TOKEN",
    "hub": "HF_TOKEN",
    "discord": "DISCORD_BOT_TOKEN",
    "slack": "SLACK_BOT_TOKEN",
}
ABOUT = (
    "**Freshness** — for each project and source, the days between the newest activity the "
    "warehouse holds and the data cut-off (the newest moment any source reached). Blank: the "
    "source is not configured for the project. Grey: it is configured, but holds no dated "
    "activity to measure (never collected, or collected with none: the Hub's dated activity is "
    "its discussions, so a Hub with models and no discussions is grey); the tooltip says which. "
    "A quiet Hub shows as behind even when its snapshots are current."
)


def _words(frame: pd.DataFrame) -> pd.DataFrame:
    """Headers in words and "—" for empty cells (the table, not the CSV)."""
    return fmt.text_cells(frame).rename(columns=fmt.word_headers(frame))


def load_status() -> pd.DataFrame:
    return query(STATUS_SQL)


UNMEASURED = "#d0d7de"  # configured, nothing dated to measure


def chart(frame: pd.DataFrame, project_names: list[str]) -> alt.Chart:
    x = alt.X(
        "source:N",
        title=None,
        sort=["github", "hub", "discord", "slack"],
        axis=alt.Axis(orient="top", labelAngle=0),
    )
    y = alt.Y("name:N", title=None, sort=project_names, axis=alt.Axis(labelLimit=320))
    unmeasured = frame[frame["is_configured"] & frame["days_behind_cutoff"].isna()]
    grey = (
        alt.Chart(unmeasured[["name", "source", "freshness", "last_status"]])
        .mark_rect(color=UNMEASURED)
        .encode(x=x, y=y, tooltip=["name:N", "source:N", "freshness:N", "last_status:N"])
    )
    return alt.layer(grey, _measured(frame, x, y)).properties(height=alt.Step(20), width=300)


def _measured(frame: pd.DataFrame, x: alt.X, y: alt.Y) -> alt.Chart:
    fields = ["name", "source", "is_configured", "last_status", "latest_activity_at"]
    measured = frame[frame["days_behind_cutoff"].notna()]
    return (
        alt.Chart(measured[[*fields, "days_behind_cutoff", "last_error"]])
        .mark_rect()
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "days_behind_cutoff:Q",
                title="days behind the cut-off",
                scale=alt.Scale(scheme="orangered", domainMin=0),
            ),
            tooltip=[
                "name:N",
                "source:N",
                "is_configured:N",
                "last_status:N",
                alt.Tooltip("latest_activity_at:T", title="newest activity"),
                alt.Tooltip("days_behind_cutoff:Q", title="days behind"),
                "last_error:N",
            ],
        )
    )


def render_freshness(frame: pd.DataFrame) -> None:
    names = frame.drop_duplicates("project")["name"].tolist()

    def table() -> None:
        with st.expander("Every project and source"):
            dataframe(_words(frame.drop(columns=["project"])), hide_index=True)

    card(
        "Which sources are current, and which lag behind?",
        key="status-freshness",
        data=frame,
        about=ABOUT,
        chart=chart(frame, names),
        table=table,
    )


def render_not_configured(frame: pd.DataFrame) -> int:
    """One line per source that is off for some projects, with the setting that turns it on."""
    off = frame[~frame["is_configured"]]
    if off.empty:
        st.success("Every source is configured for every project.")
        return 0
    how = {s.registry_list: s.how_to_fill for s in SECTIONS}
    for source, rows in off.groupby("source", sort=False):
        setting = rows["setting"].iloc[0]
        token = TOKENS[source]
        token_state = "set" if os.environ.get(token) else "not set"
        st.warning(
            f"**{source}** is off for {len(rows)} project(s): {', '.join(rows['name'])}. "
            f"To turn it on, {how[setting]}. (`{token}` is {token_state} in the dashboard's "
            "environment.)",
            icon=":material/power_off:",
        )
    return off["source"].nunique()


def render_runs() -> None:
    frame = query(RUNS_SQL)
    if frame.empty:
        empty("No collection run yet: run `onramp collect` (or `onramp demo`).")
        return
    failed = int((frame["status"] == "failed").sum())
    card(
        f"What ran last? {len(frame)} runs, {failed} failed",
        key="status-runs",
        data=frame,
        about="**Collection runs** — every `onramp collect`, `import-discord`, `import-slack` or "
        "demo load, newest first: API calls, rows written, records skipped (each named in the "
        "run's log), status and the one-line error of a failed run.",
        table=lambda: dataframe(_words(frame), hide_index=True),
    )


def render_cursors() -> None:
    frame = query(CURSORS_SQL)
    if frame.empty:
        empty(
            "No cursor saved yet: the next `onramp collect` starts from the beginning of each "
            "stream."
        )
        return
    card(
        f"Where will the next collection resume? {len(frame)} cursors",
        key="status-cursors",
        data=frame,
        about="**Cursors** — where each stream resumes: GitHub and Discord from the saved cursor "
        "minus an overlap, the Hub down to its saved watermark. `onramp collect --full` ignores "
        "them.",
        table=lambda: dataframe(_words(frame), hide_index=True),
    )
