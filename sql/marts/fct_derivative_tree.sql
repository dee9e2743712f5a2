-- grain: one row per project per edge of its derivative tree (parent, child, relation), with the
-- child's depth below the project's models (1 = direct child; shortest path when a model sits on
-- several branches) and the child's author, creation time, downloads and likes: a tree view.
-- Roots are the project's models that derive from no other project model (depth 0).
-- children_not_listed: the collector left the child's own derivatives unlisted (not among the
-- most downloaded, ONRAMP_HUB_GRANDCHILDREN) and has not listed them since.
-- key: project, parent_id, child_id, relation
-- export-only: no page or digest reads it; `onramp export` writes the tree for analysis elsewhere.
with recursive

project_models as (
    select project, model_id from int_hub_project_models
),

edges as (
    select distinct child_id, base_id, relation, provenance from int_hub_edges
),

roots as (
    select m.project, m.model_id
    from project_models as m
    where not exists (
        select 1 from edges
        join project_models as p on p.model_id = edges.base_id and p.project = m.project
        where edges.child_id = m.model_id
    )
),

walk(project, root_id, parent_id, child_id, relation, depth, provenance) as (
    select roots.project, roots.model_id, edges.base_id, edges.child_id, edges.relation, 1, edges.provenance
    from roots
    join edges on edges.base_id = roots.model_id
    union
    select walk.project, walk.root_id, edges.base_id, edges.child_id, edges.relation, walk.depth + 1,
        edges.provenance
    from walk
    join edges on edges.base_id = walk.child_id
    where walk.depth < 10  -- the collector walks two levels by default; this only stops cycles
),

unexpanded as (
    select u.model_id
    from stg_hub__tree_unexpanded as u
    left join stg_hub__tree_listings as listings on listings.parent_id = u.model_id
    where listings.listed_at is null or listings.listed_at < u.seen_at
),

shortest as (
    select project, parent_id, child_id, relation, min(depth) as depth, min(root_id) as root_id,
        bool_or(provenance = 'sample') as is_sample_edge
    from walk
    group by project, parent_id, child_id, relation
),

final as (
    select
        shortest.project,
        shortest.root_id,
        shortest.parent_id,
        shortest.child_id,
        shortest.relation,
        shortest.depth,
        coalesce(repos.author, split_part(shortest.child_id, '/', 1)) as author,
        lower(coalesce(repos.author, split_part(shortest.child_id, '/', 1))) not in (
            select person_key from int_hub_insiders as i where i.project = shortest.project
        ) as is_outside,
        repos.created_at,
        repos.downloads_30d,
        repos.likes,
        shortest.child_id in (select model_id from unexpanded) as children_not_listed,
        shortest.is_sample_edge or coalesce(repos.provenance = 'sample', false) as is_sample
    from shortest
    left join stg_hub__repos as repos on repos.repo_type = 'model' and repos.repo_id = shortest.child_id
)

select * from final
