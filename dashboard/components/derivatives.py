"""Derivative models of a project's models: by relation per month, by base model, the top ones.
Each card says how much of the project its snapshot covers and when it was taken
(fct_snapshot_coverage: "derivative trees of 2 of 57 project models, as of 7 Apr 2025")."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import format as fmt
from dashboard.cards import card, dataframe, is_sample
from dashboard.controls import Selection
from dashboard.data import query

BY_MONTH_SQL = """
select strftime(created_at, '%Y-%m') as month, date_trunc('month', created_at)::date as month_start,
    relation, count(distinct model_id) as models, bool_or(is_sample) as is_sample
from fct_derivatives
where project = ? and strftime(created_at, '%Y-%m') between ? and ?
group by all
order by month, relation
"""

BY_BASE_SQL = """
with counts as (
    select base_id, relation, count(distinct model_id) as models, bool_or(is_sample) as is_sample
    from fct_derivatives
    where project = ?
    group by base_id, relation
),
top as (
    select base_id from counts group by base_id order by sum(models) desc, base_id limit 15
)
select * from counts where base_id in (select base_id from top) order by base_id, relation
"""

TOP_SQL = """
select model_id, relation, base_id, author, strftime(created_at, '%Y-%m-%d') as created,
    downloads_30d, likes,
    case when len(languages) = 0 then 'none declared' else array_to_string(languages, ', ') end
        as languages,
    is_sample
from fct_derivatives
where project = ?
order by downloads_30d desc nulls last, likes desc nulls last, model_id
limit 25
"""

COVERAGE_SQL = """
select snapshot, project_models, covered_models, snapshot_on, age_days, stale
from fct_snapshot_coverage
where project = ?
"""
SNAPSHOT_NOUNS = {"derivative_trees": "Derivative trees", "downloads": "Downloads"}

RELATIONS = ["finetune", "adapter", "quantized", "merge"]
ABOUT_TREE = (
    "**Derivative models** — models on the Hub whose card declares one of the project's models as "
    "its base (`base_model:RELATION:PARENT` tags): direct children, by relation (fine-tune, "
    "adapter, quantisation, merge). A model with several project parents counts under each. Unit: "
    "models; higher is better. On-ramp: derivative-models, post-release stage."
)


def _relation_color() -> alt.Color:
    return alt.Color("relation:N", title="relation", scale=alt.Scale(domain=RELATIONS))


def by_month_chart(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("month:O", title=None),  # months with none are left out: bars stay readable
            y=alt.Y("sum(models):Q", title="new derivative models"),
            color=_relation_color(),
            tooltip=["month:N", "relation:N", alt.Tooltip("models:Q", title="new models")],
        )
        .properties(height=240)
    )


def by_base_chart(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("base_id:N", title=None, sort="-x", axis=alt.Axis(labelLimit=320)),
            x=alt.X("sum(models):Q", title="derivative models"),
            color=_relation_color(),
            tooltip=[alt.Tooltip("base_id:N", title="base model"), "relation:N", "models:Q"],
        )
        .properties(height=alt.Step(20))
    )


def coverage_line(row) -> str:
    """'Derivative trees of 2 of 57 project models, as of 7 Apr 2025' (the mart's counts)."""
    noun = SNAPSHOT_NOUNS.get(row["snapshot"], row["snapshot"])
    models = fmt.plural(int(row["project_models"]), "project model")
    if fmt.is_missing(row["snapshot_on"]) or not row["covered_models"]:
        return f"{noun}: not collected for any of the {models}."
    text = (
        f"{noun} of {int(row['covered_models']):,} of {models}, as of {fmt.day(row['snapshot_on'])}"
    )
    if bool(row["stale"]):
        text += f" (stale: {int(row['age_days']):,} days before the data cut-off)"
    return text + "."


def coverage(project: str, snapshots: tuple[str, ...] = ("derivative_trees",)) -> str | None:
    """What the project's snapshots cover, one line each, for a card's note."""
    frame = query(COVERAGE_SQL, (project,))
    lines = [coverage_line(r) for _, r in frame.iterrows() if r["snapshot"] in snapshots]
    return "  \n".join(lines) or None


def render_by_month(selection: Selection) -> bool:
    frame = query(BY_MONTH_SQL, (selection.project, selection.start, selection.end))
    if frame.empty:
        return False
    card(
        "How many derivative models appear each month, and of which kind?",
        key=f"{selection.project}-derivatives-by-month",
        data=frame,
        about=ABOUT_TREE,
        chart=by_month_chart(frame),
        sample=is_sample(frame),
        note=coverage(selection.project),
    )
    return True


def render_by_base(selection: Selection) -> bool:
    frame = query(BY_BASE_SQL, (selection.project,))
    if frame.empty:
        return False
    card(
        "Which of the project's models do people build on?",
        key=f"{selection.project}-derivative-tree",
        data=frame,
        about=ABOUT_TREE + " The 15 base models with the most derivatives, all time.",
        chart=by_base_chart(frame),
        sample=is_sample(frame),
        note=coverage(selection.project),
    )
    return True


def render_top(selection: Selection) -> bool:
    frame = query(TOP_SQL, (selection.project,))
    if frame.empty:
        return False

    def table() -> None:
        dataframe(
            frame.drop(columns="is_sample"),
            hide_index=True,
            height=280,
            column_config={
                "model_id": st.column_config.TextColumn("derivative"),
                "base_id": st.column_config.TextColumn("base model"),
                "downloads_30d": st.column_config.NumberColumn(
                    "downloads (30 days)", format="localized"
                ),
                "languages": st.column_config.TextColumn(
                    "languages",
                    help="The languages the model's card (else its tags) declares, as ISO 639-1 "
                    "codes where one exists. —: not collected (the listing brought no card or "
                    "tags, as in the demo's snapshot), not none.",
                ),
            },
        )

    card(
        "Which derivatives are most used, and who made them?",
        key=f"{selection.project}-top-derivatives",
        data=frame,
        about=ABOUT_TREE + " Ranked by 30-day downloads as last collected.",
        table=table,
        sample=is_sample(frame),
        note=coverage(selection.project, ("derivative_trees", "downloads")),
    )
    return True
