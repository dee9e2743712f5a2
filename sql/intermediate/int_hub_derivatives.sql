-- grain: one row per project per derivative model per relation: models declaring one of the
-- project's models as base (direct children; the project's own derivatives included). A model
-- that is the finetune of one project model and the merge of two others has two rows (finetune,
-- merge); count distinct child_id for "a model counted once however many project parents".
with

edges as (
    select distinct models.project, edges.child_id, edges.relation,
        edges.provenance = 'sample' as is_sample_edge
    from int_hub_edges as edges
    join int_hub_project_models as models on models.model_id = edges.base_id
),

children as (
    select
        edges.project,
        edges.child_id,
        edges.relation,
        coalesce(repos.author, split_part(edges.child_id, '/', 1)) as author,
        repos.created_at,
        repos.collected_at,
        repos.downloads_30d,
        repos.likes,
        coalesce(bool_or(edges.is_sample_edge or repos.provenance = 'sample'), false) as is_sample
    from edges
    left join stg_hub__repos as repos on repos.repo_type = 'model' and repos.repo_id = edges.child_id
    group by all
),

flagged as (
    select
        children.*,
        lower(children.author) not in (
            select person_key from int_hub_insiders as i where i.project = children.project
        ) as is_outside
    from children
)

select * from flagged
