-- grain: one row per project per month per indicator, for hub_derivatives_total (and by relation:
-- hub_finetunes_total, hub_adapters_total, hub_quantized_total, hub_merges_total),
-- hub_new_derivatives and hub_derivative_authors.
-- Totals are the tree as last collected: exact in the snapshot month, null in every other month
-- (derivatives deleted since, or not yet made, would make any rebuilt figure wrong; the
-- fct_derivative_growth mart has the history by creation month). A model counts once however
-- many project parents it has. A project none of whose models had its tree collected
-- (int_hub_tree_coverage) has no rows here: not collected is not 0. New derivatives and their
-- authors stop at the month the tree was last collected: later months were not seen, so they
-- have no value rather than 0. snapshot_on: a total's snapshot day, the day the project's tree was
-- last collected (int_hub_tree_days); null for the flows.
with

collected as (
    select project, tree_month, tree_on from int_hub_tree_days
),

derivatives as (
    select * from int_hub_derivatives
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

current_totals as (
    select
        derivatives.project,
        relations.indicator,
        count(distinct derivatives.child_id)::double as value,
        bool_or(derivatives.is_sample) as is_sample
    from derivatives
    join relations on relations.relation is null or relations.relation = derivatives.relation
    group by derivatives.project, relations.indicator
),

totals as (
    select
        spine.project,
        spine.month,
        relations.indicator,
        case when spine.month = snap.snapshot_month then coalesce(current_totals.value, 0) end as value,
        spine.month = snap.snapshot_month and coalesce(current_totals.is_sample, false) as is_sample,
        case when spine.month = snap.snapshot_month then collected.tree_on end as snapshot_on
    from int_project_months as spine
    join int_hub_snapshot_months as snap on snap.project = spine.project
    join collected on collected.project = spine.project
    cross join relations
    left join current_totals
        on current_totals.project = spine.project and current_totals.indicator = relations.indicator
),

created as (
    select
        project,
        date_trunc('month', created_at)::date as month,
        count(distinct child_id)::double as new_derivatives,
        count(distinct case when is_outside then lower(author) end)::double as outside_authors,
        bool_or(is_sample) as is_sample
    from derivatives
    where created_at is not null
    group by all
),

per_month as (
    select
        spine.project,
        spine.month,
        coalesce(created.new_derivatives, 0) as new_derivatives,
        coalesce(created.outside_authors, 0) as outside_authors,
        coalesce(created.is_sample, false) as is_sample
    from int_project_months as spine
    left join created on created.project = spine.project and created.month = spine.month
    join collected on collected.project = spine.project
    where spine.project in (select project from int_hub_snapshot_months)
        and (collected.tree_month is null or spine.month <= collected.tree_month)
),

long as (
    select * from totals
    union all
    select project, month, 'hub_new_derivatives', new_derivatives, is_sample, null from per_month
    union all
    select project, month, 'hub_derivative_authors', outside_authors, is_sample, null
    from per_month
)

select * from long
