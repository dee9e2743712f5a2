-- grain: one row per model of a project: the models under the project's hub_authors.
with

authors as (
    select project, lower(author) as author_key from registry_hub_authors
),

models as (
    select authors.project, repos.repo_id as model_id, repos.created_at, repos.provenance
    from stg_hub__repos as repos
    join authors on lower(repos.author) = authors.author_key
    where repos.repo_type = 'model'
)

select * from models
