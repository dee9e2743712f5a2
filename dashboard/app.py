"""On-ramp dashboard: the router. Pages live in dashboard/views/, charts in dashboard/components/.

The sidebar picks (project, period) are rendered here, on every run of every page, so they survive
page switches; pages read them from st.session_state["selection"].
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run` may start from any directory: make the repository importable
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.controls import sidebar
from dashboard.data import is_published, published_file

VIEWS = Path(__file__).resolve().parent / "views"

st.set_page_config(page_title="On-ramp", page_icon="🛤️", layout="wide")

if not is_published():
    st.title("On-ramp")
    st.info(
        f"No published warehouse at `{published_file()}` yet. Run `make demo` for the bundled "
        "demo, or `onramp collect` then `onramp build` for your own projects (see README.md)."
    )
    st.stop()

PAGES = [
    st.Page(
        str(VIEWS / "compare.py"),
        title="Compare",
        icon=":material/compare_arrows:",
        url_path="compare",
        default=True,
    ),
    st.Page(
        str(VIEWS / "project.py"),
        title="Project",
        icon=":material/travel_explore:",
        url_path="project",
    ),
    st.Page(
        str(VIEWS / "dropoff.py"),
        title="Drop-off",
        icon=":material/trending_down:",
        url_path="drop-off",
    ),
    st.Page(
        str(VIEWS / "status.py"), title="Data status", icon=":material/database:", url_path="status"
    ),
]
page = st.navigation(PAGES)
selection = sidebar()
if selection is None:
    st.title("On-ramp")
    st.info(
        "The published warehouse holds no project data yet: run `onramp collect` then `onramp "
        "build`."
    )
    st.stop()
st.session_state["selection"] = selection
page.run()
