-- grain: one row per project per month: gh_inactive_contributors, people with 3 or more GitHub
-- activities whose last activity falls in the month, counted once 180 days have passed by the data
-- cut-off (DESIGN.md §4). Bots excluded.
with

people as (
    select project, person, activities, last_seen_at as last_at, is_sample
    from int_people
    where platform = 'github'
),

gone_quiet as (
    select
        people.project,
        date_trunc('month', people.last_at)::date as month,
        count(*) as people,
        bool_or(people.is_sample) as is_sample
    from people
    cross join int_data_cutoff
    where people.activities >= 3
        and people.last_at + interval 180 day <= int_data_cutoff.data_cutoff
    group by people.project, date_trunc('month', people.last_at)::date
),

long as (
    select
        spine.project,
        spine.month,
        'gh_inactive_contributors' as indicator,
        coalesce(gone_quiet.people, 0)::double as value,
        coalesce(gone_quiet.is_sample, false) as is_sample
    from int_project_months as spine
    left join gone_quiet using (project, month)
)

select * from long
