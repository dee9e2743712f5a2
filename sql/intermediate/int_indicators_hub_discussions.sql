-- grain: one row per project per month per indicator, for hub_discussions_opened (discussions and
-- Hub PRs), hub_community_prs_opened (Hub PRs by people outside the project) and
-- hub_discussion_ttfr_median_hours (over the month's discussions and PRs that got a first comment
-- by someone other than the opener; null when none did). sample_size: the discussions that median
-- is taken over (null for the counts).
with

discussions as (
    select
        project,
        date_trunc('month', created_at)::date as month,
        is_pull_request,
        is_outside,
        epoch(first_response_at - created_at) / 3600.0 as hours_to_response,
        is_sample
    from int_hub_discussions
),

per_month as (
    select
        project,
        month,
        count(*)::double as opened,
        count(*) filter (where is_pull_request and is_outside)::double as community_prs,
        median(hours_to_response) as ttfr_hours,
        count(hours_to_response) as answered,
        bool_or(is_sample) as is_sample
    from discussions
    group by project, month
),

filled as (
    select
        spine.project,
        spine.month,
        coalesce(per_month.opened, 0) as opened,
        coalesce(per_month.community_prs, 0) as community_prs,
        per_month.ttfr_hours,
        coalesce(per_month.answered, 0) as answered,
        coalesce(per_month.is_sample, false) as is_sample
    from int_project_months as spine
    left join per_month using (project, month)
    where spine.project in (select project from registry_hub_authors)
),

long as (
    select project, month, 'hub_discussions_opened' as indicator, opened as value, is_sample,
        null::bigint as sample_size
    from filled
    union all
    select project, month, 'hub_community_prs_opened', community_prs, is_sample, null from filled
    union all
    select project, month, 'hub_discussion_ttfr_median_hours', ttfr_hours, is_sample, answered
    from filled
)

select * from long
