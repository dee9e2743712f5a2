-- grain: one row per project per month per indicator: every indicator value On-ramp reports.
-- `onramp metrics` prints it; pages chart it. is_sample marks values built on generated rows.
-- final: the value can no longer change (DESIGN.md §4): the month ended, and the catalog's
-- settles_after_days have passed, by the data cut-off. The cut-off month is never final. An id the
-- catalog does not know settles like a plain flow. settles_on is the day it becomes final.
-- snapshot_on: the day of the snapshot a snapshot total was read from (the downloads listing, the
-- derivative tree's collection), where its model knows it; null otherwise.
-- key: project, indicator, month
with

unioned as (
    select * from int_indicators_gh_people
    union all by name
    select * from int_indicators_gh_factors
    union all by name
    select * from int_indicators_gh_flow
    union all by name
    select * from int_indicators_gh_inactive
    union all by name
    select * from int_indicators_gh_review
    union all by name
    select * from int_indicators_hub_derivatives
    union all by name
    select * from int_indicators_hub_downloads
    union all by name
    select * from int_indicators_hub_discussions
    union all by name
    select * from int_indicators_hub_reuse
    union all by name
    select * from int_indicators_hub_benchmarks
    union all by name
    select * from int_indicators_hub_languages
    union all by name
    select project, month, indicator, value, is_sample, sample_size from int_indicators_chat  -- dc_* and sl_*
    union all by name
    select * from int_indicators_xp
),

settling as (
    select
        unioned.*,
        (unioned.month + interval 1 month + to_days(coalesce(catalog.settles_after_days, 0)))::date
            as settles_on
    from unioned
    left join ref_indicator_catalog as catalog using (indicator)
),

final as (
    select
        settling.project,
        strftime(settling.month, '%Y-%m') as month,
        settling.month as month_start,
        settling.indicator,
        settling.value,
        settling.settles_on <= int_data_cutoff.data_cutoff as final,
        settling.settles_on,
        settling.is_sample,
        settling.sample_size,
        settling.snapshot_on
    from settling
    cross join int_data_cutoff
)

select * from final
