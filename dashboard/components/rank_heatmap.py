"""Indicators x projects by rank: where each project stands among the others shown, on-ramp by
on-ramp, for the headline month. The ranks are fct_indicator_ranks' (fair ranks: ties share a rank,
shown "=2", and a colour, their average rank; zeros are ranked by the catalog's direction; not
ranked, with the mart's reason: pending "…", too few items "few", a stale snapshot "old", missing
or nothing to rank "—"); this card only draws them."""

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
    r.value, r.as_of, r.rank, r.tied, r.ranked_projects, r.unranked, r.stale, r.too_few,
    r.sample_size
from fct_indicator_ranks as r
join dim_projects as p using (project)
where r.scope = ? and r.month = ? and list_contains(?, r.indicator)
order by p.organizational_model, p.position, r.indicator
"""

PENDING_MARK = "…"  # a pending value in a cell too narrow for the word (the tooltip says it)
UNRANKED_MARKS = {  # else "—"
    "pending": PENDING_MARK,
    "too few": "few",
    "stale": "old",
    "older snapshot": "old",
}
EXPORT = [
    "name", "organizational_model", "indicator", "value", "final", "as_of", "stale",
    "sample_size", "rank_text", "unranked",
]  # fmt: skip
ABOUT = (
    "**Rank among the projects shown** — for each indicator, the projects' values for the headline "
    "month (the last complete one; snapshot totals: their latest snapshot) are ranked, 1 being the "
    "best: highest where higher is better, lowest where lower is better (the catalog's `good`). "
    "Ties share a rank, shown `=2`, and a colour. A zero is ranked like any value: where lower is "
    "better it leads. No rank where the value is missing (`—`; a source never collected has no "
    "cell), pending (`…`), rests on too few items (`few`: fewer than the catalog's minimum, "
    "listed under the chart) or is a snapshot more than 90 days old or older than the newest "
    "one shown (`old`: snapshots of different dates are never ranked against each other), and "
    "none in a row where every other project has the same value or only one has a value: there "
    "is nothing to rank. Hover a cell for the value and its date."
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
        (("=" if t > 1 else "") + str(int(r))) if ok else UNRANKED_MARKS.get(why, fmt.DASH)
        for r, t, ok, why in zip(out["rank"], out["tied"], ranked, out["unranked"], strict=True)
    ]
    out["value_text"] = [
        fmt.shown_value(
            r.value, by_id[r.indicator], final=bool(r.final), as_of=r.as_of,
            stale=bool(r.stale), too_few=bool(r.too_few), sample_size=r.sample_size,
        )
        for r in out.itertuples()
    ]  # fmt: skip
    out["as_of"] = out["as_of"].map(fmt.as_of_text)
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
            alt.Tooltip("unranked:N", title="not ranked"),
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
        note=thresholds_note(indicators, frame),
    )
    return frame


def thresholds_note(indicators: list[Indicator], frame: pd.DataFrame) -> str:
    """The catalog's "too few" thresholds for the indicators shown, and every snapshot's date."""
    by_id = {i.id: i for i in indicators}
    few = [f"{i.name} under {i.min_sample}" for i in indicators if i.min_sample]
    parts = ["`few`: too few items to rank (" + "; ".join(few) + ")."] if few else []
    parts.append(
        "`old`: a snapshot more than 90 days old, or older than the newest one shown: snapshots "
        "of different dates are never ranked against each other."
    )
    dated = frame["indicator"].map(lambda i: by_id[i].shape == "snapshot") & (
        frame["as_of"] != fmt.DASH
    )
    for name, group in frame[dated].groupby("indicator_name", sort=False):
        dates = ", ".join(
            f"{p} {a}" + (" (stale)" if old else "")
            for p, a, old in zip(group["name"], group["as_of"], group["stale"], strict=True)
        )
        parts.append(f"{name}: snapshots as of {dates}.")
    return "  \n".join(parts)
