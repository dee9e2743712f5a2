-- grain: one row per (Space, model) pair: a Space that uses one of the project's models, as the
-- model's info (`spaces`) listed it when last collected.
with

source as (
    select * from raw.hub_space_models
),

renamed as (
    select
        space_id,
        model_id,
        coalesce(space_author, split_part(space_id, '/', 1)) as space_author,
        created_at,
        provenance
    from source
)

select * from renamed
