-- grain: one row per (child, base, relation) edge of the model tree that still stands: an edge
-- whose base had its children listed after the edge was last seen is gone (the child was deleted
-- or dropped the tag). Edges of unknown age (no seen_at) stand.
with

edges as (
    select * from stg_hub__derivatives
),

standing as (
    select edges.*
    from edges
    left join stg_hub__tree_listings as listings on listings.parent_id = edges.base_id
    where edges.seen_at is null
        or listings.listed_at is null
        or edges.seen_at >= listings.listed_at
)

select * from standing
