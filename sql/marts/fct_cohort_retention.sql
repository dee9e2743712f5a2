-- grain: one row per project per first-time-contributor cohort (the month a person's first GitHub
-- activity in the project falls in) per month since (0 to 12): of the cohort, how many were active
-- again that many months later. Months after the data cut-off are left out (not yet observable);
-- is_partial marks a cell whose month is the cut-off month, which is not over (a share of part of a
-- month, lower than it will be): the page leaves those cells out.
-- key: project, cohort_month, months_since
with

active_months as (
    select project, person, month, is_sample from int_person_months where platform = 'github'
),

first_seen as (
    select project, person, date_trunc('month', first_seen_at)::date as cohort_month
    from int_people
    where platform = 'github'
),

cohorts as (
    select project, cohort_month, count(*) as cohort_size
    from first_seen
    group by project, cohort_month
),

offsets as (
    select unnest(range(0, 13)) as months_since
),

cutoff as (
    select date_trunc('month', data_cutoff)::date as last_month from int_data_cutoff
),

cells as (
    select cohorts.*, offsets.months_since,
        (cohorts.cohort_month + to_months(offsets.months_since))::date as month,
        cohorts.cohort_month + to_months(offsets.months_since) = cutoff.last_month as is_partial
    from cohorts
    cross join offsets
    cross join cutoff
    where cohorts.cohort_month + to_months(offsets.months_since) <= cutoff.last_month
),

returning_people as (
    select
        first_seen.project,
        first_seen.cohort_month,
        active_months.month,
        count(*) as active,
        bool_or(active_months.is_sample) as is_sample
    from first_seen
    join active_months using (project, person)
    group by first_seen.project, first_seen.cohort_month, active_months.month
),

final as (
    select
        cells.project,
        cells.cohort_month,
        strftime(cells.cohort_month, '%Y-%m') as cohort,
        cells.months_since,
        cells.cohort_size,
        coalesce(returning_people.active, 0) as active,
        coalesce(returning_people.active, 0) / cells.cohort_size as retention,
        cells.is_partial,
        coalesce(returning_people.is_sample, false) as is_sample
    from cells
    left join returning_people using (project, cohort_month, month)
)

select * from final
