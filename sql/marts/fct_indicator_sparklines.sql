-- grain: one row per project per indicator per month: the latest value known as of the month (from
-- fct_indicator_changes, which owns it) and the 12 monthly values ending with it (nulls kept: a
-- ratio with nothing to divide), for the Compare page's table of sparklines. The sparkline holds
-- final values only: a month still settling (or the partial cut-off month) is a gap, never a point
-- at its value so far.
-- key: project, indicator, month
with

changes as (
    select project, indicator, month, month_start, value, final, latest_value, latest_month,
        is_sample
    from fct_indicator_changes
),

windowed as (
    select
        project,
        indicator,
        month,
        month_start,
        value,
        latest_value,
        latest_month,
        list(case when final then value end) over last_12 as sparkline,
        bool_or(is_sample) over last_12 as is_sample
    from changes
    window
        last_12 as (partition by project, indicator order by month_start
                    range between interval 11 months preceding and current row)
)

select * from windowed
