-- grain: one row per Hub repository (model, dataset or space), as last collected
with

source as (
    select * from raw.hub_repos
),

renamed as (
    select
        repo_type,
        repo_id,
        coalesce(author, split_part(repo_id, '/', 1)) as author,
        created_at,
        last_modified,
        pipeline_tag,
        library_name,
        license,
        gated,
        likes,
        downloads_30d,
        downloads_all_time,
        children_count,
        collected_at,
        provenance
    from source
)

select * from renamed
