-- grain: one row per member of a Hub organisation
with

source as (
    select * from raw.hub_org_members
),

renamed as (
    select lower(org) as org_key, org, username, provenance from source
)

select * from renamed
