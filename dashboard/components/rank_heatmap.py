"""Indicators x projects by rank: where each project stands among the others shown, on-ramp by
on-ramp, for the headline month. The ranks are fct_indicator_ranks' (fair ranks: ties share a rank,
shown "=2", and a colour, their average rank; zero, pending (…) and missing values are not ranked;
an indicator where every project shown has the same value, or only one has one, gets no ranks at
all, "—"); this card only draws them."""

from __future__ import annotations

import altair as alt
import pandas as pd

from core.catalog import Indicator
from dashboard import format as fmt
from dashboard.cards import card, is_sample
from dashboard.controls import Selection
from dashboard.data import query

SQL = """
select p.name, p.organizational_model, p.position, r.project, r.indicator, r.final, r.is_sample,
    r.value, r.as_of, r.rank, r.tied, r.ranked_projects
from fct_indicator_ranks as r
join dim_projects as p using (project)
where r.scope = ? and r.month = ? and list_contains(?, r.indicator)
order by p.organizational_model, p.position, r.indicator
"""

PENDING_MARK = "…"  # a pending value in a cell too narrow for the word (the tooltip says it)
EXPORT = ["name", "organizational_model", "indicator", "value", "final", "as_of", "rank_text"]
ABOUT = (
    "**Rank among the projects shown** — for each indicator, the projects' values for the headline "
    "month (the last complete one; snapshot totals: their latest snapshot) are ranked, 1 being the "
    "best: highest where higher is better, lowest where lower is better (the catalog's `good`). "
    "Ties share a rank, shown `=2`, and a colour. No rank where the value is zero (no lead), "
    "missing (`—`) or pending (`…`), and none in a row where every other project has the same "
    "value or only one has a value: there is nothing to rank. Hover a cell for the value."
)


def scope(models: list[str]) -> str:
    """fct_indicator_ranks' name for the projects of these organisational models."""
    return ",".join(sorted(set(models)))


def load(selection: Selection, indicators: list[Indicator], models: list[str]) -> pd.DataFrame:
    """The ranks fct_indicator_ranks gives among the projects of `models` (it owns the rule)."""
    ids = [i.id for i in indicators] or [""]  # an empty list has no element type in DuckDB
    return query(SQL, (scope(models), selection.headline, ids))


def decorate(frame: pd.DataFrame, by_id: dict[str, Indicator]) -> pd.DataFrame:
    """Display columns: the rank as text, a 0-1 score for the colour, the value as text."""
    out = frame.copy()
    out["indicator_name"] = out["indicator"].map(lambda i: by_id[i].name)
    ranked = out["rank"].notna()
    average = out["rank"] + (out["tied"] - 1) / 2  # a tie's fair place: the middle of its ranks
    out["score"] = (1 - (average - 1) / (out["ranked_projects"] - 1)).where(ranked)
    out["rank_text"] = [
        (("=" if t > 1 else "") + str(int(r))) if ok else (PENDING_MARK if not f else fmt.DASH)
        for r, t, ok, f in zip(out["rank"], out["tied"], ranked, out["final"], strict=True)
    ]
    out["value_text"] = [
        fmt.with_unit(v, by_id[i], final=bool(f))
        for v, i, f in zip(out["value"], out["indicator"], out["final"], strict=True)
    ]
    out["as_of"] = out["as_of"].map(lambda m: fmt.DASH if fmt.is_missing(m) else fmt.month_name(m))
    return out


def chart(
    frame: pd.DataFrame, indicator_names: list[str], project_names: list[str], highlight: str = ""
) -> alt.Chart:
    bold = alt.expr(f"datum.value == {highlight!r} ? 'bold' : 'normal'")
    base = alt.Chart(frame).encode(
        y=alt.Y("indicator_name:N", title=None, sort=indicator_names, axis=alt.Axis(labelLimit=0)),
        x=alt.X(
            "name:N",
            title=None,
            sort=project_names,
            axis=alt.Axis(
                orient="top", labelAngle=-90, labelLimit=0, labelFontWeight=bold, labelOverlap=False
            ),
        ),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "score:Q",
            title="standing (dark = best)",
            scale=alt.Scale(scheme="greens", domain=[0, 1]),
            legend=None,
        ),
        tooltip=[
            alt.Tooltip("name:N", title="project"),
            alt.Tooltip("indicator_name:N", title="indicator"),
            alt.Tooltip("value_text:N", title="value"),
            alt.Tooltip("as_of:N", title="as of"),
            alt.Tooltip("rank_text:N", title="rank"),
            alt.Tooltip("ranked_projects:Q", title="projects ranked"),
        ],
    )
    labels = base.mark_text(fontSize=10).encode(text="rank_text:N")
    # a step per project: a readable column at any page width (the card scrolls sideways)
    return (cells + labels).properties(height=alt.Step(24), width=alt.Step(30))


def render(selection: Selection, indicators: list[Indicator], models: list[str]) -> pd.DataFrame:
    by_id = {i.id: i for i in indicators}
    frame = decorate(load(selection, indicators, models), by_id)
    present = set(frame["indicator"])
    names = [i.name for i in indicators if i.id in present]
    projects = frame.drop_duplicates("project")["name"].tolist()  # grouped by model, as queried
    card(
        f"Where does each project lead? Rank on each indicator, "
        f"{fmt.month_name(selection.headline)}",
        key="compare-rank-heatmap",
        data=frame[EXPORT],
        about=ABOUT,
        chart=chart(frame, names, projects, selection.project_name),
        sample=is_sample(frame),
        stretch=False,
    )
    return frame
