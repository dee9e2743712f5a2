-- grain: one row per project of the registry, with its configuration as lists
-- key: project
with

projects as (
    select * from registry_projects
),

lists as (
    select
        projects.project,
        (select list(repo order by repo) from registry_github_repos r where r.project = projects.project) as github_repos,
        (select list(author order by author) from registry_hub_authors a where a.project = projects.project) as hub_authors,
        (select list(dataset_id order by dataset_id) from registry_hub_benchmark_datasets d where d.project = projects.project) as hub_benchmark_datasets,
        (select list(guild_id order by guild_id) from registry_discord_guilds g where g.project = projects.project) as discord_guilds,
        (select list(channel_id order by channel_id) from int_slack_channels s where s.project = projects.project) as slack_channels,
        (select list(domain order by domain) from registry_email_domains e where e.project = projects.project) as internal_email_domains
    from projects
),

final as (
    select
        projects.project,
        projects.name,
        projects.organization_type,
        projects.organizational_model,
        projects.position,
        coalesce(lists.github_repos, []) as github_repos,
        coalesce(lists.hub_authors, []) as hub_authors,
        coalesce(lists.hub_benchmark_datasets, []) as hub_benchmark_datasets,
        coalesce(lists.discord_guilds, []) as discord_guilds,
        coalesce(lists.slack_channels, []) as slack_channels,
        coalesce(lists.internal_email_domains, []) as internal_email_domains
    from projects
    join lists using (project)
)

select * from final
