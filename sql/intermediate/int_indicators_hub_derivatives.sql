-- grain: one row per project per month per indicator, for hub_derivatives_total (and by relation),
-- hub_new_derivatives and hub_derivative_authors.
-- Totals are as of the last collection of the tree: exact in that month, rebuilt from creation times
-- for earlier months (derivatives deleted since are missing there), unknown (absent) after it.
with

derivatives as (
    select * from int_hub_derivatives where created_at is not null
),

snapshot as (
    select project, date_trunc('month', max(collected_at))::date as snapshot_month
    from int_hub_derivatives
    group by project
),

relations as (
    select * from (values
        ('hub_derivatives_total', null),
        ('hub_finetunes_total', 'finetune'),
        ('hub_adapters_total', 'adapter'),
        ('hub_quantized_total', 'quantized'),
        ('hub_merges_total', 'merge')
    ) as r(indicator, relation)
),

totals as (
    select
        spine.project,
        spine.month,
        relations.indicator,
        count(distinct derivatives.child_id)::double as value,
        coalesce(bool_or(derivatives.is_sample), false) as is_sample
    from int_project_months as spine
    join snapshot on snapshot.project = spine.project and spine.month <= snapshot.snapshot_month
    cross join relations
    left join derivatives
        on derivatives.project = spine.project
        and derivatives.created_at < spine.month + interval 1 month
        and (relations.relation is null or derivatives.relation = relations.relation)
    group by spine.project, spine.month, relations.indicator
),

outside_authors as (
    select derivatives.*
    from derivatives
    where lower(derivatives.author) not in (
        select lower(author) from registry_hub_authors as a where a.project = derivatives.project
    )
    and derivatives.author not in (
        select m.username from raw.hub_org_members as m
        join registry_hub_authors as a on lower(a.author) = lower(m.org)
        where a.project = derivatives.project
    )
),

created as (
    select
        spine.project,
        spine.month,
        count(distinct derivatives.child_id)::double as new_derivatives,
        count(distinct outside_authors.author)::double as outside_authors,
        coalesce(bool_or(derivatives.is_sample), false) as is_sample
    from int_project_months as spine
    left join derivatives
        on derivatives.project = spine.project
        and date_trunc('month', derivatives.created_at) = spine.month
    left join outside_authors
        on outside_authors.project = spine.project
        and outside_authors.child_id = derivatives.child_id
    where spine.project in (select project from snapshot)
    group by spine.project, spine.month
),

long as (
    select * from totals
    union all
    select project, month, 'hub_new_derivatives', new_derivatives, is_sample from created
    union all
    select project, month, 'hub_derivative_authors', outside_authors, is_sample from created
)

select * from long
