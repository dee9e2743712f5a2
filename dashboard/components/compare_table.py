"""Every project side by side: each chosen indicator's value for the headline month (pending while
it can still change; snapshot totals: their latest snapshot) and its 12 months to then. Every
project shows without an inner scroll; the sidebar's project is marked ▶."""

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
    select c.project, c.indicator, c.final, c.is_sample, c.headline_value as value, s.sparkline
    from fct_indicator_changes as c
    left join fct_indicator_sparklines as s using (project, indicator, month)
    where c.month = ? and list_contains(?, c.indicator)
)
select p.project, p.name, p.organizational_model, p.position,
    h.indicator, h.value, h.final, h.sparkline, h.is_sample
from dim_projects as p
left join at_headline as h using (project)
where list_contains(?, p.organizational_model)
order by p.organizational_model, p.position, h.indicator
"""
MARK = "▶ "


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
            fmt.number(v, indicator, final=bool(f))
            for v, f in zip(rows["value"], rows["final"], strict=True)
        ]
        out[indicator.id] = pd.Series(text, index=rows.index).reindex(out.index).fillna(fmt.DASH)
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
            f"{indicator.name} ({indicator.unit})", help=indicator.about(), width="medium"
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
        "value can still change; `—`: no value (a ratio with nothing to divide, a source not "
        "collected). Snapshot totals show their latest snapshot.\n\n" + notes
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
            column_order=[
                "name",
                "organizational_model",
                "link",
                *[c for i in indicators for c in (i.id, f"{i.id}__trend")],
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
    )
    return frame
