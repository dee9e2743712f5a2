-- grain: one row per project per month for hub_dataset_reuse_models: distinct models outside the
-- project whose card lists one of the project's datasets (a dataset under its hub_authors),
-- cumulative to the month's end by model creation time. A model whose creation time is unknown
-- (or older than the Hub's createdAt field) counts from the first month.
-- Not collected is not 0: a project gets rows only once dataset reuse was collected for it (a
-- dataset_usage row for one of its datasets, or a Hub cursor of one of its authors that records a
-- reuse listing); otherwise it has no value at all, and pages say "not collected".
with

authors as (
    select project, lower(author) as author_key from registry_hub_authors
),

reusing as (
    select authors.project, u.model_id, u.created_at, u.provenance
    from stg_hub__dataset_usage as u
    join authors on lower(split_part(u.dataset_id, '/', 1)) = authors.author_key
    where lower(u.model_author) not in (
        select person_key from int_hub_insiders as i where i.project = authors.project
    )
),

collected as (
    select distinct project from reusing
    union
    select authors.project
    from stg_onramp__sync_state as s
    join authors on s.scope_key = 'state' and lower(split_part(s.scope, ':', 2)) = authors.author_key
    where s.source = 'hub' and json_valid(s.cursor)
        and coalesce(len(json_keys(json_extract(s.cursor, '$.reuses'))), 0) > 0
),

cumulative as (
    select
        spine.project,
        spine.month,
        'hub_dataset_reuse_models' as indicator,
        count(distinct reusing.model_id)::double as value,
        coalesce(bool_or(reusing.provenance = 'sample'), false) as is_sample
    from int_project_months as spine
    left join reusing
        on reusing.project = spine.project
        and (reusing.created_at is null or reusing.created_at < spine.month + interval 1 month)
    where spine.project in (select project from collected)
    group by spine.project, spine.month
)

select * from cumulative
