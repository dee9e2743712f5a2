"""The sidebar picks (project and period), kept in the URL so a view can be shared.

The picks live in session state under widget keys rendered by the router on every run, so they
survive switching pages even when the navigation drops the query string; each run writes them back
to the URL. A URL that changed since the last run (a shared link, a page link with query params)
wins over the session's picks.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard.data import query

DEFAULT_MONTHS = 24  # the default period: the last two years of data
URL_KEYS = {"project": "project", "from": "period_from", "to": "period_to"}


@dataclass(frozen=True)
class Selection:
    project: str
    project_name: str
    start: str  # 'YYYY-MM', inclusive
    end: str  # 'YYYY-MM', inclusive

    @property
    def params(self) -> dict[str, str]:
        """Query params that carry this selection to another page."""
        return {"project": self.project, "from": self.start, "to": self.end}


def projects() -> dict[str, str]:
    frame = query("select project, name from dim_projects order by position")
    return dict(zip(frame["project"], frame["name"], strict=True))


def months() -> list[str]:
    frame = query(
        "select strftime(m, '%Y-%m') as month from (select "
        "unnest(generate_series(min(month_start), max(month_start), interval 1 month)) as m from "
        "fct_indicators) order by 1"
    )
    return frame["month"].tolist()


def default_period(available: list[str]) -> tuple[str, str]:
    return available[max(0, len(available) - DEFAULT_MONTHS)], available[-1]


def _adopt_url(choices: dict[str, list[str]]) -> None:
    """Copy URL values the session has not written itself into the widgets' state."""
    written = st.session_state.get("_url_written", {})
    for param, key in URL_KEYS.items():
        value = st.query_params.get(param)
        if value is not None and value != written.get(param) and value in choices[key]:
            st.session_state[key] = value


def sidebar() -> Selection | None:
    """Render the picks; None when the warehouse has no project or no month yet."""
    names = projects()
    available = months()
    if not names or not available:
        return None
    ids = list(names)
    _adopt_url({"project": ids, "period_from": available, "period_to": available})
    start_default, end_default = default_period(available)
    st.session_state.setdefault("project", ids[0])
    st.session_state.setdefault("period_from", start_default)
    st.session_state.setdefault("period_to", end_default)
    with st.sidebar:
        project = st.selectbox("Project", ids, key="project", format_func=names.get)
        start = st.selectbox("From", available, key="period_from")
        end = st.selectbox("To", available, key="period_to")
    if start > end:
        start, end = end, start
    selection = Selection(project, names[project], start, end)
    st.query_params.update(selection.params)
    st.session_state["_url_written"] = selection.params
    return selection
