-- grain: one row per project per month per segment: the month's active GitHub contributors (people
-- who authored a commit or opened a pull request in the month; bots left out) split three ways:
--   core      in the contributor absence factor's set for the month (int_gh_factor_holders: the
--             fewest people whose commits make more than half of the trailing 365 days' commits)
--   drive_by  otherwise, one contribution (commit or PR) in the project ever, by the data cut-off
--   repeat    everyone else: more than one contribution, not core
-- "Ever" is as of the data cut-off: a drive-by who comes back later becomes repeat, so a month's
-- split can still change. is_partial marks the cut-off month, which is not over.
-- key: project, month, segment
with

commits as (
    select repos.project, c.person, c.authored_at as occurred_at, c.provenance = 'sample' as is_sample
    from stg_github__commits as c
    join registry_github_repos as repos on lower(repos.repo) = c.repo_key
    where not c.is_bot and c.person is not null
),

prs as (
    select project, author_login as person, created_at as occurred_at, is_sample
    from int_github_items
    where is_pull_request and not is_bot and author_login is not null
),

contributions as (
    select * from commits
    union all
    select * from prs
),

totals as (
    select project, person, count(*) as contributions
    from contributions
    group by project, person
),

active as (
    select project, date_trunc('month', occurred_at)::date as month, person, bool_or(is_sample) as is_sample
    from contributions
    group by all
),

core as (
    select project, month, holder as person
    from int_gh_factor_holders
    where indicator = 'contributor_absence_factor' and in_set
),

segmented as (
    select
        active.project,
        active.month,
        case
            when core.person is not null then 'core'
            when totals.contributions = 1 then 'drive_by'
            else 'repeat'
        end as segment,
        active.is_sample
    from active
    join totals using (project, person)
    left join core using (project, month, person)
),

counted as (
    select project, month, segment, count(*) as people, bool_or(is_sample) as is_sample
    from segmented
    group by all
),

spine as (
    select months.project, months.month, segments.segment
    from int_project_months as months
    cross join (values ('drive_by'), ('repeat'), ('core')) as segments(segment)
),

final as (
    select
        spine.project,
        strftime(spine.month, '%Y-%m') as month,
        spine.month as month_start,
        spine.segment,
        coalesce(counted.people, 0) as people,
        spine.month = date_trunc('month', cutoff.data_cutoff)::date as is_partial,
        coalesce(counted.is_sample, false) as is_sample
    from spine
    left join counted using (project, month, segment)
    cross join int_data_cutoff as cutoff
)

select * from final
