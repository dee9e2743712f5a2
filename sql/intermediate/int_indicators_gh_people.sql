-- grain: one row per project per month per indicator, for gh_active_contributors,
-- gh_new_contributors and contributor_retention (long format, read by fct_indicators).
-- sample_size: for the retention, the people active the month before (what it divides by).
with

active as (
    select project, month, person, is_sample from int_person_months where platform = 'github'
),

first_seen as (
    -- over the whole history, before any bucketing by month (the Augur bug: filter after min)
    select project, person, date_trunc('month', first_seen_at)::date as month
    from int_people
    where platform = 'github'
),

per_month as (
    select
        spine.project,
        spine.month,
        count(distinct active.person) as active_people,
        coalesce(bool_or(active.is_sample), false) as is_sample
    from int_project_months as spine
    left join active using (project, month)
    group by spine.project, spine.month
),

new_people as (
    select project, month, count(*) as new_people from first_seen group by project, month
),

retained as (
    select
        spine.project,
        spine.month,
        count(now_.person) as kept,
        count(before.person) as before
    from int_project_months as spine
    left join active as before
        on before.project = spine.project and before.month = spine.month - interval 1 month
    left join active as now_
        on now_.project = spine.project and now_.month = spine.month and now_.person = before.person
    group by spine.project, spine.month
),

long as (
    select project, month, 'gh_active_contributors' as indicator, active_people::double as value, is_sample,
        null::bigint as sample_size
    from per_month
    union all
    select per_month.project, per_month.month, 'gh_new_contributors',
        coalesce(new_people.new_people, 0)::double, per_month.is_sample, null
    from per_month
    left join new_people using (project, month)
    union all
    select retained.project, retained.month, 'contributor_retention',
        retained.kept / nullif(retained.before, 0), per_month.is_sample, retained.before
    from retained
    join per_month using (project, month)
)

select * from long
