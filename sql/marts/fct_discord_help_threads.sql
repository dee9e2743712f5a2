-- grain: one row per project per month in which threads or forum posts were started: how many,
-- how many got a first reply (by a non-bot other than the owner) and how many still wait for one
-- at the data cut-off, and the share still unanswered (0 to 1).
with

threads as (
    select project, date_trunc('month', started_at)::date as month, first_reply_at, is_sample
    from int_discord_threads
),

per_month as (
    select
        project,
        month,
        count(*) as threads_started,
        count(first_reply_at) as threads_answered,
        count(*) - count(first_reply_at) as threads_unanswered,
        bool_or(is_sample) as is_sample
    from threads
    group by project, month
),

final as (
    select
        project,
        strftime(month, '%Y-%m') as month,
        month as month_start,
        threads_started,
        threads_answered,
        threads_unanswered,
        threads_unanswered / threads_started as unanswered_share,
        is_sample
    from per_month
)

select * from final
