-- grain: one row per project per indicator per complete month whose value is clearly off its own
-- trailing three-month level: below (or above) every one of the three months before and at least a
-- third below (above) their mean. Which way is bad comes from the catalog's `good`: the pages show
-- `below` for indicators where up is good and `above` where down is good. The month of the data
-- cut-off is left out: it is not over yet; so is any value not final (fct_indicators.final).
with

indicators as (
    select project, indicator, month, month_start, value, final, is_sample from fct_indicators
),

with_trailing as (
    select
        indicators.*,
        avg(value) over w as trailing_3m,
        min(value) over w as trailing_min,
        max(value) over w as trailing_max,
        count(value) over w as trailing_values
    from indicators
    window w as (
        partition by project, indicator order by month_start
        range between interval 3 months preceding and interval 1 month preceding
    )
),

complete as (
    select with_trailing.*
    from with_trailing
    cross join int_data_cutoff
    where with_trailing.month_start < date_trunc('month', int_data_cutoff.data_cutoff)::date
        and with_trailing.final  -- a value still settling (a return within 30 days) is no alert
),

flagged as (
    select
        *,
        case
            when value < trailing_min and value <= trailing_3m * 2 / 3 then 'below'
            when value > trailing_max and value >= trailing_3m * 4 / 3 then 'above'
        end as direction
    from complete
    where value is not null and trailing_values = 3 and trailing_3m > 0
),

final as (
    select
        project,
        indicator,
        month,
        month_start,
        value,
        trailing_3m,
        value / trailing_3m - 1 as change,
        direction,
        is_sample
    from flagged
    where direction is not null
)

select * from final
