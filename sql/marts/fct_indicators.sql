-- grain: one row per project per month per indicator: every indicator value On-ramp reports.
-- `onramp metrics` prints it; pages chart it. is_sample marks values built on generated rows.
with

unioned as (
    select * from int_indicators_gh_people
    union all
    select * from int_indicators_gh_factors
    union all
    select * from int_indicators_gh_flow
    union all
    select * from int_indicators_gh_inactive
    union all
    select * from int_indicators_hub_derivatives
    union all
    select * from int_indicators_hub_downloads
    union all
    select * from int_indicators_hub_discussions
    union all
    select * from int_indicators_hub_reuse
    union all
    select * from int_indicators_hub_benchmarks
    union all
    select * from int_indicators_dc
    union all
    select * from int_indicators_sl
    union all
    select * from int_indicators_xp
),

final as (
    select
        project,
        strftime(month, '%Y-%m') as month,
        month as month_start,
        indicator,
        value,
        is_sample
    from unioned
)

select * from final
