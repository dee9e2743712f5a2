"""The sidebar picks (project and period), kept in the URL so a view can be shared.

The picks live in session state under widget keys. A page shows only the picks it acts on; the
others keep their values (re-assigned on every run, so Streamlit does not drop a widget's state
while it is not drawn) and stay in the URL. A URL that changed since the last run (a shared link, a
page link with query params) wins over the session's picks; a value it names that the warehouse
does not hold is reported, never silently replaced.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard.data import query
from dashboard.months import Months

DEFAULT_MONTHS = 24  # the default period: the two years ending with the last complete month
URL_KEYS = {"project": "project", "from": "period_from", "to": "period_to"}
ALL_PICKS = ("project", "period_from", "period_to")


@dataclass(frozen=True)
class Selection:
    project: str
    project_name: str
    start: str  # 'YYYY-MM', inclusive
    end: str  # 'YYYY-MM', inclusive
    headline: str = ""  # the period's headline month: its end, or the last complete month before

    def __post_init__(self) -> None:
        if not self.headline:  # built without the calendar (a test, a script): the period's end
            object.__setattr__(self, "headline", self.end)

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


def default_period(available: list[str], headline_month: str) -> tuple[str, str]:
    """Two years ending with the last complete month (the partial cut-off month stays pickable)."""
    complete = [m for m in available if m <= headline_month] or available
    return complete[max(0, len(complete) - DEFAULT_MONTHS)], complete[-1]


def _adopt_url(choices: dict[str, list[str]]) -> list[str]:
    """Copy URL values the session has not written itself into the widgets' state; return a
    warning for each value the warehouse does not hold."""
    written = st.session_state.get("_url_written", {})
    warnings = []
    for param, key in URL_KEYS.items():
        value = st.query_params.get(param)
        if value is None or value == written.get(param):
            continue
        if value in choices[key]:
            st.session_state[key] = value
        else:
            warnings.append(f"The link's `{param}={value}` is not in the published warehouse")
    return warnings


def _keep_alive() -> None:
    for key in ALL_PICKS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def sidebar(calendar: Months, picks: tuple[str, ...] = ALL_PICKS) -> Selection | None:
    """Render the picks this page acts on; None when the warehouse has no project or month yet."""
    names = projects()
    available = months()
    if not names or not available:
        return None
    ids = list(names)
    _keep_alive()
    warnings = _adopt_url({"project": ids, "period_from": available, "period_to": available})
    start_default, end_default = default_period(available, calendar.headline_month)
    st.session_state.setdefault("project", ids[0])
    st.session_state.setdefault("period_from", start_default)
    st.session_state.setdefault("period_to", end_default)
    with st.sidebar:
        if "project" in picks:
            st.selectbox("Project", ids, key="project", format_func=names.get)
        if "period_from" in picks:
            st.selectbox("From", available, key="period_from", format_func=calendar.label)
        if "period_to" in picks:
            st.selectbox(
                "To" if "period_from" in picks else "As of",
                available,
                key="period_to",
                format_func=calendar.label,
            )
    for warning in warnings:
        st.warning(f"{warning}: showing the default instead.", icon=":material/link_off:")
    project = st.session_state["project"]
    start, end = st.session_state["period_from"], st.session_state["period_to"]
    if start > end:
        start, end = end, start
    selection = Selection(project, names[project], start, end, calendar.headline(end))
    st.query_params.update(selection.params)
    st.session_state["_url_written"] = selection.params
    return selection
