-- grain: one row per project per month per indicator, for the cross-platform indicators of
-- DESIGN.md §4 (People), long format, read by fct_indicators. A newcomer is a person (one person
-- across platforms, by identities.toml) whose first appearance in the project on any platform
-- falls in the month:
--   xp_newcomers                      newcomers of the month
--   xp_newcomer_contributor_rate      share of them who contributed within 180 days (final once 180
--                                     days have passed; the value so far until then)
--   xp_newcomer_conversion_rate       the study's question: of the month's newcomers whose first
--                                     appearance was NOT a contribution (they asked, discussed,
--                                     reviewed or chatted), the share who contributed within 180
--                                     days (pending until 180 days have passed)
--   xp_median_days_to_contribution    median days to that contribution, over those same people who
--                                     made one (someone who arrived with a commit is not a 0 here)
--   xp_first_platform_share_<p>       share of them first seen on platform p, for every platform
--                                     the project has activity on (none on a platform: no row)
-- sample_size: the people a share divides by (the newcomers; for the conversion rate, those who
-- came asking) or the median is taken over (those who converted); null for the count.
with

journeys as (
    select * from int_journeys
),

per_month as (
    select
        project,
        cohort_month as month,
        count(*) as newcomers,
        count(*) filter (where contributed_within_180d) as contributors,
        count(*) filter (where not arrived_contributing) as came_asking,
        count(*) filter (where not arrived_contributing and contributed_within_180d) as converted,
        median(days_to_contribution) filter (
            where contributed_within_180d and not arrived_contributing
        ) as median_days,
        count(days_to_contribution) filter (
            where contributed_within_180d and not arrived_contributing
        ) as median_over,
        bool_or(is_sample) as is_sample
    from journeys
    group by project, cohort_month
),

platforms as (
    select distinct project, platform from int_journey_steps
),

per_platform as (
    select project, cohort_month as month, first_platform as platform, count(*) as firsts
    from journeys
    group by project, cohort_month, first_platform
),

spine as (
    select months.project, months.month, per_month.newcomers, per_month.contributors,
        per_month.came_asking, per_month.converted, per_month.median_days,
        coalesce(per_month.median_over, 0) as median_over,
        coalesce(per_month.is_sample, false) as is_sample
    from int_project_months as months
    left join per_month using (project, month)
),

scalar as (
    select project, month, 'xp_newcomers' as indicator, coalesce(newcomers, 0)::double as value,
        is_sample, null::bigint as sample_size
    from spine
    union all
    select project, month, 'xp_newcomer_contributor_rate',
        contributors::double / nullif(newcomers, 0), is_sample, coalesce(newcomers, 0)
    from spine
    union all
    select project, month, 'xp_newcomer_conversion_rate',
        converted::double / nullif(came_asking, 0), is_sample, coalesce(came_asking, 0)
    from spine
    union all
    select project, month, 'xp_median_days_to_contribution', median_days::double, is_sample,
        median_over
    from spine
),

shares as (
    select spine.project, spine.month, 'xp_first_platform_share_' || platforms.platform,
        coalesce(per_platform.firsts, 0)::double / nullif(spine.newcomers, 0), spine.is_sample,
        coalesce(spine.newcomers, 0)
    from spine
    join platforms using (project)
    left join per_platform
        on per_platform.project = spine.project and per_platform.month = spine.month
        and per_platform.platform = platforms.platform
),

long as (
    select * from scalar
    union all
    select * from shares
)

select * from long
