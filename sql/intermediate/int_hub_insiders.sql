-- grain: one row per project per Hub account inside the project: its hub_authors themselves and
-- the members of their organisations. "Outside the project" (DESIGN.md §4) is everyone else.
-- person_key is lowercase (Hub names are case-insensitive).
with

authors as (
    select project, lower(author) as person_key from registry_hub_authors
),

members as (
    select authors.project, lower(m.username) as person_key
    from stg_hub__org_members as m
    join authors on authors.person_key = m.org_key
),

insiders as (
    select project, person_key from authors
    union
    select project, person_key from members
)

select * from insiders
