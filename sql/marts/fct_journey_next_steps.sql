-- grain: one row per project per cohort month per first step per next step: where newcomers went
-- after the door they came in by (next_step 'none' when they have taken no other step yet), with
-- the median days between. The flow table of the Journeys section.
-- key: project, cohort_month, first_step, next_step
with

journeys as (
    select * from int_journeys
),

steps as (
    select
        project,
        cohort_month,
        strftime(cohort_month, '%Y-%m') as cohort,
        first_step,
        coalesce(next_step, 'none') as next_step,
        count(*) as people,
        median(days_to_next) as median_days_to_next,
        bool_or(is_sample) as is_sample
    from journeys
    group by project, cohort_month, first_step, coalesce(next_step, 'none')
)

select * from steps
