-- grain: one row per issue comment, review comment or submitted review
with

source as (
    select * from raw.github_comments
),

renamed as (
    select
        kind,
        id as comment_id,
        lower(repo) as repo_key,
        repo,
        number,
        github_login(author_login) as author_login,  -- the bot and deleted-account rules: sql/macros
        author_association,
        github_is_bot(is_bot, author_type, author_login) as is_bot,
        created_at,
        review_state,
        provenance
    from source
    -- a pending review has no submission time: not yet a response
    where created_at is not null
)

select * from renamed
