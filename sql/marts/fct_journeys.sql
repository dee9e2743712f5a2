-- grain: one row per project per person (one person across platforms, by identities.toml): the
-- newcomer journey behind the xp_* indicators. Where they first appeared (platform, step, action),
-- the next step somewhere else and the days between, their first contribution and the days to it.
-- No names: pages count journeys, they never list who took them.
-- key: project, person_key
-- export-only: no page or digest reads it (they count journeys from fct_journey_flow and
-- fct_journey_next_steps); `onramp export` writes it for analysis elsewhere.
with

journeys as (
    select
        project,
        person_key,
        cohort_month,
        strftime(cohort_month, '%Y-%m') as cohort,
        first_seen_at,
        first_platform,
        first_step,
        first_action,
        next_step,
        next_platform,
        days_to_next,
        contributed_at,
        first_contribution,
        contribution_platform,
        days_to_contribution,
        contributed_within_180d,
        arrived_contributing,
        is_settled,
        platforms,
        is_listed,
        is_pseudonymous_only,
        is_sample
    from int_journeys
)

select * from journeys
