"""Data status: per project and source, the last run, rows, API calls, errors and cursor; the
sources not configured, with the setting that turns them on. Layout only."""

import streamlit as st

from dashboard.components import source_status
from dashboard.data import query

st.title("Data status")
build = query(
    "select strftime(built_at, '%Y-%m-%d %H:%M UTC') as built, strftime(data_cutoff, '%Y-%m-%d') "
    "as cutoff from dim_build"
).iloc[0]
st.caption(f"Published warehouse built {build['built']}; data cut-off {build['cutoff']}.")

status = source_status.load_status()
st.header("Freshness", anchor="freshness")
source_status.render_freshness(status)
st.header("Sources not configured", anchor="not-configured")
source_status.render_not_configured(status)
st.header("Collection runs", anchor="runs")
source_status.render_runs()
st.header("Cursors", anchor="cursors")
source_status.render_cursors()
