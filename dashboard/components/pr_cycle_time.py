"""PR cycle time and reviewer load (8Knot, LFX Insights): how long an outsider's pull request waits
for its first review and for its merge, and whether review rests on a few people. Reads
fct_pr_cycle_time (the rules live in SQL, int_github_pr_cycle) and, for whether a month's value can
still change, fct_indicators' `final`; computes nothing of its own."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard import format as fmt
from dashboard.cards import card, dataframe, is_sample, table_height
from dashboard.controls import Selection
from dashboard.data import query
from dashboard.months import Months

SQL = """
select cycle.month, cycle.month_start, cycle.prs_reviewed, cycle.review_median_hours,
    cycle.prs_merged, cycle.merge_median_hours, cycle.reviews, cycle.reviewers,
    cycle.reviews_per_reviewer, cycle.top_reviewers_share,
    coalesce(review.final, false) as review_final, coalesce(merge.final, false) as merge_final,
    cycle.is_sample
from fct_pr_cycle_time as cycle
left join fct_indicators as review
    on review.project = cycle.project and review.month = cycle.month
    and review.indicator = 'gh_pr_time_to_first_review_median_hours'
left join fct_indicators as merge
    on merge.project = cycle.project and merge.month = cycle.month
    and merge.indicator = 'gh_pr_time_to_merge_median_hours'
where cycle.project = ? and cycle.month between ? and ?
order by cycle.month
"""
REVIEW, MERGE = "opened → first review", "opened → merged"
ABOUT = (
    "**PR cycle time** — per month, two medians in hours. *Opened → first review*: over pull "
    "requests opened in the month that got one, the time to the first submitted review or review "
    "comment by someone other than the author and not a bot (a conversation comment is not a "
    "review; `gh_pr_time_to_first_review_median_hours`). A PR still waiting is not in it, so a "
    "recent month holds only the fast reviews: it stays pending (drawn lighter) for 90 days after "
    "the month. *Opened → merged*: over pull requests merged in the month "
    "(`gh_pr_time_to_merge_median_hours`); the cut-off month is not over and is drawn lighter. "
    "PRs opened by bots are left out. Lower is better. On-ramp: upstream-code."
)
LOAD_ABOUT = (
    "**Reviewer load** — submitted reviews of other people's pull requests per month (bots and "
    "self-reviews left out), the people who submitted them, reviews per reviewer, and the share "
    "submitted by the month's three most active reviewers (`gh_top_reviewers_share`). Near 100 %, "
    "review rests on a few people. The cut-off month is not over. On-ramp: upstream-code."
)


def load(selection: Selection) -> pd.DataFrame:
    return query(SQL, (selection.project, selection.start, selection.end))


def long(frame: pd.DataFrame, calendar: Months) -> pd.DataFrame:
    """One row per month and median, with whether it can still change."""
    parts = []
    for name, value, final, count in (
        (REVIEW, "review_median_hours", "review_final", "prs_reviewed"),
        (MERGE, "merge_median_hours", "merge_final", "prs_merged"),
    ):
        part = frame[["month", "month_start", value, final, count]].rename(
            columns={value: "hours", final: "final", count: "prs"}
        )
        parts.append(part.assign(measure=name))
    out = pd.concat(parts, ignore_index=True)
    out = out[out["hours"].notna()]
    out["status"] = out["final"].map({True: "final", False: "can still change"})
    out["month_label"] = [calendar.label(m) for m in out["month"]]
    return out


def chart(rows: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(rows[["month_start", "hours", "measure", "status", "prs", "month_label"]])
        .mark_line(point=True)
        .encode(
            x=alt.X("yearmonth(month_start):T", title=None),
            y=alt.Y("hours:Q", title="median hours"),
            color=alt.Color(
                "measure:N", legend=alt.Legend(title=None, orient="bottom", labelLimit=0)
            ),
            opacity=alt.condition(alt.datum.status == "final", alt.value(1.0), alt.value(0.4)),
            tooltip=[
                alt.Tooltip("month_label:N", title="month"),
                alt.Tooltip("measure:N", title="median"),
                alt.Tooltip("hours:Q", title="hours", format=",.1f"),
                alt.Tooltip("prs:Q", title="pull requests"),
                alt.Tooltip("status:N", title="value"),
            ],
        )
        .properties(height=260)
    )


def _title(frame: pd.DataFrame, headline: str) -> str:
    at = frame[frame["month"] == headline]
    if at.empty or (fmt.is_missing(at["review_median_hours"].iloc[0])
                    and fmt.is_missing(at["merge_median_hours"].iloc[0])):  # fmt: skip
        return f"How long do pull requests wait? No review or merge in {fmt.month_name(headline)}"
    row = at.iloc[0]
    parts = []
    if not fmt.is_missing(row["review_median_hours"]):
        pending = "" if row["review_final"] else " (pending)"
        parts.append(f"first review after {row['review_median_hours']:,.1f} h{pending}")
    if not fmt.is_missing(row["merge_median_hours"]):
        parts.append(f"merged after {row['merge_median_hours']:,.1f} h")
    return f"Pull requests in {fmt.month_name(headline)}: median " + ", ".join(parts)


def render(selection: Selection, calendar: Months) -> int:
    """The PR cycle time and reviewer load cards; returns how many it drew."""
    frame = load(selection)
    rows = long(frame, calendar)
    if rows.empty and not frame["reviews"].fillna(0).any():
        return 0
    export = frame.drop(columns=["month_start"])
    card(
        _title(frame, selection.headline),
        key=f"{selection.project}-pr-cycle-time",
        data=export[
            [
                "month",
                "prs_reviewed",
                "review_median_hours",
                "review_final",
                "prs_merged",
                "merge_median_hours",
                "merge_final",
                "is_sample",
            ]
        ],
        about=ABOUT,
        chart=chart(rows) if not rows.empty else None,
        note=None if not rows.empty else "No reviewed or merged pull request in this period.",
        sample=is_sample(frame),
    )
    load_rows = frame[frame["reviews"] > 0]
    shown = pd.DataFrame(
        {
            "month": load_rows["month"],
            "reviews": load_rows["reviews"],
            "reviewers": load_rows["reviewers"],
            "reviews per reviewer": load_rows["reviews_per_reviewer"].round(1),
            "top three's share": load_rows["top_reviewers_share"].map(lambda v: f"{v:.0%}"),
        }
    ).sort_values("month", ascending=False)
    card(
        "Reviewer load: does review rest on a few people?",
        key=f"{selection.project}-reviewer-load",
        data=export[
            [
                "month",
                "reviews",
                "reviewers",
                "reviews_per_reviewer",
                "top_reviewers_share",
                "is_sample",
            ]
        ],
        about=LOAD_ABOUT,
        table=lambda: dataframe(
            shown, hide_index=True, width="stretch", height=table_height(len(shown), most=8)
        ),
        note=None if len(shown) else "No submitted reviews in this period.",
        sample=is_sample(frame),
    )
    return 2
