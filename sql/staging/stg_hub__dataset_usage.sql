-- grain: one row per (model, dataset) a model card declares it was trained on
with

source as (
    select * from raw.hub_dataset_usage
),

renamed as (
    select
        model_id,
        dataset_id,
        coalesce(model_author, split_part(model_id, '/', 1)) as model_author,
        -- the Hub's launch-migration placeholder (the minute 2022-03-02T23:29): unknown
        case when created_at >= '2022-03-02 23:29:00+00'::timestamptz
                and created_at < '2022-03-02 23:30:00+00'::timestamptz then null
            else created_at end as created_at,
        provenance
    from source
)

select * from renamed
