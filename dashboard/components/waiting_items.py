"""Issues, pull requests, Hub discussions, help threads and Slack posts waiting for a first answer
at the data cut-off, in age buckets (fct_waiting_buckets: fresh, staling, stale; thresholds shown),
staling first. The window is the data cut-off, not the page's period: the digest shows the same
items and counts. The title's count is the list's length and the CSV's rows: the whole list is there
(scrollable); the chart shows the first of the list. Authors show as people (fct_people)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import format as fmt
from dashboard.cards import card, dataframe, empty, encoded, is_sample, table_height
from dashboard.controls import Selection
from dashboard.data import query

CHART_FIELDS = [
    "item",
    "days_waiting",
    "kind",
    "title",
    "author",
    "opened",
    "bucket",
]  # only what the chart encodes goes into its spec
SQL = """
select w.platform, w.kind, w.item, w.title,
    coalesce(p.display_name, w.author) as author, p.profile_url, w.is_outside,
    strftime(w.opened_at, '%Y-%m-%d') as opened, round(w.days_waiting, 1) as days_waiting, w.url,
    w.age_bucket as bucket, w.is_sample
from fct_waiting_items as w
left join fct_people as p
    on p.project = w.project and p.platform = w.platform and lower(p.person) = lower(w.author)
where w.project = ?
order by w.bucket_rank, w.days_waiting desc, w.item
"""
BUCKETS_SQL = """
select age_bucket as bucket, from_days, to_days, meaning, items, data_cutoff
from fct_waiting_buckets
where project = ?
order by bucket_rank
"""
CHART_ROWS = 20
HEADERS = {
    "bucket": "Age",
    "kind": "Kind",
    "item": "Item",
    "title": "Title",
    "author": "Opened by",
    "opened": "Opened",
    "days_waiting": "Days waiting",
    "outside": "From outside",
    "url": "Link",
}

ABOUT = (
    "**Waiting for a first answer** — open GitHub issues and pull requests with no comment or "
    "review by a non-bot other than the author, open Hub discussions and Hub pull requests with no "
    "comment by someone other than the opener, unarchived Discord threads and Slack threads or "
    "top-level posts with no reply by someone other than their owner (in the help channels "
    "projects.toml names, else every counted channel), waiting at the data cut-off whenever they "
    "were opened: this list ignores the page's period, as the digest does. Sorted into age "
    "buckets as 8Knot does: fresh under 7 days, staling 7 to 30, stale over 30; staling first, "
    "still savable and about to be lost. Sample items link nowhere. Fewer is better."
)
KINDS = ["issue", "pull request", "Hub discussion", "Hub pull request", "help thread", "Slack post"]


def load(selection: Selection) -> pd.DataFrame:
    frame = query(SQL, (selection.project,))
    frame["outside"] = frame["is_outside"].map({True: "yes", False: "no"})
    return frame


def chart(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(encoded(frame, CHART_FIELDS))
        .mark_bar()
        .encode(
            # in a half-width column the labels and the legend would leave the bars a sliver:
            # labels stop at 160 px, the legend goes under the chart
            y=alt.Y("item:N", title=None, sort=None, axis=alt.Axis(labelLimit=160)),
            x=alt.X("days_waiting:Q", title="days without an answer"),
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=KINDS),
                # only the kinds charted, one per line: a half-width column clips a wide legend
                legend=alt.Legend(
                    orient="bottom",
                    columns=1,
                    title=None,
                    values=[k for k in KINDS if k in set(frame["kind"])],
                ),
            ),
            tooltip=[
                "item:N",
                "title:N",
                "kind:N",
                alt.Tooltip("bucket:N", title="age"),
                alt.Tooltip("author:N", title="opened by"),
                "opened:N",
                alt.Tooltip("days_waiting:Q", title="days waiting"),
            ],
        )
        .properties(height=alt.Step(20))
    )


def bucket_line(buckets: pd.DataFrame) -> str:
    """'2 staling (7 to 30 days) · 5 fresh (under 7 days) · 480 stale (over 30 days)'."""
    parts = []
    for row in buckets.itertuples():
        if pd.isna(row.to_days):
            span = f"over {row.from_days:.0f} days"
        elif not row.from_days:
            span = f"under {row.to_days:.0f} days"
        else:
            span = f"{row.from_days:.0f} to {row.to_days:.0f} days"
        parts.append(f"{row.items:,} {row.bucket} ({span})")
    return " · ".join(parts)


def render(selection: Selection) -> int:
    buckets = query(BUCKETS_SQL, (selection.project,))
    cutoff = fmt.day(buckets["data_cutoff"].iloc[0]) if not buckets.empty else fmt.DASH
    st.caption(
        f"Waiting at the data cut-off, {cutoff}, whenever opened (the page's period does not "
        "apply; the digest counts the same): " + bucket_line(buckets)
    )
    frame = load(selection)
    if frame.empty:
        empty("Nothing is waiting for a first answer at the data cut-off.")
        return 0
    shown = fmt.text_cells(frame[list(HEADERS)])
    shown["url"] = frame["url"]  # a missing link stays empty: "—" as text would be a link

    def table() -> None:
        dataframe(
            shown,
            hide_index=True,
            height=table_height(len(shown), most=12),
            column_config={
                **{c: st.column_config.Column(h) for c, h in HEADERS.items()},
                "url": st.column_config.LinkColumn(
                    "Link",
                    display_text="open",
                    help="Empty for sample (generated) items: they "
                    "link nowhere real; and for chat posts, which keep no address.",
                ),
            },
        )

    first = frame.iloc[0]
    # the chart shows what can still be saved (staling, fresh) when anything can: beside waits of
    # years, a 20-day bar would not show
    savable = frame[frame["bucket"] != "stale"]
    charted = (savable if not savable.empty else frame).head(CHART_ROWS)
    card(
        f"What is still waiting for an answer? {fmt.plural(len(frame), 'item')}; first to save: "
        f"{first['bucket']}, waiting {first['days_waiting']:,.0f} days",
        key=f"{selection.project}-waiting-items",
        data=frame[list(HEADERS)].rename(columns=HEADERS),
        about=ABOUT,
        chart=chart(charted),
        note=f"The chart shows the first {len(charted)} of the list"
        + (" that can still be saved (staling, then fresh)" if not savable.empty else "")
        + f"; the list below holds all {len(frame):,} (staling, then fresh, then stale; the "
        "longest wait first in each).",
        table=table,
        sample=is_sample(frame),
    )
    return 1
