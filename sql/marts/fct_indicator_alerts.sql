-- grain: one row per project per indicator per complete month whose value went clearly the bad
-- way off its own trailing three-month level. Clearly: worse than
-- every one of the three months before and at least a third worse than their mean. The bad way
-- comes from the catalog's `good` (carried by fct_indicator_changes): `below` for indicators where
-- up is good, `above` where down is good; neutral indicators, and ids the catalog does not know,
-- are never flagged. The month of the data cut-off is left out: it is not over yet; so is any value
-- not final (fct_indicators.final). The Drop-off page and the digest list these as they are.
-- key: project, indicator, month
with

changes as (
    select project, indicator, month, month_start, value, final, trailing_3m, trailing_min,
        trailing_max, good, is_sample
    from fct_indicator_changes
),

complete as (
    select changes.*
    from changes
    cross join int_data_cutoff
    where changes.month_start < date_trunc('month', int_data_cutoff.data_cutoff)::date
        and changes.final  -- a value still settling (a return within 30 days) is no alert
),

flagged as (
    select
        *,
        case
            when value < trailing_min and value <= trailing_3m * 2 / 3 then 'below'
            when value > trailing_max and value >= trailing_3m * 4 / 3 then 'above'
        end as direction,
        case good when 'up' then 'below' when 'down' then 'above' end as bad_direction
    from complete
    where value is not null and trailing_3m > 0
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
        good,
        is_sample
    from flagged
    where direction = bad_direction
)

select * from final
