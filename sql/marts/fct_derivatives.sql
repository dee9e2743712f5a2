-- grain: one row per project per derivative model per project parent per relation, with its
-- author, whether that author is outside the project, creation time, downloads and likes as last
-- collected: the derivative list the pages show (direct children of the project's models).
-- languages: the languages the model declares (int_hub_model_languages, normalised, sorted); []
-- where its listing was read and declares none; null where its tags and card were not collected
-- (the demo's snapshot): unknown, not none.
-- key: project, model_id, base_id, relation
with

edges as (
    select models.project, edges.child_id, edges.base_id, edges.relation
    from int_hub_edges as edges
    join int_hub_project_models as models on models.model_id = edges.base_id
),

read_models as (  -- models whose listing brought their tags or card
    select repo_id as model_id
    from stg_hub__repos
    where repo_type = 'model' and (languages is not null or tags is not null)
),

declared as (
    select
        read_models.model_id,
        coalesce(list_sort(list(distinct m.language) filter (where m.language is not null)), [])
            as languages
    from read_models
    left join int_hub_model_languages as m using (model_id)
    group by read_models.model_id
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
        declared.languages,
        d.is_sample
    from int_hub_derivatives as d
    join edges using (project, child_id, relation)
    left join declared on declared.model_id = d.child_id
)

select * from final
