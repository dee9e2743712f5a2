-- grain: one row per Slack message (channel, ts); no text is ever stored
with

source as (
    select * from raw.slack_messages
),

renamed as (
    select
        channel_id || ':' || ts as message_id,
        channel_id,
        ts,
        created_at,
        case when thread_ts is not null then channel_id || ':' || thread_ts end as thread_id,
        thread_ts is not null and thread_ts = ts as is_thread_parent,
        thread_ts is not null and thread_ts <> ts as is_reply,
        author_pseudonym,
        author_is_bot as is_bot,
        subtype,
        reply_count,
        reaction_count,
        provenance
    from source
)

select * from renamed
