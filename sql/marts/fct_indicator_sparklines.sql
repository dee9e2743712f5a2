-- grain: one row per project per indicator per month: the latest value known as of the month and
-- the 12 monthly values ending with it (nulls kept: a ratio with nothing to divide), for the
-- Compare page's table of sparklines. The sparkline holds final values only: a month still settling
-- (or the partial cut-off month) is a gap, never a point at its value so far.
with

indicators as (
    select project, indicator, month, month_start, value, final, is_sample from fct_indicators
),

windowed as (
    select
        project,
        indicator,
        month,
        month_start,
        value,
        last_value(value ignore nulls) over upto as latest_value,
        last_value(case when value is not null then month end ignore nulls) over upto as latest_month,
        list(case when final then value end) over last_12 as sparkline,
        bool_or(is_sample) over last_12 as is_sample
    from indicators
    window
        upto as (partition by project, indicator order by month_start
                 rows between unbounded preceding and current row),
        last_12 as (partition by project, indicator order by month_start
                    range between interval 11 months preceding and current row)
)

select * from windowed
