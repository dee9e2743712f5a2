"""Projects x indicators by rank: where each project stands among the others, on-ramp by on-ramp."""

from __future__ import annotations

import altair as alt
import pandas as pd

from core.catalog import Indicator
from dashboard import format as fmt
from dashboard.cards import card, is_sample
from dashboard.controls import Selection
from dashboard.data import query

SQL = """
with latest as (
    select project, indicator, latest_value, latest_month, is_sample
    from fct_indicator_sparklines
    where list_contains(?, indicator) and month <= ?
    qualify row_number() over (partition by project, indicator order by month_start desc) = 1
),
ranked as (
    select *,
        rank() over (
            partition by indicator
            order by case when list_contains(?, indicator) then latest_value else -latest_value end
        ) as rank,
        count(*) over (partition by indicator) as ranked_projects
    from latest
    where latest_value is not null
)
select p.name, p.organizational_model, p.position, ranked.*
from ranked
join dim_projects as p using (project)
where list_contains(?, p.organizational_model)
order by p.organizational_model, p.position, ranked.indicator
"""

ABOUT = (
    "**Rank among the projects** — for each indicator, the projects' latest values known by the "
    "end of the period are ranked, 1 being the best: highest where higher is better, lowest where "
    "lower is better (the catalog's `good`). Blank: no value. Hover a cell for the value; each "
    "indicator's definition is on the Project page."
)


def load(selection: Selection, indicators: list[Indicator], models: list[str]) -> pd.DataFrame:
    ids = [i.id for i in indicators]
    lower_is_better = [i.id for i in indicators if i.good == "down"]
    return query(SQL, (ids, selection.end, lower_is_better, list(models)))


def chart(frame: pd.DataFrame, indicator_names: list[str], project_names: list[str]) -> alt.Chart:
    base = alt.Chart(frame).encode(
        x=alt.X(
            "indicator_name:N",
            title=None,
            sort=indicator_names,
            axis=alt.Axis(orient="top", labelAngle=-35, labelOverlap=False, labelLimit=180),
        ),
        y=alt.Y("name:N", title=None, sort=project_names, axis=alt.Axis(labelLimit=320)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "rank:Q", title="rank (1 = best)", scale=alt.Scale(scheme="greens", reverse=True)
        ),
        tooltip=[
            alt.Tooltip("name:N", title="project"),
            alt.Tooltip("indicator_name:N", title="indicator"),
            alt.Tooltip("value_text:N", title="value"),
            alt.Tooltip("latest_month:N", title="as of"),
            alt.Tooltip("rank:Q", title="rank"),
            alt.Tooltip("ranked_projects:Q", title="projects ranked"),
        ],
    )
    labels = base.mark_text(fontSize=10).encode(text="rank:Q")
    return (cells + labels).properties(height=alt.Step(22))


def render(selection: Selection, indicators: list[Indicator], models: list[str]) -> None:
    frame = load(selection, indicators, models)
    by_id = {i.id: i for i in indicators}
    frame["indicator_name"] = frame["indicator"].map(lambda i: by_id[i].name)
    frame["value_text"] = [
        fmt.with_unit(v, by_id[i])
        for v, i in zip(frame["latest_value"], frame["indicator"], strict=True)
    ]
    present = set(frame["indicator"])
    names = [i.name for i in indicators if i.id in present]
    projects = frame.drop_duplicates("project")["name"].tolist()  # grouped by model, as queried
    card(
        f"Where does each project lead? Rank on every indicator, {fmt.month_name(selection.end)}",
        key="compare-rank-heatmap",
        data=frame.drop(columns=["position", "value_text"]),
        about=ABOUT,
        chart=chart(frame, names, projects),
        sample=is_sample(frame),
    )
