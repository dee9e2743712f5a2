"""Formatting mart values for titles and tables (display only: no computation)."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd

from core.catalog import Indicator

DASH = "—"  # an empty cell: never "None" or "nan"
PENDING = "pending"
SINGULAR = {"people": "person", "pull requests": "pull request"}


def is_missing(value) -> bool:
    """None, NaN, pandas' NA or NaT, numpy's masked constant (a list cell's missing value)."""
    if value is None or value is np.ma.masked:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array: not a missing scalar
        return False


def number(value: float | None, indicator: Indicator | None = None, *, final: bool = True) -> str:
    """A value as shown: "pending" while it can still change, "—" when there is none."""
    if not final:
        return PENDING
    if is_missing(value):
        return DASH
    if indicator is not None and indicator.is_fraction:
        return f"{value:.0%}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def unit(value: float | None, indicator: Indicator) -> str:
    """The indicator's unit, singular for exactly one ("1 organisation")."""
    if is_missing(value) or float(value) != 1:
        return indicator.unit
    return SINGULAR.get(indicator.unit, indicator.unit.removesuffix("s"))


def with_unit(value: float | None, indicator: Indicator, *, final: bool = True) -> str:
    text = number(value, indicator, final=final)
    if indicator.is_fraction or text in (DASH, PENDING):
        return text
    return f"{text} {unit(value, indicator)}"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 item', '21 items'."""
    return f"{count:,} {noun if count == 1 else (nouns or noun + 's')}"


def change(value: float | None) -> str:
    """A relative change: '+12%', '−40%', '—' when unknown."""
    if is_missing(value):
        return DASH
    return f"{value:+.0%}".replace("-", "−")


def month_name(month: str | date | datetime) -> str:
    """'2025-03' -> 'Mar 2025'."""
    if isinstance(month, str):
        month = datetime.strptime(month[:7], "%Y-%m")
    return month.strftime("%b %Y")


def text_cells(frame):
    """A copy with every empty text cell as "—" (tables never show None or nan)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype).startswith("string"):
            out[column] = out[column].map(lambda v: DASH if is_missing(v) or v == "" else v)
    return out


ORGANISATIONAL_MODELS = {  # the study's five (§7.1), as people read them
    "company": "Company",
    "research-institute": "Research institute",
    "multi-org-research": "Multi-organisation research",
    "nonprofit-grassroots": "Non-profit grassroots",
    "company-grassroots": "Company-backed grassroots",
}


def organisational_model(model: str) -> str:
    return ORGANISATIONAL_MODELS.get(model, model.replace("-", " ").capitalize())


def day(value) -> str:
    """A date as '30 Oct 2026' (from a date, a timestamp or 'YYYY-MM-DD')."""
    if is_missing(value):
        return DASH
    if isinstance(value, str):
        value = datetime.strptime(value[:10], "%Y-%m-%d")
    return f"{value.day} {value.strftime('%b %Y')}"


def word_headers(frame, **labels) -> dict:
    """st.dataframe column labels in words: 'last_run_at' -> 'Last run at' (unless given)."""
    return {
        column: labels.get(column, str(column).replace("_", " ").capitalize())
        for column in frame.columns
        if "_" in str(column) or column in labels
    }


NOT_COLLECTED = "not collected"
HOW_TO_COLLECT = {  # by catalog source: what to configure and run for a value to exist
    "github": "list the repositories in `github_repos` and run `onramp collect --source github`",
    "hub": "list the Hub users or orgs in `hub_authors` and run `onramp collect --source hub`",
    "discord": "list `discord_guilds` and run `onramp collect --source discord` (needs "
    "DISCORD_BOT_TOKEN), or load exports with `onramp import-discord`",
    "slack": "list `slack_channels` and run `onramp collect --source slack`, or load an export "
    "with `onramp import-slack`",
    "crossplatform": "collect GitHub and at least one other source for the project",
}


HOW_TO_COLLECT_INDICATOR = {  # where one source's indicator needs more than the source
    "bench_external_results": "list the project's evaluation datasets in `hub_benchmark_datasets` "
    "and run `onramp collect --source hub`",
    "hub_dataset_reuse_models": "run `onramp collect --source hub` for a project whose "
    "`hub_authors` publish datasets (their reuse is listed with the Hub collection)",
    "hub_derivative_languages": "run `onramp collect --source hub`: the Hub listings bring each "
    "model card's languages (the demo's bundled Hub snapshot carries none)",
    "hub_language_derivatives": "run `onramp collect --source hub`: the Hub listings bring each "
    "model card's languages (the demo's bundled Hub snapshot carries none)",
    "hub_spaces_using": "run `onramp collect --source hub`: the models' info lists the Spaces "
    "using them (the demo's bundled Hub snapshot carries none)",
}


def how_to_collect(indicator: Indicator) -> str:
    """How a value that was never collected can be had."""
    return HOW_TO_COLLECT_INDICATOR.get(indicator.id, HOW_TO_COLLECT[indicator.source])


def as_of_text(as_of) -> str:
    """What a value is as of: a snapshot's day ('2025-04-07' -> '7 Apr 2025'), else its month
    ('2025-04' -> 'Apr 2025')."""
    if is_missing(as_of):
        return DASH
    return day(as_of) if len(str(as_of)) >= 10 else month_name(as_of)


def snapshot_date(as_of, stale: bool = False) -> str:
    """A snapshot's date as shown beside its value: 'as of 7 Apr 2025', 'as of 7 Apr 2025,
    stale'."""
    if is_missing(as_of):
        return ""
    return f"as of {as_of_text(as_of)}" + (", stale" if stale else "")


def shown_value(
    value,
    indicator: Indicator,
    *,
    final: bool = True,
    as_of=None,
    stale=False,
    too_few=False,
    sample_size=None,
) -> str:
    """A headline cell: the value, and beside it what a reader must know to trust it (its
    snapshot date and staleness, a sample too small to rank)."""
    return with_marks(
        number(value, indicator, final=final),
        indicator,
        as_of=as_of,
        stale=stale,
        too_few=too_few,
        sample_size=sample_size,
    )


def with_marks(
    text: str,
    indicator: Indicator,
    *,
    as_of=None,
    stale=False,
    too_few=False,
    sample_size=None,
) -> str:
    """A value already written out ('3', '3 pull requests'), followed by what a reader must know
    to trust it: a snapshot's date and staleness, "too few (n)" where it rests on fewer items
    than the catalog's min_sample. No value ("—", pending) has nothing to mark."""
    if text in (DASH, PENDING):
        return text
    dated = snapshot_date(as_of, bool(stale)) if indicator.shape == "snapshot" else ""
    if dated:
        text += " · " + dated
    if rests_on_too_few(text, too_few, sample_size):
        text += f" · too few ({int(sample_size)})"
    return text


def rests_on_too_few(text: str, too_few, sample_size) -> bool:
    """A value shown that rests on fewer items than the catalog's min_sample (the mart's
    too_few, with the count it rests on); no value ("—", pending) has nothing to doubt."""
    return text not in (DASH, PENDING) and bool(too_few) and not is_missing(sample_size)
