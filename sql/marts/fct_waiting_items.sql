-- grain: one row per open GitHub issue or pull request, open Hub discussion or Hub pull request,
-- unarchived Discord thread and Slack thread or top-level post in a help channel (int_chat_threads'
-- is_help) that has had no first answer by the data cut-off, with how long it has waited and its
-- age bucket (waiting_bucket, sql/macros: fresh, staling, stale; bucket_rank 1 = staling, listed
-- first). People waiting, not bots: items opened by bots are left out. Generated (sample) items
-- link nowhere: url is null, so no page or digest sends a reader to an unrelated real item.
-- key: project, platform, item
with

github as (
    select
        project,
        'github' as platform,
        case when is_pull_request then 'pull request' else 'issue' end as kind,
        repo || '#' || number as item,
        title,
        author_login as author,
        is_external as is_outside,
        created_at as opened_at,
        'https://github.com/' || repo || '/' || case when is_pull_request then 'pull' else 'issues' end
            || '/' || number as url,
        is_sample
    from int_github_items
    where state = 'open' and first_response_at is null and not is_bot
),

hub as (
    select
        project,
        'hub' as platform,
        case when is_pull_request then 'Hub pull request' else 'Hub discussion' end as kind,
        repo_id || '#' || num as item,
        title,
        author,
        is_outside,
        created_at as opened_at,
        'https://huggingface.co/' || case repo_type when 'dataset' then 'datasets/' when 'space' then 'spaces/' else '' end
            || repo_id || '/discussions/' || num as url,
        is_sample
    from int_hub_discussions
    where coalesce(status, 'open') in ('open', 'draft') and first_response_at is null
),

discord as (
    select
        project,
        'discord' as platform,
        'help thread' as kind,
        coalesce(name, 'thread') || ' · ' || right(thread_id, 6) as item,
        name as title,
        owner_pseudonym as author,
        true as is_outside,
        started_at as opened_at,
        null as url,
        is_sample
    from int_chat_threads
    where platform = 'discord' and first_reply_at is null and not is_archived and is_help
),

slack as (
    -- a Slack post keeps no text: it is named by its channel and its second (and, for posts of
    -- the same second in one channel, its rank by ts)
    select
        threads.project,
        'slack' as platform,
        'Slack post' as kind,
        '#' || coalesce(channels.name, threads.channel_id) || ' · '
            || strftime(threads.started_at, '%Y-%m-%d %H:%M:%S')
            || case
                when row_number() over same_second > 1
                    then ' (' || row_number() over same_second || ')'
                else ''
            end as item,
        '#' || coalesce(channels.name, threads.channel_id) || ', '
            || strftime(threads.started_at, '%Y-%m-%d %H:%M') as title,
        threads.owner_pseudonym as author,
        true as is_outside,
        threads.started_at as opened_at,
        null as url,
        threads.is_sample
    from int_chat_threads as threads
    left join int_slack_channels as channels
        on channels.project = threads.project and channels.channel_id = threads.channel_id
    where threads.platform = 'slack' and threads.first_reply_at is null and threads.is_help
    window same_second as (
        partition by threads.project, threads.channel_id,
            strftime(threads.started_at, '%Y-%m-%d %H:%M:%S')
        order by threads.thread_id
    )
),

unioned as (
    select * from github
    union all
    select * from hub
    union all
    select * from discord
    union all
    select * from slack
),

aged as (
    select
        unioned.* replace (case when unioned.is_sample then null else unioned.url end as url),
        date_diff('hour', unioned.opened_at, int_data_cutoff.data_cutoff) / 24.0 as days_waiting
    from unioned
    cross join int_data_cutoff
    where unioned.opened_at <= int_data_cutoff.data_cutoff
),

final as (
    select
        aged.*,
        waiting_bucket(aged.days_waiting) as age_bucket,
        waiting_bucket_rank(waiting_bucket(aged.days_waiting)) as bucket_rank
    from aged
)

select * from final
