"""The languages the community added to a project's models (issue 26; the study's §5.3.1 on-ramp
"adapting LLMs for local languages"): each language that derivatives made outside the project
declare and no project model does, newest first, with the month it first appeared and those
derivatives, newest first (fct_derivative_languages). Where languages were not collected it says
so, and in the demo that the bundled snapshot carries none: never an empty list that reads as
"no language added"."""

from __future__ import annotations

import pandas as pd

from core.catalog import load_catalog
from dashboard import format as fmt
from dashboard.cards import card, dataframe, empty, is_sample, table_height
from dashboard.controls import Selection
from dashboard.data import query

SQL = """
select language, language_name, first_month, derivatives, models, is_sample
from fct_derivative_languages
where project = ?
order by first_month desc nulls last, language
"""
COLLECTED_SQL = """
select
    exists (select 1 from fct_indicators
            where project = ? and indicator = 'hub_derivative_languages') as collected,
    coalesce((select bool_or(last_run_is_demo) from fct_source_status
              where project = ? and source = 'hub'), false) as demo
"""
DEMO = (
    "Languages: not collected in the demo. The demo's bundled Hub snapshot has no model cards or "
    "language tags, so which languages the community added is unknown here (not none). "
    "`onramp collect --source hub` and `onramp build` collect them for your own projects."
)
NOT_COLLECTED = (
    "Languages: not collected for this project yet. `onramp collect --source hub` (with the "
    "project's `hub_authors`) and `onramp build` collect the languages each model's card declares."
)


def about() -> str:
    indicator = load_catalog()["hub_derivative_languages"]
    return (
        "**Languages the community added** — each language declared by a derivative made outside "
        "the project (a direct child of one of its models) that no project model declares: the "
        "month it first appeared (its earliest such derivative's creation month; none when they "
        "are older than the Hub's creation dates) and those derivatives, newest first. "
        "A model's languages are its card's `language` field, else the language codes among its "
        "tags, normalised to ISO 639-1 where the language has one (`sw` and `swa` are one).\n\n"
        + indicator.about()
    )


def status(project: str) -> tuple[bool, bool]:
    """(languages collected for the project, its Hub data is the demo's load)."""
    row = query(COLLECTED_SQL, (project, project)).iloc[0]
    return bool(row["collected"]), bool(row["demo"])


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The table as drawn: month names, the derivatives as one line, newest first."""
    return pd.DataFrame(
        {
            "language": frame["language_name"],
            "first appeared": [
                fmt.DASH if fmt.is_missing(m) else fmt.month_name(m) for m in frame["first_month"]
            ],
            "derivatives": frame["derivatives"],
            "models (newest first)": [", ".join(models) for models in frame["models"]],
        }
    )


def render(selection: Selection) -> bool:
    collected, demo = status(selection.project)
    if not collected:
        empty(DEMO if demo else NOT_COLLECTED, status_link=not demo)
        return False
    frame = query(SQL, (selection.project,))
    table = shown(frame)
    note = (
        None
        if len(frame)
        else "No language yet: outside derivatives declare only languages the project's own "
        "models declare (or none)."
    )
    card(
        "Which languages did the community add to the models?",
        key=f"{selection.project}-derivative-languages",
        data=frame.assign(models=[", ".join(m) for m in frame["models"]]),
        about=about(),
        table=(lambda: dataframe(table, hide_index=True, height=table_height(len(table), most=12)))
        if len(frame)
        else None,
        sample=is_sample(frame),
        note=note,
    )
    return True
