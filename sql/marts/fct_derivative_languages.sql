-- grain: one row per project per language the community added: a language declared by a
-- derivative made outside the project (int_hub_derivative_languages) that no project model
-- declares, with the month it first appeared (its earliest such derivative's creation month; null
-- when all of them are older than the Hub's createdAt field) and those derivatives, newest first.
-- language_name: 'Swahili (sw)' (language_label, sql/macros/languages.sql).
-- The Project page's Languages card draws it, newest language first. A project whose languages
-- were not collected has no rows (fct_indicators then has no hub_derivative_languages row either).
-- key: project, language
with

added as (
    select * from int_hub_derivative_languages where is_outside and new_to_project
),

languages as (
    select
        project,
        language,
        language_label(language) as language_name,
        strftime(min(created_at), '%Y-%m') as first_month,
        count(distinct child_id) as derivatives,
        list(child_id order by created_at desc nulls last, child_id) as models,
        bool_or(is_sample) as is_sample
    from added
    group by project, language, language_name
)

select * from languages
