-- grain: one row per project per month: pull-request cycle time and reviewer load, the rules
-- behind gh_pr_time_to_first_review_median_hours, gh_pr_time_to_merge_median_hours and
-- gh_top_reviewers_share (int_indicators_gh_review) and the Project page's PR cycle time card
-- (fct_pr_cycle_time). PRs opened by bots are left out; months are UTC.
--   review_median_hours  over PRs opened in the month that got a review: median hours from opening
--       to the first submitted review or review comment by a non-bot other than the PR's author
--       (int_github_items.first_review_at); conversation comments do not count
--   merge_median_hours   over PRs merged in the month: median hours from opening to merge
--   reviews, reviewers   submitted reviews of other people's PRs in the month (by submission time,
--       bots and self-reviews left out), and the distinct people who submitted them
--   reviews_per_reviewer reviews / reviewers
--   top_reviewers_share  share of those reviews submitted by the month's three most active
--       reviewers (ties broken by login)
with

prs as (
    select project, repo_key, number, author_login, created_at, merged_at, first_review_at,
        is_sample
    from int_github_items
    where is_pull_request and not is_bot
),

to_review as (
    select project, date_trunc('month', created_at)::date as month,
        count(*)::int as prs,
        median((epoch(first_review_at) - epoch(created_at)) / 3600.0) as hours,
        bool_or(is_sample) as is_sample
    from prs
    where first_review_at is not null
    group by all
),

to_merge as (
    select project, date_trunc('month', merged_at)::date as month,
        count(*)::int as prs,
        median((epoch(merged_at) - epoch(created_at)) / 3600.0) as hours,
        bool_or(is_sample) as is_sample
    from prs
    where merged_at is not null
    group by all
),

reviews as (
    select prs.project, date_trunc('month', comments.created_at)::date as month,
        comments.author_login as reviewer, prs.is_sample or comments.provenance = 'sample' as is_sample
    from prs
    join stg_github__comments as comments
        on comments.repo_key = prs.repo_key and comments.number = prs.number
    where comments.kind = 'review'
        and not comments.is_bot
        and comments.author_login is not null
        and comments.author_login is distinct from prs.author_login
),

per_reviewer as (
    select project, month, reviewer, count(*) as reviews, bool_or(is_sample) as is_sample
    from reviews
    group by all
),

ranked as (
    select *, row_number() over (
        partition by project, month order by reviews desc, reviewer
    ) as rank
    from per_reviewer
),

load as (
    select project, month,
        sum(reviews)::int as reviews,
        count(*)::int as reviewers,
        sum(reviews)::double / count(*) as per_reviewer,
        sum(reviews) filter (where rank <= 3)::double / sum(reviews) as top_share,
        bool_or(is_sample) as is_sample
    from ranked
    group by all
),

spine as (
    select months.project, months.month,
        to_review.prs as prs_reviewed, to_review.hours as review_median_hours,
        to_merge.prs as prs_merged, to_merge.hours as merge_median_hours,
        coalesce(load.reviews, 0) as reviews, coalesce(load.reviewers, 0) as reviewers,
        load.per_reviewer as reviews_per_reviewer, load.top_share as top_reviewers_share,
        coalesce(to_review.is_sample, false) or coalesce(to_merge.is_sample, false)
            or coalesce(load.is_sample, false) as is_sample
    from int_project_months as months
    left join to_review using (project, month)
    left join to_merge using (project, month)
    left join load using (project, month)
)

select * from spine
