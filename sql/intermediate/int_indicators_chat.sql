-- grain: one row per project per platform per month per indicator, for the chat indicators of
-- DESIGN.md §4: Discord (dc_messages, dc_active_members, dc_new_speakers,
-- dc_new_speaker_return_rate, dc_help_ttfr_median_minutes) and Slack, whose sl_* are the same
-- definitions applied to its channels and threads (sl_thread_ttfr_median_minutes: from a thread's
-- parent to the first reply by a non-bot other than its author). Long format, read by
-- fct_indicators. Bots are left out throughout. sample_size: the items a ratio divides by (the
-- month's new speakers) or a median is taken over (the threads that got a reply); null for counts.
with

ids as (
    select * from (values
        ('discord', 'dc_messages', 'dc_active_members', 'dc_new_speakers',
            'dc_new_speaker_return_rate', 'dc_help_ttfr_median_minutes'),
        ('slack', 'sl_messages', 'sl_active_members', 'sl_new_speakers',
            'sl_new_speaker_return_rate', 'sl_thread_ttfr_median_minutes')
    ) as t(platform, messages_id, active_id, new_id, return_id, ttfr_id)
),

activity as (
    select project, platform, person, occurred_at, is_bot, provenance from int_discord_activity
    union all
    select project, platform, person, occurred_at, is_bot, provenance from int_slack_activity
),

messages as (
    select project, platform, person, occurred_at, date_trunc('month', occurred_at)::date as month,
        provenance
    from activity
    where not is_bot
),

first_messages as (
    -- over the whole history, before any bucketing by month
    select project, platform, person, first_seen_at as first_at
    from int_people
    where platform in ('discord', 'slack')
),

new_speakers as (
    -- returned: another message from 7 days to 30 days (both inclusive) after the first one
    select
        first_messages.project,
        first_messages.platform,
        date_trunc('month', first_messages.first_at)::date as month,
        first_messages.person,
        count(later.person) > 0 as returned
    from first_messages
    left join messages as later
        on later.project = first_messages.project
        and later.platform = first_messages.platform
        and later.person = first_messages.person
        and later.occurred_at between first_messages.first_at + interval 7 day
            and first_messages.first_at + interval 30 day
    group by all
),

per_month_messages as (
    select project, platform, month, count(*) as messages, count(distinct person) as active,
        bool_or(provenance = 'sample') as is_sample
    from messages
    group by project, platform, month
),

per_month_new as (
    select project, platform, month, count(*) as new_speakers,
        count(*) filter (where returned) as returned
    from new_speakers
    group by project, platform, month
),

threads as (
    select project, platform, started_at, first_reply_at, is_sample
    from int_chat_threads
),

per_month_threads as (
    select project, platform, date_trunc('month', started_at)::date as month,
        median(epoch(first_reply_at - started_at) / 60.0) as ttfr_minutes,
        count(*) as answered_threads,
        bool_or(is_sample) as is_sample
    from threads
    where first_reply_at is not null
    group by all
),

chat_months as (
    -- the spine, from the project's first message on each platform (no rows without one); a quiet
    -- month's zero comes from the same data as its neighbours, sample or not
    select spine.project, first_.platform, spine.month, first_.all_sample
    from int_project_months as spine
    join (
        select project, platform, min(month) as first_month,
            bool_and(provenance = 'sample') as all_sample
        from messages
        group by all
    ) as first_
        on first_.project = spine.project and spine.month >= first_.first_month
),

monthly as (
    select
        chat_months.project,
        chat_months.platform,
        chat_months.month,
        coalesce(m.messages, 0) as messages,
        coalesce(m.active, 0) as active,
        coalesce(n.new_speakers, 0) as new_speakers,
        n.returned / nullif(n.new_speakers, 0) as return_rate,
        t.ttfr_minutes,
        coalesce(t.answered_threads, 0) as answered_threads,
        coalesce(m.is_sample, chat_months.all_sample) or coalesce(t.is_sample, false) as is_sample
    from chat_months
    left join per_month_messages as m using (project, platform, month)
    left join per_month_new as n using (project, platform, month)
    left join per_month_threads as t using (project, platform, month)
),

long as (
    select project, platform, month, messages_id as indicator, messages::double as value, is_sample,
        null::bigint as sample_size
    from monthly join ids using (platform)
    union all
    select project, platform, month, active_id, active::double, is_sample, null
    from monthly join ids using (platform)
    union all
    select project, platform, month, new_id, new_speakers::double, is_sample, null
    from monthly join ids using (platform)
    union all
    select project, platform, month, return_id, return_rate::double, is_sample, new_speakers
    from monthly join ids using (platform)
    union all
    select project, platform, month, ttfr_id, ttfr_minutes::double, is_sample, answered_threads
    from monthly join ids using (platform)
)

select * from long
