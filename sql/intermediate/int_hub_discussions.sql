-- grain: one row per discussion or Hub pull request on a project's repositories, with whether its
-- opener is outside the project (neither a hub_author nor a member of their organisations, nor
-- flagged by the Hub as an org member on their own events) and its first response: the first
-- comment by someone other than the opener (status changes and commits are not responses).
with

authors as (
    select project, lower(author) as author_key from registry_hub_authors
),

discussions as (
    select authors.project, d.*
    from stg_hub__discussions as d
    join authors on lower(split_part(d.repo_id, '/', 1)) = authors.author_key
),

responses as (
    select
        d.project,
        d.repo_type,
        d.repo_id,
        d.num,
        min(e.created_at) as first_response_at
    from discussions as d
    join stg_hub__discussion_events as e using (repo_type, repo_id, num)
    where e.event_type = 'comment'
        and e.author is not null
        -- the first-response rule (sql/macros); the Hub marks no bots, and names ignore case
        and is_response(lower(e.author), lower(d.author), false, e.created_at, d.created_at)
    group by d.project, d.repo_type, d.repo_id, d.num
),

final as (
    select
        d.project,
        d.repo_type,
        d.repo_id,
        d.num,
        d.is_pull_request,
        d.title,
        d.status,
        d.author,
        not (
            coalesce(d.author_is_org_member, false)
            or coalesce(lower(d.author) in (
                select person_key from int_hub_insiders as i where i.project = d.project
            ), false)
        ) as is_outside,
        d.created_at,
        responses.first_response_at,
        d.provenance = 'sample' as is_sample
    from discussions as d
    left join responses using (project, repo_type, repo_id, num)
)

select * from final
