-- grain: one row per project per month per relation ('all' plus finetune, adapter, quantized,
-- merge): direct derivatives of the project's models created in the month and the running total
-- by creation month, from the tree as last collected (models deleted since are not counted;
-- models of unknown creation time are left out). Under 'all' a model counts once.
-- key: project, month, relation
with

derivatives as (
    select project, child_id, relation, date_trunc('month', created_at)::date as month, is_sample
    from int_hub_derivatives
    where created_at is not null
),

relations as (
    select * from (values ('all'), ('finetune'), ('adapter'), ('quantized'), ('merge')) as r(relation)
),

created as (
    select project, month, 'all' as relation, count(distinct child_id) as n, bool_or(is_sample) as s
    from derivatives
    group by project, month
    union all
    select project, month, relation, count(distinct child_id), bool_or(is_sample)
    from derivatives
    group by project, month, relation
),

grid as (
    select spine.project, spine.month, relations.relation
    from int_project_months as spine
    cross join relations
    where spine.project in (select project from derivatives)
),

final as (
    select
        grid.project,
        strftime(grid.month, '%Y-%m') as month,
        grid.month as month_start,
        grid.relation,
        coalesce(created.n, 0) as new_derivatives,
        sum(coalesce(created.n, 0)) over (
            partition by grid.project, grid.relation order by grid.month rows unbounded preceding
        ) as derivatives_to_date,
        coalesce(created.s, false) as is_sample
    from grid
    left join created using (project, month, relation)
)

select * from final
