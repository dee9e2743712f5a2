"""Data status: per project and source, the last run, rows, API calls, errors and cursor; the
sources not configured, with the setting that turns them on. It opens whatever was published (even
with no project data, after a failed first collection) and leads with the failed runs' errors.
Layout only."""

import streamlit as st

from dashboard import format as fmt
from dashboard.cards import dataframe, table_height
from dashboard.components import source_status
from dashboard.data import query

FAILED_SQL = """
select strftime(started_at, '%Y-%m-%d %H:%M') as started, source,
    coalesce(project, 'all projects') as project, error
from fct_collection_runs
where status = 'failed'
order by started_at desc
"""

st.title("Data status")
build = query(
    "select strftime(built_at, '%Y-%m-%d %H:%M UTC') as built, strftime(data_cutoff, '%Y-%m-%d') "
    "as cutoff from dim_build"
).iloc[0]
cutoff = build["cutoff"] if isinstance(build["cutoff"], str) else "none yet (no data collected)"
st.caption(f"Published warehouse built {build['built']}; data cut-off {cutoff}.")

failed = query(FAILED_SQL)
if len(failed):
    latest = failed.iloc[0]
    st.error(
        f"{fmt.plural(len(failed), 'collection run')} failed. The latest, {latest['source']} for "
        f"{latest['project']} at {latest['started']} UTC: {latest['error'] or 'no error recorded'}",
        icon=":material/error:",
    )
    dataframe(
        fmt.text_cells(failed),
        hide_index=True,
        height=table_height(len(failed), most=10),
        column_config={
            "started": "Started (UTC)",
            "source": "Source",
            "project": "Project",
            "error": st.column_config.TextColumn("Error", width="large"),
        },
    )

status = source_status.load_status()
st.header("Freshness", anchor="freshness")
source_status.render_freshness(status)
st.header("Sources not configured", anchor="not-configured")
source_status.render_not_configured(status)
st.header("Collection runs", anchor="runs")
source_status.render_runs()
st.header("Cursors", anchor="cursors")
source_status.render_cursors()
