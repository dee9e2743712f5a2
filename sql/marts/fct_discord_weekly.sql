-- grain: one row per project per ISO week (Monday, UTC) from the project's first Discord message
-- to the data cut-off: messages, active members and new speakers (bots excluded), for the
-- Discord page's weekly chart. Same definitions as the monthly dc_* indicators.
with

messages as (
    select project, person, date_trunc('week', occurred_at)::date as week, provenance
    from int_discord_activity
    where not is_bot
),

first_weeks as (
    select project, person, date_trunc('week', first_seen_at)::date as week
    from int_people
    where platform = 'discord'
),

spine as (
    select bounds.project,
        unnest(generate_series(bounds.first_week,
            date_trunc('week', int_data_cutoff.data_cutoff)::date, interval 7 day))::date as week
    from (select project, min(week) as first_week from messages group by project) as bounds
    cross join int_data_cutoff
),

per_week as (
    select project, week, count(*) as messages, count(distinct person) as active_members,
        bool_or(provenance = 'sample') as is_sample
    from messages
    group by project, week
),

new_per_week as (
    select project, week, count(*) as new_speakers from first_weeks group by project, week
),

final as (
    select
        spine.project,
        spine.week,
        coalesce(per_week.messages, 0) as messages,
        coalesce(per_week.active_members, 0) as active_members,
        coalesce(new_per_week.new_speakers, 0) as new_speakers,
        coalesce(per_week.is_sample, false) as is_sample
    from spine
    left join per_week using (project, week)
    left join new_per_week using (project, week)
)

select * from final
