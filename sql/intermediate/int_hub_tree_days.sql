-- grain: one row per project with at least one derivative tree collected: the day its trees were
-- last collected (the newest tree_collected_at of int_hub_tree_coverage) and that day's month.
-- The one owner of "when was this project's tree taken": derivative totals and the Spaces total
-- are dated by it, and fct_snapshot_coverage states it beside the numbers.
with

days as (
    select project, max(tree_collected_at)::date as tree_on
    from int_hub_tree_coverage
    where tree_collected
    group by project
)

select project, tree_on, date_trunc('month', tree_on)::date as tree_month from days
