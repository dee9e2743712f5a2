"""Every project side by side: each chosen indicator's value for the headline month (pending while
it can still change; snapshot totals: their latest snapshot, with its date and "stale" past 90
days; "too few" under the catalog's min_sample; "not collected" where the project has no value
at all) and its 12 months to then. Every project shows without an inner scroll, the project
column pinned; the sidebar's project is marked ▶."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.catalog import Indicator
from dashboard import format as fmt
from dashboard.cards import card, dataframe, is_sample, table_height
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


def column_config(indicators: list[Indicator], selection: Selection) -> dict:
    until = fmt.month_name(selection.headline)
    config = {
        "project": None,
        "position": None,
        "is_sample": None,
        "name": st.column_config.TextColumn("Project", pinned=True),
        "organizational_model": st.column_config.TextColumn("Organisational model"),
        "link": st.column_config.LinkColumn("Open", display_text="project page"),
    }
    for indicator in indicators:
        config[indicator.id] = st.column_config.TextColumn(
            indicator.name, help=f"Unit: {indicator.unit}. " + indicator.about(), width="medium"
        )
        config[f"{indicator.id}__trend"] = st.column_config.LineChartColumn(
            "12 months",
            width="small",
            help=f"{indicator.name}, the 12 months to {until}",
        )
    return config


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

    def table() -> None:
        dataframe(
            frame,
            hide_index=True,
            height=table_height(len(frame)),
            column_config=column_config(indicators, selection),
            # the indicators first, beside the pinned project column: the default ones fit at
            # 1280 px, and further ones scroll under the pinned names
            column_order=[
                "name",
                *[c for i in indicators for c in (i.id, f"{i.id}__trend")],
                "organizational_model",
                "link",
            ],
        )

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
        note=notes(frame, indicators),
    )
    return frame


def notes(frame: pd.DataFrame, indicators: list[Indicator]) -> str | None:
    """Under the table: what each snapshot covers, and what was never collected (and how)."""
    lines = coverage_lines(frame, indicators) + not_collected_lines(frame, indicators)
    return "  \n".join(lines) or None


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
