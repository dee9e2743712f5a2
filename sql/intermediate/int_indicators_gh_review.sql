-- grain: one row per project per month per indicator: pull-request cycle time and reviewer load
-- (DESIGN.md §4, additions of issue 22), long format, from int_github_pr_cycle (the rules live
-- there): gh_pr_time_to_first_review_median_hours, gh_pr_time_to_merge_median_hours,
-- gh_top_reviewers_share. sample_size: the PRs a median is taken over (reviewed, merged) and the
-- reviews the share divides.
with

cycle as (
    select * from int_github_pr_cycle
),

long as (
    select project, month, 'gh_pr_time_to_first_review_median_hours' as indicator,
        review_median_hours::double as value, is_sample, coalesce(prs_reviewed, 0) as sample_size
    from cycle
    union all
    select project, month, 'gh_pr_time_to_merge_median_hours', merge_median_hours::double,
        is_sample, coalesce(prs_merged, 0)
    from cycle
    union all
    select project, month, 'gh_top_reviewers_share', top_reviewers_share::double, is_sample,
        reviews
    from cycle
)

select * from long
