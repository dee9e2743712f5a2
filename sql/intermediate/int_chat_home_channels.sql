-- grain: one row per project per platform per Discord or Slack member (bots excluded): the
-- channel where they wrote most (a Discord thread counts under its parent channel; a tie goes to
-- the channel they wrote in last), with its name. Pseudonymised members are never listed one by
-- one: pages and the digest count them per home channel ("12 regulars of #help went quiet").
-- key: project, platform, person
with

discord as (
    select
        messages.project,
        'discord' as platform,
        messages.author_pseudonym as person,
        coalesce(messages.thread_parent_id, messages.channel_id) as channel_id,
        messages.created_at
    from int_discord_messages as messages
    where messages.is_speech and not messages.is_bot and messages.author_pseudonym is not null
),

slack as (
    select project, 'slack' as platform, author_pseudonym as person, channel_id, created_at
    from int_slack_messages
    where is_speech and not is_bot
),

per_channel as (
    select project, platform, person, channel_id, count(*) as messages, max(created_at) as last_at
    from (select * from discord union all select * from slack)
    group by all
),

home as (
    select project, platform, person,
        arg_max(channel_id, (messages, last_at)) as channel_id
    from per_channel
    group by project, platform, person
),

names as (
    select channel_id, name from stg_discord__channels
    union all
    select channel_id, name from int_slack_channels
),

final as (
    select home.project, home.platform, home.person, home.channel_id,
        (select max(names.name) from names where names.channel_id = home.channel_id) as channel_name
    from home
)

select * from final
