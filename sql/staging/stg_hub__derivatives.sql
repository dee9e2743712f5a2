-- grain: one row per (child model, base model, relation) edge of the model tree
with

source as (
    select * from raw.hub_derivatives
),

renamed as (
    select
        child_id,
        base_id,
        lower(relation) as relation,
        seen_at,
        provenance
    from source
    where lower(relation) in ('finetune', 'adapter', 'quantized', 'merge')
)

select * from renamed
