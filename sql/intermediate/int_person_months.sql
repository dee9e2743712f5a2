-- grain: one row per project per platform per person per month in which they were active (any
-- activity of int_activity; bots excluded); key: project, platform, person, month. The one
-- definition of "active in a month": active contributors, retention, cohort retention.
with

activity as (
    select project, platform, person, date_trunc('month', occurred_at)::date as month, provenance
    from int_activity
    where not is_bot and person is not null
),

person_months as (
    select
        project,
        platform,
        person,
        month,
        count(*) as activities,
        bool_or(provenance = 'sample') as is_sample
    from activity
    group by project, platform, person, month
)

select * from person_months
