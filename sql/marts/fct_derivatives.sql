-- grain: one row per project per derivative model per relation, with its author, creation time,
-- downloads and likes as last collected: the derivative list and tree the pages show.
with

edges as (
    select edges.child_id, edges.base_id, edges.relation from stg_hub__derivatives as edges
),

final as (
    select
        d.project,
        d.child_id as model_id,
        e.base_id,
        d.relation,
        d.author,
        d.created_at,
        d.downloads_30d,
        d.likes,
        d.is_sample
    from int_hub_derivatives as d
    join edges as e on e.child_id = d.child_id and e.relation = d.relation
    join int_hub_project_models as m on m.model_id = e.base_id and m.project = d.project
)

select * from final
