-- grain: one row per project per month per indicator, for the on-ramps of §5.3.1 of the study that
-- the Hub shows: adapting the models for local languages, and apps and demos built on them.
-- hub_derivative_languages: distinct languages (normalised, int_hub_model_languages) declared by
--   derivatives made outside the project that no project model declares, cumulative to the month's
--   end by the derivative's creation time;
-- hub_language_derivatives: derivatives (direct children, the project's own included) declaring at
--   least one language none of their project parents declares, cumulative the same way;
-- A derivative whose creation time is unknown (older than the Hub's createdAt field) counts from
-- the first month. Only projects whose languages were collected (int_hub_language_coverage) have
-- rows: not collected is not 0.
-- hub_spaces_using: distinct Spaces outside the project that use one of its models (the models'
--   `spaces`, from model info), a snapshot total: exact in the month of the project's latest Hub
--   snapshot, null in the others (the Hub gives no date for a Space's use of a model). Only
--   projects whose model info was collected (a Hub cursor recording it) have rows. snapshot_on:
--   the day the project's tree (and with it the models' info) was last collected.
with

authors as (
    select project, lower(author) as author_key from registry_hub_authors
),

languages as (
    select * from int_hub_derivative_languages
),

cumulative as (
    select
        spine.project,
        spine.month,
        count(distinct case when languages.is_outside and languages.new_to_project
            then languages.language end)::double as derivative_languages,
        count(distinct case when languages.new_to_parents
            then languages.child_id end)::double as language_derivatives,
        coalesce(bool_or(languages.is_sample), false) as is_sample
    from int_project_months as spine
    join int_hub_language_coverage as coverage on coverage.project = spine.project
    left join languages
        on languages.project = spine.project
        and (languages.created_at is null or languages.created_at < spine.month + interval 1 month)
    group by spine.project, spine.month
),

language_rows as (
    select project, month, 'hub_derivative_languages' as indicator,
        derivative_languages as value, is_sample
    from cumulative
    union all
    select project, month, 'hub_language_derivatives', language_derivatives, is_sample
    from cumulative
),

spaces as (
    select distinct models.project, spaces.space_id, spaces.provenance = 'sample' as is_sample
    from stg_hub__space_models as spaces
    join int_hub_project_models as models on models.model_id = spaces.model_id
    where lower(spaces.space_author) not in (
        select person_key from int_hub_insiders as i where i.project = models.project
    )
),

info_collected as (
    select distinct authors.project
    from stg_onramp__sync_state as s
    join authors on s.scope_key = 'state' and lower(split_part(s.scope, ':', 2)) = authors.author_key
    where s.source = 'hub' and json_valid(s.cursor)
        and coalesce(len(json_keys(json_extract(s.cursor, '$.info'))), 0) > 0
    union
    select project from spaces
),

trees as (  -- model info (and its `spaces`) is read with the tree: its day dates the total
    select project, tree_on from int_hub_tree_days
),

space_totals as (
    select project, count(distinct space_id)::double as value, bool_or(is_sample) as is_sample
    from spaces
    group by project
),

space_rows as (
    select
        spine.project,
        spine.month,
        'hub_spaces_using' as indicator,
        case when spine.month = snap.snapshot_month then coalesce(space_totals.value, 0) end
            as value,
        spine.month = snap.snapshot_month and coalesce(space_totals.is_sample, false) as is_sample,
        case when spine.month = snap.snapshot_month then trees.tree_on end as snapshot_on
    from int_project_months as spine
    join int_hub_snapshot_months as snap on snap.project = spine.project
    join info_collected on info_collected.project = spine.project
    left join space_totals on space_totals.project = spine.project
    left join trees on trees.project = spine.project
)

select * from language_rows
union all by name
select * from space_rows
