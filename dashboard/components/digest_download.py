"""The Drop-off page's digest download: the Markdown `onramp digest --project ID` prints for the 7
days ending with the data cut-off, ready to paste into the community's Discord or Slack."""

from __future__ import annotations

import streamlit as st

from core.settings import env
from dashboard.controls import Selection
from dashboard.data import cursor, published_version
from digest import markdown
from digest.compose import compose

HELP = (
    "The last 7 days to the data cut-off, as `onramp digest` prints it: newcomers to welcome, "
    "what waits for an answer, who went quiet, what slipped, new derivatives and benchmark "
    "results. Pseudonymised members are counted, never named."
)


def digest_markdown(project: str) -> str:
    return _cached(project, env("ONRAMP_DASHBOARD_URL"), *published_version())


@st.cache_data(ttl=300, show_spinner=False, max_entries=64)
def _cached(project: str, dashboard_url: str | None, path: str, version: tuple) -> str:
    with cursor() as con:
        return markdown.render(compose(con, project, "7d", dashboard_url=dashboard_url))


def render(selection: Selection) -> None:
    st.download_button(
        "Weekly digest (Markdown)",
        data=lambda: digest_markdown(selection.project).encode("utf-8"),
        file_name=f"onramp-digest-{selection.project}.md",
        mime="text/markdown",
        key="digest-download",
        on_click="ignore",
        icon=":material/download:",
        help=HELP,
    )
