"""Project: who finds a way into the project, through which door, and do they get an answer?
(the maintainer's question). Layout only: the charts live in dashboard/components/."""

import streamlit as st

from core.catalog import Indicator
from dashboard import format as fmt
from dashboard.cards import empty
from dashboard.components import (
    cohort_retention,
    derivatives,
    indicator_trend,
    journeys,
    project_facts,
)
from dashboard.controls import Selection
from dashboard.sections import OTHER, SECTIONS, Section, indicators_by_section

selection: Selection = st.session_state["selection"]
st.title(selection.project_name)
st.caption(
    f"On-ramps into the project, {fmt.month_name(selection.start)} to "
    f"{fmt.month_name(selection.end)}."
    " Pick the project and the period in the sidebar."
)
st.markdown(" · ".join(f"[{sec.title}](#{sec.key})" for sec in SECTIONS))  # jump to an on-ramp
facts = project_facts.facts(selection)
project_facts.render_facts(facts)
project_facts.render_freshness(selection)

grouped = indicators_by_section()


def _configured(section: Section) -> bool:
    return bool(len(facts[section.registry_list]))


def _indicator_grid(indicators: list[Indicator], frame) -> None:
    columns = st.columns(2)
    for i, indicator in enumerate(indicators):
        with columns[i % 2]:
            indicator_trend.render(selection, indicator, frame)


def _extras(section: Section) -> int:
    """The section's charts beyond indicator lines; returns how many it drew."""
    drawn = 0
    if section.key == "upstream":
        drawn += cohort_retention.render(selection)
    if section.key == "derivatives":
        columns = st.columns(2)
        with columns[0]:
            drawn += derivatives.render_by_month(selection)
        with columns[1]:
            drawn += derivatives.render_by_base(selection)
        drawn += derivatives.render_top(selection)
    return drawn


all_ids = [i.id for group in grouped.values() for i in group]
values = indicator_trend.load(selection, all_ids)
present = indicator_trend.with_values(values)
for section in (*SECTIONS, OTHER):
    # cross-platform (xp_*) indicators belong to the Journeys section below
    shown = [i for i in grouped[section.key] if i.id in present and i.source != "crossplatform"]
    if section is OTHER and not shown:
        continue
    st.header(section.title, anchor=section.key)
    if section.question:
        st.caption(section.question)
    if not shown:
        if section is not OTHER and not _configured(section):
            empty(f"Not configured for {selection.project_name}: {section.how_to_fill}.")
        else:
            empty(f"No values in this period yet. Widen the period, or {section.how_to_fill}.")
        continue
    _indicator_grid(shown, values)
    _extras(section)

st.header("Journeys", anchor="journeys")
st.caption("Where do newcomers first show up, and how many go on to contribute?")
journeys.render(selection)
