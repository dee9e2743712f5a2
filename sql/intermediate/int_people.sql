-- grain: one row per project per platform per person (bots excluded): when they were first and
-- last seen over the whole collected history, and how active they have been. The one definition of
-- "first seen" (new contributors, new speakers, cohorts) and "last seen" (inactive, quiet).
with

activity as (
    select project, platform, person, occurred_at, action, provenance
    from int_activity
    where not is_bot and person is not null
),

people as (
    select
        project,
        platform,
        person,
        min(occurred_at) as first_seen_at,
        max(occurred_at) as last_seen_at,
        count(*) as activities,
        count(distinct date_trunc('month', occurred_at)) as active_months,
        arg_max(action, occurred_at) as last_action,
        bool_or(provenance = 'sample') as is_sample,
        -- every activity generated for the demo: a made-up person, whatever their login says
        bool_and(provenance = 'sample') as is_all_sample
    from activity
    group by project, platform, person
)

select * from people
