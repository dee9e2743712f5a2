-- hub_repos.languages (warehouse/schema/hub.sql): the languages a model card declares
-- (`cardData.language`, as written; null when the listing carried no card). Read by
-- sql/staging/stg_hub__model_languages.sql for the language indicators (issue 26).
alter table hub_repos add column if not exists languages text[];
