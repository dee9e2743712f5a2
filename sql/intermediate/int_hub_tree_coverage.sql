-- grain: one row per model of a project (int_hub_project_models): whether its derivative tree was
-- collected, and when. A tree counts as collected when its children were listed (a tree listing,
-- possibly of none) or an edge to the model was seen; tree_collected_at is the listing's time,
-- else the newest edge's, else when its children were last collected. A project none of whose models has a tree collected has no derivative totals:
-- not collected is not 0.
-- key: project, model_id
with

listings as (
    select parent_id as model_id, max(listed_at) as listed_at
    from stg_hub__tree_listings
    group by parent_id
),

edges as (
    select edges.base_id as model_id, max(edges.seen_at) as seen_at,
        max(children.collected_at) as children_collected_at
    from stg_hub__derivatives as edges
    left join stg_hub__repos as children
        on children.repo_type = 'model' and children.repo_id = edges.child_id
    group by edges.base_id
),

final as (
    select
        models.project,
        models.model_id,
        listings.model_id is not null or edges.model_id is not null as tree_collected,
        coalesce(listings.listed_at, edges.seen_at, edges.children_collected_at)
            as tree_collected_at
    from int_hub_project_models as models
    left join listings using (model_id)
    left join edges using (model_id)
)

select * from final
