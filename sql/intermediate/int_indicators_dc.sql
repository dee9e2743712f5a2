-- grain: one row per project per month per indicator, for the Discord indicators of DESIGN.md §4
-- (dc_messages, dc_active_members, dc_new_speakers, dc_new_speaker_return_rate,
-- dc_help_ttfr_median_minutes), long format, read by fct_indicators. Bots are left out throughout.
with

messages as (
    select project, person, occurred_at, date_trunc('month', occurred_at)::date as month, provenance
    from int_discord_activity
    where not is_bot
),

first_messages as (
    -- over the whole history, before any bucketing by month
    select project, person, first_seen_at as first_at
    from int_people
    where platform = 'discord'
),

new_speakers as (
    -- returned: another message from 7 days to 30 days (both inclusive) after the first one
    select
        first_messages.project,
        date_trunc('month', first_messages.first_at)::date as month,
        first_messages.person,
        count(later.person) > 0 as returned
    from first_messages
    left join messages as later
        on later.project = first_messages.project
        and later.person = first_messages.person
        and later.occurred_at between first_messages.first_at + interval 7 day
            and first_messages.first_at + interval 30 day
    group by all
),

per_month_messages as (
    select project, month, count(*) as messages, count(distinct person) as active,
        bool_or(provenance = 'sample') as is_sample
    from messages
    group by project, month
),

per_month_new as (
    select project, month, count(*) as new_speakers, count(*) filter (where returned) as returned
    from new_speakers
    group by project, month
),

per_month_threads as (
    select project, date_trunc('month', started_at)::date as month,
        median(epoch(first_reply_at - started_at) / 60.0) as ttfr_minutes,
        bool_or(is_sample) as is_sample
    from int_discord_threads
    where first_reply_at is not null
    group by all
),

discord_months as (
    -- the spine, from the project's first Discord message on (no rows for projects without Discord)
    select spine.project, spine.month
    from int_project_months as spine
    join (select project, min(month) as first_month from messages group by project) as first_
        on first_.project = spine.project and spine.month >= first_.first_month
),

monthly as (
    select
        discord_months.project,
        discord_months.month,
        coalesce(m.messages, 0) as messages,
        coalesce(m.active, 0) as active,
        coalesce(n.new_speakers, 0) as new_speakers,
        n.returned / nullif(n.new_speakers, 0) as return_rate,
        t.ttfr_minutes,
        coalesce(m.is_sample, false) or coalesce(t.is_sample, false) as is_sample
    from discord_months
    left join per_month_messages as m using (project, month)
    left join per_month_new as n using (project, month)
    left join per_month_threads as t using (project, month)
),

long as (
    select project, month, 'dc_messages' as indicator, messages::double as value, is_sample from monthly
    union all
    select project, month, 'dc_active_members', active::double, is_sample from monthly
    union all
    select project, month, 'dc_new_speakers', new_speakers::double, is_sample from monthly
    union all
    select project, month, 'dc_new_speaker_return_rate', return_rate::double, is_sample from monthly
    union all
    select project, month, 'dc_help_ttfr_median_minutes', ttfr_minutes::double, is_sample from monthly
)

select * from long
