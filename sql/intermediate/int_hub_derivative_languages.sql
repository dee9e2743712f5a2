-- grain: one row per project per derivative model per language it declares
-- (int_hub_model_languages), for the direct derivatives of the project's models
-- (int_hub_derivatives: the project's own included, a model once however many project parents).
-- new_to_project: no model of the project declares the language; new_to_parents: none of the
-- derivative's project parents declares it (a derivative that repeats its parent's languages
-- adds none). created_at null: older than the Hub's createdAt field, or unknown.
with

project_languages as (
    select distinct models.project, languages.language
    from int_hub_project_models as models
    join int_hub_model_languages as languages on languages.model_id = models.model_id
),

parent_languages as (
    select distinct models.project, edges.child_id, languages.language
    from int_hub_edges as edges
    join int_hub_project_models as models on models.model_id = edges.base_id
    join int_hub_model_languages as languages on languages.model_id = edges.base_id
),

derivatives as (
    select project, child_id, any_value(author) as author, any_value(created_at) as created_at,
        bool_or(is_outside) as is_outside, bool_or(is_sample) as is_sample
    from int_hub_derivatives
    group by project, child_id
),

declared as (
    select
        derivatives.*,
        languages.language,
        project_languages.language is null as new_to_project,
        parent_languages.language is null as new_to_parents
    from derivatives
    join int_hub_model_languages as languages on languages.model_id = derivatives.child_id
    left join project_languages
        on project_languages.project = derivatives.project
        and project_languages.language = languages.language
    left join parent_languages
        on parent_languages.project = derivatives.project
        and parent_languages.child_id = derivatives.child_id
        and parent_languages.language = languages.language
)

select * from declared
