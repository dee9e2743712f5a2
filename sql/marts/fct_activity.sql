-- grain: one row per project per platform per person per action per moment (bots excluded): the
-- unified activity log of DESIGN.md §4 (project, platform, person, action, time), with how many
-- activities share that moment (two comments in one second are one row, activities 2).
-- key: project, platform, person, action, occurred_at
-- export-only: no page or digest reads it; `onramp export` writes it for analysis elsewhere.
with

activity as (
    select project, platform, person, action, occurred_at, provenance
    from int_activity
    where not is_bot
),

final as (
    select
        project,
        platform,
        person,
        action,
        occurred_at,
        count(*) as activities,
        bool_or(provenance = 'sample') as is_sample
    from activity
    group by project, platform, person, action, occurred_at
)

select * from final
