-- grain: one row per Hub repository per snapshot day
with

source as (
    select * from raw.hub_repo_snapshots
),

renamed as (
    select
        repo_type,
        repo_id,
        snapshot_date,
        downloads_30d,
        downloads_all_time,
        likes,
        provenance
    from source
)

select * from renamed
