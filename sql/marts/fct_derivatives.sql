-- grain: one row per project per derivative model per project parent per relation, with its
-- author, whether that author is outside the project, creation time, downloads and likes as last
-- collected: the derivative list the pages show (direct children of the project's models).
-- key: project, model_id, base_id, relation
with

edges as (
    select models.project, edges.child_id, edges.base_id, edges.relation
    from int_hub_edges as edges
    join int_hub_project_models as models on models.model_id = edges.base_id
),

final as (
    select
        d.project,
        d.child_id as model_id,
        edges.base_id,
        d.relation,
        d.author,
        d.is_outside,
        d.created_at,
        d.downloads_30d,
        d.likes,
        d.is_sample
    from int_hub_derivatives as d
    join edges using (project, child_id, relation)
)

select * from final
