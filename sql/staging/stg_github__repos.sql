-- grain: one row per configured repository, as last collected
with

source as (
    select * from raw.github_repos
),

renamed as (
    select
        lower(repo) as repo_key,
        repo,
        repo_id,
        full_name,
        stars,
        forks,
        open_issues,
        default_branch,
        created_at,
        pushed_at,
        collected_at,
        provenance
    from source
)

select * from renamed
