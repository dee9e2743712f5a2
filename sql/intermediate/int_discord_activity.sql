-- grain: one row per Discord message someone wrote in a project's counted channels (system
-- notices left out, see int_discord_messages): the Discord part of the activity log
with

messages as (
    select
        project,
        'discord' as platform,
        author_pseudonym as person,
        'message' as action,
        created_at as occurred_at,
        is_bot,
        provenance
    from int_discord_messages
    where is_speech
)

select * from messages
