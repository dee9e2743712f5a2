-- grain: one row per project per cohort month (first appearance) per first step per outcome: how
-- many newcomers who first appeared that way went on to which contribution within 180 days.
-- outcome: the first contribution's kind (github_pr, github_commit, hub_derivative, hub_pr), else
-- 'none_within_180d' once 180 days have passed, else 'not_yet' (still pending). The Project page's
-- Journeys section sums it over the chosen months.
-- arrived_contributing: whether these newcomers' first appearance was itself a contribution (a
-- commit or PR on day 0); the study's conversion (xp_newcomer_conversion_rate) counts the others.
-- key: project, cohort_month, first_step, arrived_contributing, outcome
with

journeys as (
    select * from int_journeys
),

outcomes as (
    select
        project,
        cohort_month,
        first_step,
        arrived_contributing,
        case
            when contributed_within_180d then first_contribution
            when is_settled then 'none_within_180d'
            else 'not_yet'
        end as outcome,
        is_sample
    from journeys
),

flow as (
    select
        project,
        cohort_month,
        strftime(cohort_month, '%Y-%m') as cohort,
        first_step,
        arrived_contributing,
        outcome,
        count(*) as people,
        bool_or(is_sample) as is_sample
    from outcomes
    group by project, cohort_month, first_step, arrived_contributing, outcome
)

select * from flow
