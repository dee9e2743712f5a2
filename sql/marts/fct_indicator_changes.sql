-- grain: one row per project per indicator per month: the value, whether it is final, and how it
-- moved: against the mean of the three months before (trailing_3m) and against the same month a
-- year before. Changes are relative (0.25 = 25 % higher); null when either side is unknown, not
-- final, or the base is 0. For snapshot totals (null outside their snapshot month) latest_value is
-- the newest value known up to the month, and latest_month says when it was. The on-ramp map on the
-- Project page and the Compare page read their headline cells from here.
with

indicators as (
    select project, indicator, month, month_start, value, final, settles_on, is_sample
    from fct_indicators
),

windowed as (
    select
        indicators.*,
        avg(value) over prior as trailing_3m,
        count(value) over prior as trailing_values,
        bool_and(final) over prior as trailing_final,
        last_value(value ignore nulls) over upto as latest_value,
        last_value(case when value is not null then month end ignore nulls) over upto as latest_month
    from indicators
    window
        prior as (partition by project, indicator order by month_start
                     range between interval 3 months preceding and interval 1 month preceding),
        upto as (partition by project, indicator order by month_start
                 rows between unbounded preceding and current row)
),

year_before as (
    select project, indicator, month_start + interval 12 months as month_start,
        value as year_before, final as year_before_final
    from indicators
),

final as (
    select
        windowed.project,
        windowed.indicator,
        windowed.month,
        windowed.month_start,
        windowed.value,
        windowed.final,
        windowed.settles_on,
        windowed.latest_value,
        windowed.latest_month,
        case when windowed.trailing_values = 3 then windowed.trailing_3m end as trailing_3m,
        year_before.year_before,
        case
            when windowed.final and windowed.trailing_final and windowed.trailing_values = 3
                and windowed.trailing_3m <> 0
                then windowed.value / windowed.trailing_3m - 1
        end as change_3m,
        case
            when windowed.final and year_before.year_before_final and year_before.year_before <> 0
                then windowed.value / year_before.year_before - 1
        end as change_1y,
        windowed.is_sample
    from windowed
    left join year_before using (project, indicator, month_start)
)

select * from final
