-- grain: one row per commit per repository (default branch)
-- person: the linked GitHub login, else 'git:' + the lower-cased author name (the email address is
-- never kept, so the name is the only key a commit without a login has).
with

source as (
    select * from raw.github_commits
),

renamed as (
    select
        lower(repo) as repo_key,
        repo,
        sha,
        author_login,
        coalesce(author_login, 'git:' || lower(trim(author_name))) as person,
        nullif(lower(trim(author_email_domain)), '') as email_domain,
        authored_at,
        committed_at,
        is_merge,
        pr_number,
        pr_login,
        is_bot
            or coalesce(author_login, author_name, '') like '%[bot]'
            or lower(coalesce(author_login, '')) in ('web-flow', 'ghost') as is_bot,
        provenance
    from source
    where authored_at is not null
)

select * from renamed
