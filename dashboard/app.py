"""On-ramp dashboard: the router. Pages live in dashboard/views/."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(
    0, str(Path(__file__).resolve().parent.parent)
)  # `streamlit run` from any directory

from dashboard.data import is_published, published_file

VIEWS = Path(__file__).resolve().parent / "views"

st.set_page_config(page_title="On-ramp", page_icon="🛤️", layout="wide")

if not is_published():
    st.title("On-ramp")
    st.info(
        f"No published warehouse at `{published_file()}` yet. Run `make demo` for the demo, "
        "or `onramp collect` then `onramp build` for your own projects (see README.md)."
    )
    st.stop()

pages = [
    st.Page(
        str(VIEWS / "compare.py"), title="Compare", icon="📊", url_path="compare", default=True
    ),
    st.Page(str(VIEWS / "project.py"), title="Project", icon="🔎", url_path="project"),
]
st.navigation(pages).run()
