"""Every project side by side: the latest value and a 12-month sparkline of each key indicator."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.catalog import Indicator
from dashboard import format as fmt
from dashboard.cards import card, is_sample
from dashboard.controls import Selection
from dashboard.data import query

SQL = """
with latest as (
    select project, indicator, latest_value, latest_month, sparkline, is_sample
    from fct_indicator_sparklines
    where list_contains(?, indicator) and month <= ?
    qualify row_number() over (partition by project, indicator order by month_start desc) = 1
)
select p.project, p.name, p.organizational_model, p.position,
    latest.indicator, latest.latest_value, latest.latest_month, latest.sparkline, latest.is_sample
from dim_projects as p
left join latest using (project)
where list_contains(?, p.organizational_model)
order by p.organizational_model, p.position, latest.indicator
"""


def load(selection: Selection, key_ids: list[str], models: list[str]) -> pd.DataFrame:
    """Long: one row per project per key indicator, as of the end of the period."""
    return query(SQL, (list(key_ids), selection.end, list(models)))


def wide(frame: pd.DataFrame, indicators: list[Indicator]) -> pd.DataFrame:
    """Reshape to one row per project: a value column and a trend column per key indicator."""
    base = frame[["project", "name", "organizational_model", "position"]].drop_duplicates("project")
    out = base.set_index("project")
    for indicator in indicators:
        rows = frame[frame["indicator"] == indicator.id].set_index("project")
        out[indicator.id] = rows["latest_value"].reindex(out.index)
        out[f"{indicator.id}__trend"] = rows["sparkline"].reindex(out.index)
    out["is_sample"] = frame.groupby("project")["is_sample"].any().reindex(out.index).fillna(False)
    return out.reset_index().sort_values(["organizational_model", "position"])


def column_config(indicators: list[Indicator], selection: Selection) -> dict:
    config = {
        "project": None,
        "position": None,
        "is_sample": None,
        "name": st.column_config.TextColumn("project", pinned=True),
        "organizational_model": st.column_config.TextColumn("organisational model"),
        "link": st.column_config.LinkColumn("open", display_text="project page"),
    }
    for indicator in indicators:
        label = f"{indicator.name} ({indicator.collaboration_type})"
        config[indicator.id] = st.column_config.NumberColumn(
            label,
            help=indicator.about(),
            format="percent" if indicator.is_fraction else "localized",
        )
        config[f"{indicator.id}__trend"] = st.column_config.LineChartColumn(
            "12 months", help=f"{indicator.name}, the 12 months to {fmt.month_name(selection.end)}"
        )
    return config


def about(indicators: list[Indicator]) -> str:
    notes = "\n\n".join(indicator.about() for indicator in indicators)
    return (
        "The key indicator of each on-ramp (the catalog's `key = true`), latest value known by the "
        "end of the period and its last 12 months. An empty cell: no data for that on-ramp.\n\n"
        + notes
    )


def _as_text(values) -> str:
    """A sparkline as space-separated values ('' for none; 'nan' marks a month without a value)."""
    if not hasattr(values, "__len__"):
        return ""
    return " ".join("nan" if v is None else str(v) for v in values)


def render(selection: Selection, indicators: list[Indicator], models: list[str]) -> pd.DataFrame:
    frame = wide(load(selection, [i.id for i in indicators], models), indicators)
    period = f"from={selection.start}&to={selection.end}"
    frame["link"] = [f"./project?project={p}&{period}" for p in frame["project"]]

    def table() -> None:
        st.dataframe(
            frame,
            hide_index=True,
            column_config=column_config(indicators, selection),
            column_order=[
                "name",
                "organizational_model",
                "link",
                *[c for i in indicators for c in (i.id, f"{i.id}__trend")],
            ],
        )

    export = frame.drop(columns=["position", "link"])
    for indicator in indicators:  # a CSV cell cannot hold a list: write the trend as text
        column = f"{indicator.id}__trend"
        export[column] = export[column].map(_as_text)
    card(
        f"Which on-ramps carry each project? Key indicators as of {fmt.month_name(selection.end)}",
        key="compare-key-indicators",
        data=export,
        about=about(indicators),
        table=table,
        sample=is_sample(frame),
    )
    return frame
