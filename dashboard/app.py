"""On-ramp dashboard: the router. Pages live in dashboard/views/, charts in dashboard/components/.

The sidebar picks (project, period) are rendered here, on every run of every page, so they survive
page switches; pages read them from st.session_state["selection"]. Each page shows only the picks
it acts on (PICKS). Data status opens whatever was published, even a warehouse with no project
data yet (after a failed first collection), so its errors are always one click away.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run` may start from any directory: make the repository importable
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.controls import ALL_PICKS, sidebar
from dashboard.data import is_published, published_file
from dashboard.months import months

VIEWS = Path(__file__).resolve().parent / "views"
STATUS = "views/status.py"
PICKS = {  # url path -> the sidebar picks the page acts on
    "compare": ("project", "period_to"),  # "as of" a month; the project is highlighted
    "project": ALL_PICKS,
    "drop-off": ALL_PICKS,
    "status": (),
}

st.set_page_config(page_title="On-ramp", page_icon="🛤️", layout="wide")

if not is_published():
    st.title("On-ramp")
    st.info(
        f"No published warehouse at `{published_file()}` yet. Run `make demo` for the bundled "
        "demo, or `onramp collect` then `onramp build` for your own projects (see README.md); "
        "`onramp build` publishes even after a failed collection, and Data status then shows its "
        "errors."
    )
    st.stop()

COMPARE = st.Page(
    str(VIEWS / "compare.py"), title="Compare", icon=":material/compare_arrows:", url_path="compare"
)


def _home() -> None:
    """The root URL opens Compare at /compare, the query string kept (a shared link still works)."""
    st.switch_page(COMPARE, query_params=st.query_params.to_dict())


PAGES = [
    st.Page(_home, title="On-ramp", url_path="home", default=True, visibility="hidden"),
    COMPARE,
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
if page.url_path == "":  # before the picks read the URL: a shared link's warnings show on Compare
    _home()
calendar = months()
selection = sidebar(calendar, PICKS.get(page.url_path, ALL_PICKS))
st.session_state["calendar"] = calendar
if selection is None and page.url_path != "status":
    st.title("On-ramp")
    st.info(
        "The published warehouse holds no project data yet: run `onramp collect` then `onramp "
        "build`. If a collection ran and failed, Data status shows its errors.",
        icon=":material/info:",
    )
    st.page_link(STATUS, label="Open Data status", icon=":material/database:")
    st.stop()
st.session_state["selection"] = selection
page.run()
