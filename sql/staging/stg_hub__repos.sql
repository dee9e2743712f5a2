-- grain: one row per Hub repository (model, dataset or space), as last collected.
-- Repositories older than the Hub's createdAt field show the launch migration's time, within the
-- minute 2022-03-02T23:29 (…:04Z, …:05Z, more than one second value is seen): that means "on or
-- before 2022-03-02", not a creation time, so it reads as unknown (null).
with

source as (
    select * from raw.hub_repos
),

renamed as (
    select
        repo_type,
        repo_id,
        coalesce(author, split_part(repo_id, '/', 1)) as author,
        case when created_at >= '2022-03-02 23:29:00+00'::timestamptz
                and created_at < '2022-03-02 23:30:00+00'::timestamptz then null
            else created_at end as created_at,
        tags,
        languages,
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
