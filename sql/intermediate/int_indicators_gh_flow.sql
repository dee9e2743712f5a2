-- grain: one row per project per month per indicator, for the flow of issues and pull requests:
-- gh_prs_opened, gh_external_prs_opened, gh_external_prs_merged, gh_pr_acceptance_ratio,
-- gh_pr_closure_ratio, gh_issue_closure_ratio, gh_ttfr_median_hours, gh_unanswered_share
-- (DESIGN.md §4). Items opened by bots are left out of every count, ratio and median; a month is
-- a UTC calendar month (the build runs with TimeZone UTC). sample_size: the items a ratio divides
-- by or a median is taken over (null for counts); the catalog's min_sample is checked against it.
with

items as (
    select
        project,
        is_pull_request,
        is_external,
        created_at,
        coalesce(closed_at, merged_at) as closed_at,
        merged_at,
        is_merge_known,
        first_response_at,
        is_sample
    from int_github_items
    where not is_bot
),

opened as (
    select
        project,
        date_trunc('month', created_at)::date as month,
        count(*) filter (where is_pull_request) as prs_opened,
        count(*) filter (where is_pull_request and is_external) as external_prs_opened,
        count(*) filter (where not is_pull_request) as issues_opened,
        count(*) as items_opened,
        count(*) filter (where first_response_at is null) as unanswered,
        count(first_response_at) as answered,
        -- only items that got a response enter the median (DESIGN.md §4)
        median((epoch(first_response_at) - epoch(created_at)) / 3600.0) as ttfr_median_hours,
        bool_or(is_sample) as is_sample
    from items
    group by project, date_trunc('month', created_at)::date
),

closed as (
    -- by the item's current closed_at: a reopened item that is open again is not closed
    select
        project,
        date_trunc('month', closed_at)::date as month,
        count(*) filter (where is_pull_request) as prs_closed,
        count(*) filter (where is_pull_request and merged_at is not null) as prs_closed_merged,
        -- closed PRs whose merge state no payload gave: the month's acceptance is then unknown
        count(*) filter (where is_pull_request and not is_merge_known) as prs_closed_unknown,
        count(*) filter (where not is_pull_request) as issues_closed,
        bool_or(is_sample) as is_sample
    from items
    where closed_at is not null
    group by project, date_trunc('month', closed_at)::date
),

merged as (
    select
        project,
        date_trunc('month', merged_at)::date as month,
        count(*) filter (where is_external) as external_prs_merged,
        bool_or(is_sample) as is_sample
    from items
    where is_pull_request and merged_at is not null
    group by project, date_trunc('month', merged_at)::date
),

per_month as (
    select
        spine.project,
        spine.month,
        coalesce(opened.prs_opened, 0) as prs_opened,
        coalesce(opened.external_prs_opened, 0) as external_prs_opened,
        coalesce(opened.issues_opened, 0) as issues_opened,
        coalesce(opened.items_opened, 0) as items_opened,
        coalesce(opened.unanswered, 0) as unanswered,
        coalesce(opened.answered, 0) as answered,
        opened.ttfr_median_hours,
        coalesce(closed.prs_closed, 0) as prs_closed,
        coalesce(closed.prs_closed_merged, 0) as prs_closed_merged,
        coalesce(closed.prs_closed_unknown, 0) as prs_closed_unknown,
        coalesce(closed.issues_closed, 0) as issues_closed,
        coalesce(merged.external_prs_merged, 0) as external_prs_merged,
        coalesce(opened.is_sample, false) or coalesce(closed.is_sample, false)
            or coalesce(merged.is_sample, false) as is_sample
    from int_project_months as spine
    left join opened using (project, month)
    left join closed using (project, month)
    left join merged using (project, month)
),

long as (
    select project, month, 'gh_prs_opened' as indicator, prs_opened::double as value, is_sample,
        null::bigint as sample_size
    from per_month
    union all
    select project, month, 'gh_external_prs_opened', external_prs_opened::double, is_sample, null
    from per_month
    union all
    select project, month, 'gh_external_prs_merged', external_prs_merged::double, is_sample, null
    from per_month
    union all
    select project, month, 'gh_pr_acceptance_ratio',
        case when prs_closed_unknown = 0 then prs_closed_merged::double / nullif(prs_closed, 0) end,
        is_sample, prs_closed
    from per_month
    union all
    select project, month, 'gh_pr_closure_ratio', prs_closed::double / nullif(prs_opened, 0),
        is_sample, prs_opened
    from per_month
    union all
    select project, month, 'gh_issue_closure_ratio',
        issues_closed::double / nullif(issues_opened, 0), is_sample, issues_opened
    from per_month
    union all
    select project, month, 'gh_ttfr_median_hours', ttfr_median_hours::double, is_sample, answered
    from per_month
    union all
    select project, month, 'gh_unanswered_share', unanswered::double / nullif(items_opened, 0),
        is_sample, items_opened
    from per_month
)

select * from long
