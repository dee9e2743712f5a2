-- grain: one row per project per month per indicator: pull-request cycle time and reviewer load
-- (DESIGN.md §4, additions of issue 22), long format, from int_github_pr_cycle (the rules live
-- there): gh_pr_time_to_first_review_median_hours, gh_pr_time_to_merge_median_hours,
-- gh_top_reviewers_share.
with

cycle as (
    select * from int_github_pr_cycle
),

long as (
    select project, month, 'gh_pr_time_to_first_review_median_hours' as indicator,
        review_median_hours::double as value, is_sample
    from cycle
    union all
    select project, month, 'gh_pr_time_to_merge_median_hours', merge_median_hours::double,
        is_sample
    from cycle
    union all
    select project, month, 'gh_top_reviewers_share', top_reviewers_share::double, is_sample
    from cycle
)

select * from long
