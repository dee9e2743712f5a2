"""Drop-off: who is drifting away, what is waiting for an answer, did the last release bring people
who stayed? (the community manager's question). Layout only: charts are dashboard/components/."""

import streamlit as st

from core.catalog import load_catalog
from dashboard import format as fmt
from dashboard.components import (
    alerts,
    digest_download,
    quiet_people,
    release_activity,
    waiting_items,
)
from dashboard.controls import Selection

selection: Selection = st.session_state["selection"]
st.title(f"Drop-off: {selection.project_name}")
st.caption(
    f"{fmt.month_name(selection.start)} to {fmt.month_name(selection.end)}. What slipped, who went "
    "quiet, what waits for an answer, and how long a release keeps people around."
)
digest_download.render(selection)

st.header("Alerts", anchor="alerts")
alerts.render(selection, list(load_catalog().values()))
left, right = st.columns(2)
with left:
    st.header("Who went quiet", anchor="quiet")
    quiet_people.render(selection)
with right:
    st.header("Waiting for an answer", anchor="waiting")
    waiting_items.render(selection)
st.header("After a release", anchor="releases")
release_activity.render(selection)
