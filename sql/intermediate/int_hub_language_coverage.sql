-- grain: one row per project whose models' declared languages were collected: at least one of
-- its models or their direct derivatives came with tags or a card (the Hub listings ask for both).
-- A project absent here has no language indicators at all: not collected is not 0 (the demo's
-- bundled Hub snapshot carries neither).
with

models as (
    select project, model_id from int_hub_project_models
    union
    select project, child_id from int_hub_derivatives
),

read as (
    select distinct models.project
    from models
    join stg_hub__repos as repos on repos.repo_type = 'model' and repos.repo_id = models.model_id
    where repos.tags is not null or repos.languages is not null
)

select * from read
