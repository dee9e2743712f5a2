-- grain: one row per project per derivative model per relation: models declaring one of the
-- project's models as base (direct children; the project's own derivatives included).
with

edges as (
    select edges.child_id, edges.relation, edges.provenance, models.project
    from stg_hub__derivatives as edges
    join int_hub_project_models as models on models.model_id = edges.base_id
),

children as (
    select
        edges.project,
        edges.child_id,
        edges.relation,
        repos.author,
        repos.created_at,
        repos.collected_at,
        repos.downloads_30d,
        repos.likes,
        bool_or(edges.provenance = 'sample' or repos.provenance = 'sample') as is_sample
    from edges
    left join stg_hub__repos as repos on repos.repo_type = 'model' and repos.repo_id = edges.child_id
    group by all
)

select * from children
