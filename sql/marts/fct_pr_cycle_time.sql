-- grain: one row per project per month: pull-request cycle time and reviewer load for the Project
-- page's PR cycle time card (rules and columns: int_github_pr_cycle). month is 'YYYY-MM'.
-- key: project, month
with

cycle as (
    select * from int_github_pr_cycle
),

final as (
    select
        project,
        strftime(month, '%Y-%m') as month,
        month as month_start,
        prs_reviewed,
        review_median_hours,
        prs_merged,
        merge_median_hours,
        reviews,
        reviewers,
        reviews_per_reviewer,
        top_reviewers_share,
        is_sample
    from cycle
)

select * from final
