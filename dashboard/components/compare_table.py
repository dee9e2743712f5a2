"""Every project side by side: each chosen indicator's value for the headline month (pending while
it can still change; snapshot totals: their latest snapshot, with its date and "stale" past 90
days; "too few" under the catalog's min_sample; "not collected" where the project has no value
at all) and its 12 months to then. Every project shows without an inner scroll; the sidebar's
project is marked ▶.

The table is HTML, not a canvas grid: its headers wrap, so every indicator's full name reads (a
grid cuts them: "External pull requests opened (pu"), each header carries the indicator's
definition as a tooltip, and the project column stays pinned while wider picks scroll sideways.
The projects are grouped under their organisational model."""

from __future__ import annotations

import html
import math

import pandas as pd
import streamlit as st

from core.catalog import DIRECTIONS, Indicator
from dashboard import format as fmt
from dashboard.cards import card, is_sample
from dashboard.controls import Selection
from dashboard.data import query

SQL = """
with at_headline as (
    select c.project, c.indicator, c.final, c.is_sample, c.headline_value as value, s.sparkline,
        c.as_of, c.stale, c.too_few, c.sample_size
    from fct_indicator_changes as c
    left join fct_indicator_sparklines as s using (project, indicator, month)
    where c.month = ? and list_contains(?, c.indicator)
)
select p.project, p.name, p.organizational_model, p.position,
    h.indicator, h.value, h.final, h.sparkline, h.is_sample, h.as_of, h.stale, h.too_few,
    h.sample_size
from dim_projects as p
left join at_headline as h using (project)
where list_contains(?, p.organizational_model)
order by p.organizational_model, p.position, h.indicator
"""
MARK = "▶ "
COVERAGE_SQL = """
select p.name, c.snapshot, c.project_models, c.covered_models
from fct_snapshot_coverage as c
join dim_projects as p using (project)
where list_contains(?, c.project) and c.snapshot = ? and c.covered_models > 0
order by p.organizational_model, p.position
"""
# the snapshot behind each snapshot indicator whose coverage the page states
COVERED_BY = {
    "hub_derivatives_total": "derivative_trees",
    "hub_finetunes_total": "derivative_trees",
    "hub_adapters_total": "derivative_trees",
    "hub_quantized_total": "derivative_trees",
    "hub_merges_total": "derivative_trees",
    "hub_downloads_30d": "downloads",
}
COVERAGE_NOUNS = {"derivative_trees": "derivative trees of", "downloads": "downloads of"}


COLLECTED_SQL = """
select distinct c.indicator
from fct_indicator_changes as c
join dim_projects as p using (project)
where c.month = ? and list_contains(?, c.indicator) and list_contains(?, p.organizational_model)
"""


def collected(selection: Selection, indicators: list[Indicator], models: list[str]) -> set[str]:
    """The indicators some project shown has a row for at the headline month: the others were
    never collected for any of them (a column of "not collected" only)."""
    ids = [i.id for i in indicators]
    return set(query(COLLECTED_SQL, (selection.headline, ids, list(models)))["indicator"])


def load(selection: Selection, indicators: list[Indicator], models: list[str]) -> pd.DataFrame:
    """Long: one row per project per indicator, for the headline month."""
    ids = [i.id for i in indicators]
    return query(SQL, (selection.headline, ids, list(models)))


def wide(frame: pd.DataFrame, indicators: list[Indicator], highlight: str) -> pd.DataFrame:
    """One row per project: a value column (text: "pending", "—") and a trend per indicator."""
    base = frame[["project", "name", "organizational_model", "position"]].drop_duplicates("project")
    out = base.set_index("project")
    out["name"] = [
        MARK + n if p == highlight else n for p, n in zip(out.index, out["name"], strict=True)
    ]
    out["organizational_model"] = out["organizational_model"].map(fmt.organisational_model)
    for indicator in indicators:
        rows = frame[frame["indicator"] == indicator.id].set_index("project")
        text = [
            fmt.shown_value(
                r.value, indicator, final=bool(r.final), as_of=r.as_of, stale=bool(r.stale),
                too_few=bool(r.too_few), sample_size=r.sample_size,
            )
            for r in rows.itertuples()
        ]  # fmt: skip
        # no row at all: the source was never collected for the project (not 0, not "—")
        out[indicator.id] = (
            pd.Series(text, index=rows.index, dtype=object)
            .reindex(out.index)
            .fillna(fmt.NOT_COLLECTED)
        )
        out[f"{indicator.id}__trend"] = rows["sparkline"].reindex(out.index)
    out["is_sample"] = frame.groupby("project")["is_sample"].any().reindex(out.index).fillna(False)
    return out.reset_index().sort_values(["organizational_model", "position"])


CLASS = "onramp-compare"
STYLE = f"""<style>
.{CLASS} {{ overflow-x: auto; max-width: 100%; margin-bottom: 0.5rem; }}
.{CLASS} table {{ border-collapse: separate; border-spacing: 0; font-size: 0.875rem;
    width: 100%; margin: 0; }}
.{CLASS} th, .{CLASS} td {{ padding: 0.35rem 0.5rem; border: none;
    border-bottom: 1px solid rgba(49, 51, 63, 0.12); vertical-align: top; text-align: left; }}
.{CLASS} thead th {{ white-space: normal; overflow-wrap: break-word; min-width: 6.25rem;
    max-width: 10rem; vertical-align: bottom; font-weight: 600; line-height: 1.25;
    background: #fff; cursor: help; }}
.{CLASS} thead th .unit {{ display: block; font-weight: 400; color: #6e7781;
    font-size: 0.75rem; }}
.{CLASS} .project {{ position: sticky; left: 0; z-index: 1; background: #fff;
    min-width: 8rem; max-width: 12rem; white-space: normal; overflow-wrap: break-word;
    box-shadow: inset -1px 0 0 rgba(49, 51, 63, 0.2); }}
.{CLASS} thead th.project {{ z-index: 2; cursor: default; }}
.{CLASS} tr.model th {{ background: #f3f4f6; font-size: 0.8rem; color: #31333f;
    font-weight: 600; }}
.{CLASS} tr.picked th, .{CLASS} tr.picked td {{ background: #fff8e1; }}
.{CLASS} .value {{ font-weight: 600; font-variant-numeric: tabular-nums; }}
.{CLASS} .mark {{ display: block; color: #6e7781; font-size: 0.75rem; line-height: 1.2; }}
.{CLASS} .missing {{ color: #6e7781; }}
.{CLASS} svg {{ display: block; margin-top: 0.2rem; }}
</style>"""
SPARK_WIDTH, SPARK_HEIGHT = 96, 20


def tooltip(indicator: Indicator, until: str) -> str:
    """A header's tooltip: the indicator's full name, its definition and how to read it."""
    return (
        f"{indicator.name} ({indicator.id}): {indicator.definition} Unit: {indicator.unit}; "
        f"{DIRECTIONS[indicator.good]}.{indicator.sample_note()} Below each value: its 12 "
        f"months to {until}."
    )


def sparkline(values, label: str) -> str:
    """A 12-month trend as a small inline SVG line (a gap where a month has no value)."""
    if not hasattr(values, "__len__") or len(values) == 0:
        return ""
    points = [None if fmt.is_missing(v) else float(v) for v in values]
    known = [v for v in points if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    step = SPARK_WIDTH / max(len(points) - 1, 1)

    def y(v: float) -> float:
        if math.isclose(high, low):
            return SPARK_HEIGHT / 2
        return SPARK_HEIGHT - 2 - (v - low) / (high - low) * (SPARK_HEIGHT - 4)

    runs: list[list[tuple[float, float]]] = [[]]
    for index, v in enumerate(points):
        if v is None:
            runs.append([])
        else:
            runs[-1].append((index * step, y(v)))
    lines = "".join(
        '<polyline points="'
        + " ".join(f"{x:.1f},{yy:.1f}" for x, yy in run)
        + '" fill="none" stroke="#4c78a8" stroke-width="1.5"/>'
        if len(run) > 1
        else f'<circle cx="{run[0][0]:.1f}" cy="{run[0][1]:.1f}" r="1.5" fill="#4c78a8"/>'
        for run in runs
        if run
    )
    return (
        f'<svg width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}" role="img" '
        f'aria-label="{html.escape(label)}"><title>{html.escape(label)}</title>{lines}</svg>'
    )


def cell(text: str, trend, label: str) -> str:
    """A value cell: the value, what a reader must know to trust it (each mark on its own line:
    "as of 22 Apr 2025, stale", "too few (3)"), then its 12-month trend."""
    if text == fmt.NOT_COLLECTED:
        return f'<span class="missing">{fmt.NOT_COLLECTED}</span>'
    value, *marks = text.split(" · ")
    out = f'<span class="value">{html.escape(value)}</span>'
    out += "".join(f'<span class="mark">{html.escape(m)}</span>' for m in marks)
    return out + sparkline(trend, label)


def table_html(frame: pd.DataFrame, indicators: list[Indicator], selection: Selection) -> str:
    """The side-by-side table: one header per indicator (its full name, wrapping; the definition
    as a tooltip), a row per project under its organisational model, the project column pinned."""
    until = fmt.month_name(selection.headline)
    heads = "".join(
        f'<th scope="col" data-indicator="{i.id}" title="{html.escape(tooltip(i, until))}">'
        f'{html.escape(i.name)}<span class="unit">{html.escape(i.unit)}</span></th>'
        for i in indicators
    )
    rows, model = [], None
    for r in frame.to_dict("records"):
        if r["organizational_model"] != model:
            model = r["organizational_model"]
            rows.append(
                f'<tr class="model"><th class="project" scope="rowgroup">{html.escape(model)}</th>'
                f'<td colspan="{len(indicators)}"></td></tr>'
            )
        picked = r["name"].startswith(MARK)
        name = f'<a href="{html.escape(r["link"])}" target="_self">{html.escape(r["name"])}</a>'
        cells = "".join(
            f'<td data-indicator="{i.id}">'
            + cell(r[i.id], r[f"{i.id}__trend"], f"{i.name}, the 12 months to {until}")
            + "</td>"
            for i in indicators
        )
        rows.append(
            f'<tr data-project="{html.escape(r["project"])}"'
            + (' class="picked"' if picked else "")
            + f'><th class="project" scope="row">{name}</th>{cells}</tr>'
        )
    return (
        f'{STYLE}<div class="{CLASS}"><table><thead><tr><th class="project" scope="col">'
        f"Project</th>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def about(indicators: list[Indicator]) -> str:
    notes = "\n\n".join(indicator.about() for indicator in indicators)
    return (
        "Each chosen indicator's value for the headline month (the last complete month; the "
        "partial cut-off month is never a headline), and its 12 months to then. `pending`: the "
        "value can still change; `—`: no value (a ratio with nothing to divide); `not collected`: "
        "the source was never collected for the project (never a 0). Snapshot totals show their "
        "latest snapshot at or before the month and its date (`as of`), `stale` when it is more "
        "than 90 days old. `too few (n)`: the value rests on fewer items than the catalog asks "
        "to rank it.\n\n" + notes
    )


def _as_text(values) -> str:
    """A sparkline as space-separated values ('' for none; '—' marks a month without a value)."""
    if not hasattr(values, "__len__"):
        return ""
    return " ".join(fmt.DASH if fmt.is_missing(v) else f"{v:g}" for v in values)


def render(selection: Selection, indicators: list[Indicator], models: list[str]) -> pd.DataFrame:
    frame = wide(load(selection, indicators, models), indicators, selection.project)
    period = f"from={selection.start}&to={selection.end}"
    frame["link"] = [f"./project?project={p}&{period}" for p in frame["project"]]

    note = notes(frame, indicators)

    def table() -> None:
        st.markdown(table_html(frame, indicators, selection), unsafe_allow_html=True)
        if note:  # under the table: the figures first, then what they cover and miss
            st.caption(note)

    export = frame.drop(columns=["position", "link"])
    export["name"] = export["name"].str.removeprefix(MARK)
    for indicator in indicators:  # a CSV cell cannot hold a list: write the trend as text
        column = f"{indicator.id}__trend"
        export[column] = export[column].map(_as_text)
    card(
        f"Which on-ramps carry each project? {len(frame)} projects, "
        f"{fmt.month_name(selection.headline)}",
        key="compare-key-indicators",
        data=export,
        about=about(indicators),
        table=table,
        sample=is_sample(frame),
    )
    return frame


def notes(frame: pd.DataFrame, indicators: list[Indicator]) -> str | None:
    """Under the table: what each snapshot covers, what was never collected (and how), and the
    catalog's "too few" thresholds of the indicators shown."""
    lines = (
        coverage_lines(frame, indicators)
        + not_collected_lines(frame, indicators)
        + threshold_lines(indicators)
    )
    return "  \n".join(lines) or None


def threshold_lines(indicators: list[Indicator]) -> list[str]:
    """'Too few (shown, never ranked): Pull request acceptance ratio under 10 items, …'."""
    few = [f"{i.name} under {i.min_sample} items" for i in indicators if i.min_sample]
    if not few:
        return []
    return ["**Too few** (shown, never ranked): " + "; ".join(few) + "."]


def coverage_lines(frame: pd.DataFrame, indicators: list[Indicator]) -> list[str]:
    """'Derivative models cover derivative trees of: Meta 2 of 57 project models, …'."""
    lines = []
    for snapshot in dict.fromkeys(COVERED_BY[i.id] for i in indicators if i.id in COVERED_BY):
        rows = query(COVERAGE_SQL, (frame["project"].tolist(), snapshot))
        if rows.empty:
            continue
        names = [i.name for i in indicators if COVERED_BY.get(i.id) == snapshot]
        parts = ", ".join(
            f"{n} {int(c):,} of {fmt.plural(int(m), 'project model')}"
            for n, c, m in zip(
                rows["name"], rows["covered_models"], rows["project_models"], strict=True
            )
        )
        lines.append(f"**{', '.join(names)}** count {COVERAGE_NOUNS[snapshot]}: {parts}.")
    return lines


def not_collected_lines(frame: pd.DataFrame, indicators: list[Indicator]) -> list[str]:
    """Which chosen indicators some project shown never collected, and how to collect them."""
    lines = []
    for indicator in indicators:
        missing = frame.loc[frame[indicator.id] == fmt.NOT_COLLECTED, "name"].str.removeprefix(MARK)
        if len(missing) == len(frame):
            who = "any project shown"
        elif len(missing) <= 3:
            who = ", ".join(missing)
        else:
            who = f"{len(missing)} of the {len(frame)} projects shown"
        if len(missing):
            lines.append(
                f"**{indicator.name}**: not collected for {who} — {fmt.how_to_collect(indicator)}."
            )
    return lines
