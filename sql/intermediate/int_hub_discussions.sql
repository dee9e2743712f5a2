-- grain: one row per discussion or Hub pull request on a project's repositories, with whether its
-- opener is outside the project and its first response: the first comment by someone other than
-- the opener (status changes and commits are not responses).
with

authors as (
    select project, lower(author) as author_key from registry_hub_authors
),

members as (
    select authors.project, lower(m.username) as username
    from stg_hub__org_members as m
    join authors on authors.author_key = m.org_key
),

discussions as (
    select authors.project, d.*
    from stg_hub__discussions as d
    join authors on lower(split_part(d.repo_id, '/', 1)) = authors.author_key
),

responses as (
    select
        d.repo_type,
        d.repo_id,
        d.num,
        min(e.created_at) as first_response_at
    from discussions as d
    join stg_hub__discussion_events as e using (repo_type, repo_id, num)
    where e.event_type = 'comment'
        and e.author is distinct from d.author
        and e.created_at >= d.created_at
    group by d.repo_type, d.repo_id, d.num
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
            or lower(d.author) in (select author_key from authors where authors.project = d.project)
            or lower(d.author) in (select username from members where members.project = d.project)
        ) as is_outside,
        d.created_at,
        responses.first_response_at,
        d.provenance = 'sample' as is_sample
    from discussions as d
    left join responses using (repo_type, repo_id, num)
)

select * from final
