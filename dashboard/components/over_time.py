"""One indicator, every project shown, over time: small multiples by organisational model, the
sidebar's project in colour, the others grey; each line labelled with its project at its end.
Only final values are drawn: the partial cut-off month and values still settling are left out
(the caption says so)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from core.catalog import Indicator
from dashboard import format as fmt
from dashboard.cards import card, encoded, is_sample
from dashboard.components.indicator_trend import value_format
from dashboard.controls import Selection
from dashboard.data import query

CHART_FIELDS = [
    "month_start",
    "value",
    "name",
    "month",
    "model",
    "label",
]  # only what the chart encodes goes into its spec
SQL = """
select p.name, p.organizational_model, f.project, f.month, f.month_start, f.value, f.is_sample
from fct_indicators as f
join dim_projects as p using (project)
where f.indicator = ? and f.final and f.value is not null
    and f.month between ? and ? and list_contains(?, p.organizational_model)
order by p.position, f.month_start
"""
MONTHS = 24


def window(selection: Selection) -> tuple[str, str]:
    end = pd.Timestamp(selection.headline + "-01")
    return (end - pd.DateOffset(months=MONTHS - 1)).strftime("%Y-%m"), selection.headline


def load(selection: Selection, indicator: Indicator, models: list[str]) -> pd.DataFrame:
    start, end = window(selection)
    frame = query(SQL, (indicator.id, start, end, list(models)))
    frame["model"] = frame["organizational_model"].map(fmt.organisational_model)
    return labelled(frame)


def labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """Each line's last point carries its project's short name ("Meta", not "Meta (Llama)")."""
    out = frame.copy()
    last = out.groupby("project")["month_start"].transform("max") == out["month_start"]
    out["label"] = out["name"].str.split(" (", n=1, regex=False).str[0].where(last, "")
    return out


def chart(frame: pd.DataFrame, indicator: Indicator, highlight: str) -> alt.Chart:
    number = value_format(indicator)
    scale = alt.Scale(domain=[0, 1], clamp=True) if indicator.is_fraction else alt.Undefined
    picked = alt.datum.name == highlight
    base = alt.Chart(encoded(frame, CHART_FIELDS))
    lines = base.mark_line(point=False, strokeWidth=1.5).encode(
        x=alt.X("yearmonth(month_start):T", title=None, axis=alt.Axis(format="%b %y")),
        y=alt.Y("value:Q", title=indicator.unit, axis=alt.Axis(format=number), scale=scale),
        detail="name:N",
        color=alt.condition(picked, alt.value("#d62728"), alt.value("#9e9e9e")),
        opacity=alt.condition(picked, alt.value(1.0), alt.value(0.6)),
        tooltip=[
            alt.Tooltip("name:N", title="project"),
            alt.Tooltip("month:N", title="month"),
            alt.Tooltip("value:Q", title=indicator.name, format=number),
        ],
    )
    labels = (
        base.transform_filter(alt.datum.label != "")
        .mark_text(align="left", dx=4, fontSize=10)
        .encode(
            x=alt.X("yearmonth(month_start):T"),
            y=alt.Y("value:Q"),
            text="label:N",
            color=alt.condition(picked, alt.value("#d62728"), alt.value("#616161")),
        )
    )
    return (
        alt.layer(lines, labels)
        .properties(width=260, height=150)
        .facet(facet=alt.Facet("model:N", title=None), columns=3)
    )


def render(selection: Selection, indicator: Indicator, models: list[str]) -> int:
    frame = load(selection, indicator, models)
    start, end = window(selection)
    if frame.empty:
        return 0
    card(
        f"{indicator.name} over time, {fmt.month_name(start)} to {fmt.month_name(end)}: "
        f"{selection.project_name} in red",
        key=f"compare-over-time-{indicator.id}",
        data=frame.drop(columns=["month_start", "model", "label"]),
        about=indicator.about()
        + "\n\nOnly final values are drawn: the partial cut-off month and months still settling "
        "are left out.",
        chart=chart(frame, indicator, selection.project_name),
        sample=is_sample(frame),
    )
    return 1
