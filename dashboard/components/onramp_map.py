"""The on-ramp map heading the Project page: the study's collaboration types as rows, lifecycle
stages as columns, and in each cell the on-ramps On-ramp measures there: the headline month's value
(pending while it can still change), its change against the trailing 3 months and a year before, a
mark coloured by which way the mart says it went (change_3m_went), and what the study says.
Across projects (Compare), the same cells show which on-ramps carry which project."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from core.catalog import Indicator, load_catalog
from dashboard import format as fmt
from dashboard.cards import card, dataframe, is_sample, table_height
from dashboard.controls import Selection
from dashboard.data import query
from dashboard.sections import section_of
from dashboard.study_map import ROWS, STAGE_TITLES, reading

SQL = """
select c.project, c.indicator, c.month, c.value, c.final, c.settles_on, c.latest_value,
    c.as_of, c.change_3m, c.change_3m_went, c.change_1y, c.is_sample, c.stale, c.too_few,
    c.sample_size
from fct_indicator_changes as c
where list_contains(?, c.project) and c.month = ?
"""
DEMO_SQL = """
select source from fct_source_status where project = ? and last_run_is_demo
"""
GOOD, BAD, FLAT = "#1a7f37", "#cf222e", "#6e7781"
PER_CELL = 4  # the cell's first on-ramps (key first); the rest are in the sections below
JOURNEYS = "journeys"  # the Journeys section's key: where the cross-platform (xp_*) on-ramps live
ABOUT = (
    "**The on-ramp map** — the study's collaboration types (rows) by lifecycle stage (columns), "
    "from *The Open LLM Cartography*, §5, Figures 2-7. Each cell lists the catalog's indicators "
    "of that on-ramp, key indicators first: the value for the month shown, its change against "
    "the trailing three months and against a year before (▲▼ green went the good way, red the "
    "bad way, ● no change), or *pending* while it can still change. A snapshot indicator shows "
    "its latest snapshot and that snapshot's day (stale: more than 90 days old). The grey line "
    "is what the study says about the on-ramp. The CSV holds one row per project × indicator for "
    "the month, as `fct_indicator_changes` gives it."
)


def load(projects: list[str], month: str) -> pd.DataFrame:
    return query(SQL, (list(projects), month))


def cell_indicators(row: str, stage: str) -> list[Indicator]:
    """The catalog's indicators of a cell, key indicators first, catalog order otherwise."""
    found = [
        i
        for i in load_catalog().values()
        if i.collaboration_type == row and i.lifecycle_stage == stage
    ]
    return sorted(found, key=lambda i: not i.key)


def headline(row: pd.Series, indicator: Indicator) -> tuple[str, str | None]:
    """The value as the map shows it, and, for a snapshot total, the day of its snapshot (every
    snapshot value shows its date, in its own month too)."""
    if indicator.shape == "snapshot":
        if fmt.is_missing(row["latest_value"]):
            return fmt.DASH, None
        return fmt.with_unit(row["latest_value"], indicator), row["as_of"]
    return fmt.with_unit(row["value"], indicator, final=bool(row["final"])), None


def mark(change: float | None, went: str | None) -> tuple[str, str]:
    """An arrow for the change against the trailing 3 months, green where it went the good way
    (`went`, fct_indicator_changes.change_3m_went: the mart applies the catalog's `good`). A
    change that reads as 0 % is no news, whichever way it rounds."""
    if fmt.is_missing(change) or fmt.change(change) in ("+0%", "−0%"):
        return "●", FLAT
    arrow = "▲" if change > 0 else "▼"
    return arrow, {"better": GOOD, "worse": BAD}.get(None if fmt.is_missing(went) else went, FLAT)


def section_key(indicator: Indicator) -> str:
    """The Project page section that charts the indicator (a map cell's way in)."""
    return JOURNEYS if indicator.source == "crossplatform" else section_of(indicator).key


def _anchor(text: str, href: str | None) -> str:
    if href is None:
        return text
    return f'<a href="{html.escape(href)}" target="_self">{text}</a>'


def _line(row: pd.Series, indicator: Indicator, link: Callable[[str], str] | None = None) -> str:
    value, as_of = headline(row, indicator)
    name = _anchor(html.escape(indicator.name), link(section_key(indicator)) if link else None)
    if not bool(row["final"]) and as_of is None:
        return (
            f'<span style="color:{FLAT}">◌</span> {name}: <b>pending</b> '
            f'<span style="color:{FLAT}">(final on {fmt.day(row["settles_on"])})</span>'
        )
    arrow, colour = mark(row["change_3m"], row["change_3m_went"])
    few = fmt.rests_on_too_few(value, row.get("too_few", False), row.get("sample_size"))
    if few:  # a ratio over 3 pull requests went neither way that a reader should trust
        colour = FLAT
    text = f'<span style="color:{colour}">{arrow}</span> {name}: <b>{html.escape(value)}</b>'
    if few:
        text += (
            f' <span style="color:{FLAT}">· too few to judge ({int(row["sample_size"])} '
            f"items, under the catalog's {indicator.min_sample})</span>"
        )
    if as_of is not None:
        old = ", stale" if bool(row.get("stale", False)) else ""
        return (
            text + f' <span style="color:{FLAT}">(snapshot of {fmt.as_of_text(as_of)}{old})</span>'
        )
    if value == fmt.DASH:
        return text
    return (
        text + f' <span style="color:{FLAT}">{fmt.change(row["change_3m"])} vs 3 months, '
        f"{fmt.change(row['change_1y'])} vs a year</span>"
    )


def missing_line(
    indicators: list[Indicator],
    configured: dict[str, bool] | None,
    demo: frozenset[str] = frozenset(),
) -> str:
    """Why a cell with on-ramps has no value, and how to add one: the projects.toml key its
    sections need where the project does not set it; the demo's load where its sources came from
    the bundled snapshot (which holds nothing for the cell: not collected there, never 0); else
    the sources have nothing collected."""
    sources = sorted({i.source for i in indicators})
    if configured is not None:
        sections = {}
        for i in indicators:
            section = section_of(i)
            if section.registry_list and not configured.get(section.registry_list, True):
                sections.setdefault(section.registry_list, section)
        if sections:
            # the sections' Markdown `code` as HTML: Markdown is not read inside the cell's HTML
            how = re.sub(
                r"`([^`]+)`",
                r"<code>\1</code>",
                html.escape("; ".join(s.how_to_fill for s in sections.values())),
            )
            keys = ", ".join(f"<code>{k}</code>" for k in sections)
            return (
                f"<i>No data: {keys} not set in projects.toml for this project. "
                f"To add it: {how}</i>"
            )
    if sources and set(sources) <= demo:
        return (
            "<i>Not collected in the demo: its bundled snapshot holds no "
            f"{', '.join(sources)} data for this on-ramp. <code>onramp collect</code> and "
            "<code>onramp build</code> measure it on your own projects</i>"
        )
    sources = ", ".join(sources)
    if configured is not None:
        return (
            f"<i>No data for this month: {sources} configured, but nothing collected that counts "
            "here yet (see Data status; run <code>onramp collect</code> and "
            "<code>onramp build</code>)</i>"
        )
    return f"<i>No data: {sources} not collected for this project</i>"


def cell_html(
    values: pd.DataFrame,
    row_key: str,
    stage: str,
    configured: dict[str, bool] | None = None,
    link: Callable[[str], str] | None = None,
    demo: frozenset[str] = frozenset(),
) -> str:
    """A cell's lines. `configured`: which projects.toml lists the project sets (to say what is
    missing); `link`: a section key -> the address that opens it (each line a way in); `demo`:
    the sources whose data is the demo's load (an empty cell says "not collected in the demo")."""
    indicators = cell_indicators(row_key, stage)
    study = reading(row_key, stage)
    by_id = values.set_index("indicator") if len(values) else pd.DataFrame()
    shown = [i for i in indicators if i.id in by_id.index]
    lines = [_line(by_id.loc[i.id], i, link) for i in shown]
    if len(lines) > PER_CELL:
        rest = shown[PER_CELL:]
        more = f"+ {len(rest)} more in the section below"
        lines = [*lines[:PER_CELL], _anchor(more, link(section_key(rest[0])) if link else None)]
    if indicators and not lines:
        lines = [missing_line(indicators, configured, demo)]
    elif not indicators and study:
        lines = ["<i>Not measured: public platforms do not show this on-ramp</i>"]
    parts = ["<br>".join(lines)] if lines else []
    if study:
        parts.append(f'<span style="color:{FLAT};font-size:0.85em">{html.escape(study)}</span>')
    return "<br>".join(parts) or f'<span style="color:{FLAT}">{fmt.DASH}</span>'


def table_html(
    values: pd.DataFrame,
    configured: dict[str, bool] | None = None,
    link: Callable[[str], str] | None = None,
    demo: frozenset[str] = frozenset(),
) -> str:
    head = "".join(f"<th>{title}</th>" for title in STAGE_TITLES.values())
    body = []
    for row in ROWS:
        cells = "".join(
            '<td style="vertical-align:top">'
            + cell_html(values, row.key, stage, configured, link, demo)
            + "</td>"
            for stage in STAGE_TITLES
        )
        body.append(
            f'<tr><th style="vertical-align:top;text-align:left">{row.title}</th>{cells}</tr>'
        )
    return (
        '<table style="width:100%;font-size:0.9em"><thead><tr><th>On-ramp</th>'
        f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def section_link(selection: Selection) -> Callable[[str], str]:
    """A section key -> this page's address with the picks and `section=` (which opens it)."""

    def link(key: str) -> str:
        return "?" + urlencode({**selection.params, "section": key}) + "#sections"

    return link


def demo_sources(project: str) -> frozenset[str]:
    """The sources whose latest run for the project is the demo's load (fct_source_status)."""
    frame = query(DEMO_SQL, (project,))
    return frozenset(frame["source"])


def render(selection: Selection, configured: dict[str, bool] | None = None) -> pd.DataFrame:
    """The project's map for its headline month; returns the values it shows (for tests).
    `configured`: which projects.toml lists the project sets, so an empty cell names the key."""
    values = load([selection.project], selection.headline)
    demo = demo_sources(selection.project)
    link = section_link(selection)
    st.subheader(
        f"Where do people find a way in? The on-ramp map, {fmt.month_name(selection.headline)}",
        anchor="map",
    )
    st.caption(
        "The study's map (The Open LLM Cartography, §5, Figures 2-7): collaboration types by "
        "lifecycle stage. Each on-ramp shows its value for the last complete month, its change "
        "against the three months before and against a year before; ▲▼ green went the good way, "
        "red the bad way. Pending: the value can still change (it needs more time to settle). "
        "Each on-ramp's name opens its section below."
    )
    card(
        "The on-ramp map",
        key="onramp-map",
        data=values,
        about=ABOUT,
        table=lambda: st.markdown(
            table_html(values, configured, link, demo), unsafe_allow_html=True
        ),
        sample=is_sample(values),
    )
    return values


def render_across(values: pd.DataFrame, names: dict[str, str], highlight: str = "") -> None:
    """Compare's map: one row per project (`across_projects`), in a card with its about note and
    the values behind it as CSV."""
    table = across_projects(values, names, highlight)
    card(
        "The on-ramp map across projects",
        key="onramp-map-across",
        data=values,
        about=ABOUT + " Across projects, each column is a cell's key (or first) on-ramp.",
        table=lambda: dataframe(table, hide_index=True, height=table_height(len(table))),
        sample=is_sample(values),
    )


def _dated(row: pd.Series, indicator: Indicator) -> str:
    """A cell of the map across projects: the value, with its snapshot's date where it has one,
    or "too few (n)" where it rests on fewer items than the catalog's min_sample."""
    value, as_of = headline(row, indicator)
    return fmt.with_marks(
        value,
        indicator,
        as_of=as_of,
        stale=bool(row.get("stale", False)),
        too_few=bool(row.get("too_few", False)),
        sample_size=row.get("sample_size"),
    )


def across_projects(
    frame: pd.DataFrame, names: dict[str, str], highlight: str = ""
) -> pd.DataFrame:
    """One row per project, one column per measured cell: its key (or first) on-ramp's value.
    The `highlight` project (the sidebar's) is marked ▶."""
    columns: dict[str, dict[str, str]] = {}
    for row in ROWS:
        for stage, stage_title in STAGE_TITLES.items():
            indicators = cell_indicators(row.key, stage)
            if not indicators:
                continue
            lead = indicators[0]
            label = f"{row.title} · {stage_title}: {lead.name}"
            rows = frame[frame["indicator"] == lead.id].set_index("project")
            columns[label] = {
                p: (_dated(rows.loc[p], lead) if p in rows.index else fmt.NOT_COLLECTED)
                for p in names
            }
    out = pd.DataFrame(columns)
    out.insert(0, "Project", [("▶ " if p == highlight else "") + names[p] for p in out.index])
    return out.reset_index(drop=True)
