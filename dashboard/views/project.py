"""Project: who finds a way into the project, through which door, and do they get an answer?
(the maintainer's question). The on-ramp map heads the page; below it one collapsed section per
on-ramp, drawn only when opened, so the first view stays short. Layout only: the charts live in
dashboard/components/. BLOCKS is the page: a new component joins it with one line."""

import streamlit as st

from core.catalog import Indicator
from dashboard import format as fmt
from dashboard.cards import empty
from dashboard.components import (
    cohort_retention,
    contributor_segments,
    derivatives,
    indicator_trend,
    journeys,
    languages,
    onramp_map,
    organisation_shares,
    pr_cycle_time,
    project_facts,
)
from dashboard.controls import Selection
from dashboard.months import Months
from dashboard.sections import OTHER, SECTIONS, Section, indicators_by_section

selection: Selection = st.session_state["selection"]
calendar: Months = st.session_state["calendar"]
REGISTRY_LISTS = ("github_repos", "hub_authors", "hub_benchmark_datasets", "discord_guilds",
                  "slack_channels")  # fmt: skip


def open_linked_section() -> None:
    """`?section=KEY` (a map cell's link) opens that section once; the URL then drops it, so the
    reader can close it again."""
    key = st.query_params.get("section")
    if key:
        st.session_state[f"section-{key}"] = True
        del st.query_params["section"]


def configured() -> dict[str, bool]:
    facts = project_facts.facts(selection)
    return {k: bool(len(facts[k])) for k in REGISTRY_LISTS}


def header() -> None:
    st.title(selection.project_name)
    partial = (
        f" {calendar.label(calendar.cutoff_month)} is drawn lighter: it is not over."
        if selection.end >= calendar.cutoff_month
        else ""
    )
    st.caption(
        f"On-ramps into the project, {fmt.month_name(selection.start)} to "
        f"{fmt.month_name(selection.end)}; headline month {fmt.month_name(selection.headline)}, "
        f"the last complete one.{partial} Pick the project and the period in the sidebar."
    )


def _indicator_grid(indicators: list[Indicator], frame) -> int:
    columns = st.columns(2)
    drawn = 0
    for i, indicator in enumerate(indicators):
        with columns[i % 2]:
            drawn += indicator_trend.render(selection, indicator, frame, calendar)
    return drawn


def _extras(section: Section) -> int:
    """The section's charts beyond indicator lines; returns how many it drew."""
    drawn = 0
    if section.key == "upstream":
        drawn += pr_cycle_time.render(selection, calendar)
        drawn += contributor_segments.render(selection, calendar)
        drawn += cohort_retention.render(selection)
        drawn += organisation_shares.render(selection)
    if section.key == "derivatives":
        columns = st.columns(2)
        with columns[0]:
            drawn += derivatives.render_by_month(selection)
        with columns[1]:
            drawn += derivatives.render_by_base(selection)
        derivatives.render_top(selection)
        drawn += languages.render(selection)
    return drawn


def _section(section: Section, shown: list[Indicator], values, configured: bool) -> None:
    label = f"**{section.title}**" + (f" — {section.question}" if section.question else "")
    if not shown:
        label += " (no data)"
    box = st.expander(label, key=f"section-{section.key}", on_change="rerun")
    if not box.open:  # drawn only when opened: the first view stays at the map
        return
    with box:
        if not shown:
            if section is not OTHER and not configured:
                empty(
                    f"Not configured for {selection.project_name}: {section.how_to_fill}.",
                    status_link=True,
                )
            else:
                empty(
                    f"No values in this period yet. Widen the period, or {section.how_to_fill}.",
                    status_link=True,
                )
            return
        _indicator_grid(shown, values)
        _extras(section)


def sections() -> None:
    st.subheader("On-ramp by on-ramp", anchor="sections")
    st.caption("Open a section for its charts, month by month over the period.")
    facts = project_facts.facts(selection)
    grouped = indicators_by_section()
    ids = [i.id for group in grouped.values() for i in group]
    values = indicator_trend.load(selection, ids)
    present = indicator_trend.with_values(values)
    for section in (*SECTIONS, OTHER):
        # cross-platform (xp_*) indicators belong to the Journeys section
        shown = [i for i in grouped[section.key] if i.id in present and i.source != "crossplatform"]
        if section is OTHER and not shown:
            continue
        configured = section is OTHER or bool(len(facts[section.registry_list]))
        _section(section, shown, values, configured)


def journeys_section() -> None:
    box = st.expander(
        "**Journeys** — Where do newcomers first show up, and how many go on to contribute?",
        key="section-journeys",
        on_change="rerun",
    )
    if box.open:  # drawn only when opened, like the on-ramp sections
        with box:
            journeys.render(selection, calendar)


def about_the_project() -> None:
    st.subheader("Where the data comes from", anchor="sources")
    project_facts.render_facts(project_facts.facts(selection))
    project_facts.render_freshness(selection)


BLOCKS = [
    open_linked_section,
    header,
    lambda: onramp_map.render(selection, configured()),
    sections,
    journeys_section,
    about_the_project,
]
for block in BLOCKS:
    block()
