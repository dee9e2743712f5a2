"""One indicator of a project month by month, drawn by its kind (the catalog's `shape`):
flows as monthly bars, ratios on a 0-100 % axis, medians and levels as lines, snapshot totals as a
number with their growth history. Never a single-dot line: with fewer than two values the card
shows the number alone. The partial cut-off month is drawn lighter and labelled ("to 22 Aug");
values still settling are drawn as a grey "pending" band, never as a bar or a point at 0."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from core.catalog import Indicator
from dashboard import format as fmt
from dashboard.cards import card, is_sample, month_bar_x
from dashboard.controls import Selection
from dashboard.data import query
from dashboard.months import Months

SQL = """
select indicator, month, month_start, value, final, settles_on, is_sample
from fct_indicators
where project = ? and month between ? and ? and list_contains(?, indicator)
order by indicator, month_start
"""
PARTIAL, PENDING, FINAL = "partial month", "pending", "final"
HEIGHT = 200
LEGEND = alt.Legend(title=None, orient="bottom")


def load(selection: Selection, indicator_ids: list[str]) -> pd.DataFrame:
    """Every listed indicator of the project over the period, in one query."""
    return query(SQL, (selection.project, selection.start, selection.end, list(indicator_ids)))


def with_values(frame: pd.DataFrame) -> set[str]:
    """Indicators that have at least one value in the frame."""
    return set(frame.loc[frame["value"].notna(), "indicator"])


def value_format(indicator: Indicator) -> str:
    if indicator.is_fraction:
        return ".0%"
    return ",d" if indicator.is_count else ",.1f"


def statuses(rows: pd.DataFrame, indicator: Indicator, calendar: Months) -> pd.DataFrame:
    """Each month's status: final, the partial cut-off month (a flow so far), or pending."""
    out = rows.copy()
    final = out["final"].fillna(False).astype(bool)
    partial = (out["month"] == calendar.cutoff_month) & (indicator.settles_after_days == 0)
    out["status"] = [
        FINAL if f else (PARTIAL if p else PENDING) for f, p in zip(final, partial, strict=True)
    ]
    out["month_label"] = [calendar.label(m) for m in out["month"]]
    out["shown"] = out["value"].where(out["status"] != PENDING)  # pending is no value yet
    return out


def _y(indicator: Indicator) -> alt.Y:
    number = value_format(indicator)
    axis = alt.Axis(format=number, tickMinStep=1 if indicator.is_count else alt.Undefined)
    scale = alt.Scale(domain=[0, 1], clamp=True) if indicator.is_fraction else alt.Undefined
    title = "share (0-100 %)" if indicator.is_fraction else indicator.unit
    return alt.Y("shown:Q", title=title, axis=axis, scale=scale)


def _tooltip(indicator: Indicator) -> list:
    return [
        alt.Tooltip("month_label:N", title="month"),
        alt.Tooltip("shown:Q", title=indicator.name, format=value_format(indicator)),
        alt.Tooltip("status:N", title="status"),
    ]


def _pending_band(frame: pd.DataFrame, *, centred: bool = False) -> alt.Chart | None:
    """A pale band over the months whose value can still change; `centred` for bar charts,
    whose bars sit centred on their month's tick (the band then spans the bar, not the month)."""
    pending = frame[frame["status"] == PENDING]
    if pending.empty:
        return None
    start = pending["month_start"]
    end = start + pd.offsets.MonthBegin(1)
    if centred:
        half = (end - start) / 2
        start, end = start - half, end - half
    band = pending[["month_label", "settles_on"]].assign(
        month_start=start,
        month_end=end,
        status=PENDING,
        settles=pending["settles_on"].map(fmt.day),
    )
    return (
        alt.Chart(band)
        .mark_rect(color="#bbbbbb", opacity=0.25)
        .encode(
            x="month_start:T",
            x2="month_end:T",
            tooltip=[
                alt.Tooltip("month_label:N", title="month"),
                alt.Tooltip("status:N", title="value"),
                alt.Tooltip("settles:N", title="final on"),
            ],
        )
    )


def chart(frame: pd.DataFrame, indicator: Indicator) -> alt.Chart | None:
    """The indicator's chart from a frame with `status` and `shown` (see statuses()); None when
    there is nothing worth a chart (fewer than two values for a line)."""
    drawn = frame[frame["shown"].notna()]
    shape = indicator.shape
    if shape != "flow" and len(drawn) < 2:
        return None
    if shape == "flow" and drawn.empty:
        return None
    bars = shape == "flow"
    x = month_bar_x() if bars else alt.X("yearmonth(month_start):T", title=None)
    opacity = alt.Opacity(
        "status:N",
        scale=alt.Scale(domain=[FINAL, PARTIAL], range=[1.0, 0.4]),
        legend=alt.Legend(title=None, orient="bottom")
        if (drawn["status"] == PARTIAL).any()
        else None,
    )
    fields = drawn[["month_start", "shown", "status", "month_label"]]  # what the spec carries
    base = alt.Chart(fields).encode(x=x, y=_y(indicator), tooltip=_tooltip(indicator))
    if bars:
        marks = base.mark_bar().encode(opacity=opacity)
    else:
        marks = base.mark_line(
            point=True, interpolate="step-after" if shape == "level" else "linear"
        )
    band = _pending_band(frame, centred=bars)
    layered = marks if band is None else alt.layer(band, marks)
    return layered.properties(height=HEIGHT)


def _latest(rows: pd.DataFrame, headline: str) -> pd.Series | None:
    known = rows[rows["value"].notna() & (rows["month"] <= headline)]
    return None if known.empty else known.iloc[-1]


def title(rows: pd.DataFrame, indicator: Indicator, headline: str) -> str:
    """A finding: the value of the headline month (never the partial one), or why there is none."""
    month = fmt.month_name(headline)
    at = rows[rows["month"] == headline]
    if len(at) and not bool(at["final"].iloc[0]):
        settled = rows[rows["final"].fillna(False).astype(bool) & rows["value"].notna()]
        note = (
            f"{indicator.name}: pending for {month} (final on {fmt.day(at['settles_on'].iloc[0])})"
        )
        if len(settled):
            last = settled.iloc[-1]
            note += (
                f"; last final: {fmt.with_unit(last['value'], indicator)} in "
                f"{fmt.month_name(last['month'])}"
            )
        return note
    if len(at) and not fmt.is_missing(at["value"].iloc[0]):
        return f"{indicator.name}: {fmt.with_unit(at['value'].iloc[0], indicator)} in {month}"
    latest = _latest(rows, headline)
    if latest is None:
        return f"{indicator.name}: no value in this period"
    if indicator.shape == "snapshot":
        return (
            f"{indicator.name}: {fmt.with_unit(latest['value'], indicator)} at the "
            f"{fmt.month_name(latest['month'])} snapshot"
        )
    return (
        f"{indicator.name}: {fmt.with_unit(latest['value'], indicator)} in "
        f"{fmt.month_name(latest['month'])} (none in {month})"
    )


def render(
    selection: Selection, indicator: Indicator, frame: pd.DataFrame, calendar: Months
) -> int:
    """One card; returns the number of charts drawn (0 or 1)."""
    rows = statuses(frame[frame["indicator"] == indicator.id], indicator, calendar)
    drawn = chart(rows, indicator)
    export = rows[["month", "indicator", "value", "status", "is_sample"]].assign(
        value=rows["shown"]
    )
    card(
        title(rows, indicator, selection.headline),
        key=f"{selection.project}-{indicator.id}",
        data=export,
        about=indicator.about(),
        chart=drawn,
        sample=is_sample(rows),
        note=None if drawn is not None else _no_chart_note(rows, indicator),
    )
    return int(drawn is not None)


def _no_chart_note(rows: pd.DataFrame, indicator: Indicator) -> str:
    known = rows["value"].notna().sum()
    if indicator.shape == "snapshot":
        return "A total as of its snapshot: " + (
            "one snapshot so far, so no growth history yet."
            if known == 1
            else "no snapshot in this period."
        )
    return "Fewer than two months with a value in this period: no line to draw."


def metric(indicator: Indicator, value, final: bool, delta: str | None = None) -> None:
    st.metric(indicator.name, fmt.with_unit(value, indicator, final=final), delta=delta)
