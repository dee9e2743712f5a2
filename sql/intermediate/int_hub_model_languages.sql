-- grain: one row per model per language it declares, normalised (sql/macros/languages.sql:
-- ISO 639-1 where the language has a two-letter code, so `sw` and `swa` are one language).
-- Declared: the card's `language` field where the listing carried the card and it names a
-- language; else the language codes among the model's tags (the Hub tags a model with its card's
-- languages). A model whose listing carried neither tags nor a card (the demo's snapshot) has no
-- row and is not `read` in int_hub_language_models: its languages are unknown, not none.
with

models as (
    select repo_id as model_id, languages, tags
    from stg_hub__repos
    where repo_type = 'model' and (languages is not null or tags is not null)
),

from_card as (
    select model_id, language_code(unnest(languages), true) as language
    from models
    where len(languages) > 0
),

from_tags as (
    select model_id, language_code(unnest(tags), false) as language
    from models
    where coalesce(len(languages), 0) = 0 and tags is not null
),

declared as (
    select model_id, language from from_card
    union
    select model_id, language from from_tags
)

select model_id, language from declared where language is not null
