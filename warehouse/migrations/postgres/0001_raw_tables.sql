-- 0001: the raw store on PostgreSQL, the same tables, columns and keys as warehouse/schema/*.sql
-- (DuckDB). Written once from that DDL; a later change to a raw table is a new numbered file here
-- beside the DuckDB change (tests/postgres/test_schema.py fails while the two differ).

create table collection_runs (
    run_id text not null,
    source text not null,
    project text,
    started_at timestamptz not null,
    finished_at timestamptz,
    api_calls integer not null default 0,
    rows_written bigint not null default 0,
    skipped integer default 0,
    status text not null,
    error text,
    points_used integer,
    points_remaining integer,
    primary key (run_id)
);

create table discord_channels (
    channel_id text not null,
    guild_id text not null,
    parent_id text,
    kind text not null,
    name text,
    owner_pseudonym text,
    created_at timestamptz,
    last_message_id text,
    archived boolean,
    provenance text not null default 'api',
    run_id text,
    primary key (channel_id)
);

create table discord_guild_snapshots (
    guild_id text not null,
    snapshot_date date not null,
    approx_member_count integer,
    approx_presence_count integer,
    provenance text not null default 'api',
    run_id text,
    primary key (guild_id, snapshot_date)
);

create table discord_guilds (
    guild_id text not null,
    name text,
    provenance text not null default 'api',
    run_id text,
    primary key (guild_id)
);

create table discord_messages (
    message_id text not null,
    guild_id text not null,
    channel_id text not null,
    created_at timestamptz not null,
    author_pseudonym text not null,
    author_is_bot boolean not null default false,
    reply_to_id text,
    reaction_count integer not null default 0,
    message_type integer not null default 0,
    provenance text not null default 'api',
    run_id text,
    primary key (message_id)
);

create table github_comments (
    kind text not null,
    id bigint not null,
    repo text not null,
    number integer not null,
    author_login text,
    author_type text,
    author_association text,
    is_bot boolean not null default false,
    created_at timestamptz not null,
    updated_at timestamptz,
    review_state text,
    provenance text not null default 'api',
    run_id text,
    primary key (kind, id)
);

create table github_commits (
    repo text not null,
    sha text not null,
    author_login text,
    author_name text,
    author_email_domain text,
    committer_login text,
    committer_email_domain text,
    authored_at timestamptz,
    committed_at timestamptz,
    is_merge boolean not null default false,
    pr_number integer,
    pr_login text,
    is_bot boolean not null default false,
    provenance text not null default 'api',
    run_id text,
    author_noreply_email text,
    primary key (repo, sha, provenance)
);

create table github_issues (
    id bigint,
    repo text not null,
    number integer not null,
    is_pull_request boolean not null,
    title text,
    author_login text,
    author_type text,
    author_association text,
    is_bot boolean not null default false,
    state text,
    created_at timestamptz not null,
    updated_at timestamptz,
    closed_at timestamptz,
    merged_at timestamptz,
    merge_known boolean,
    comments integer,
    provenance text not null default 'api',
    run_id text,
    primary key (repo, number)
);

create table github_pull_merges (
    repo text not null,
    number integer not null,
    merged_at timestamptz,
    closed_at timestamptz,
    updated_at timestamptz,
    provenance text not null default 'api',
    run_id text,
    primary key (repo, number)
);

create table github_releases (
    id bigint not null,
    repo text not null,
    tag_name text,
    name text,
    author_login text,
    is_draft boolean,
    is_prerelease boolean,
    created_at timestamptz,
    published_at timestamptz,
    provenance text not null default 'api',
    run_id text,
    primary key (id)
);

create table github_repos (
    repo text not null,
    repo_id bigint,
    full_name text,
    stars integer,
    forks integer,
    open_issues integer,
    default_branch text,
    created_at timestamptz,
    pushed_at timestamptz,
    collected_at timestamptz,
    provenance text not null default 'api',
    run_id text,
    primary key (repo)
);

create table hub_dataset_usage (
    model_id text not null,
    dataset_id text not null,
    model_author text,
    created_at timestamptz,
    provenance text not null default 'api',
    run_id text,
    primary key (model_id, dataset_id)
);

create table hub_derivatives (
    child_id text not null,
    base_id text not null,
    relation text not null,
    seen_at timestamptz,
    provenance text not null default 'api',
    run_id text,
    primary key (child_id, base_id, relation)
);

create table hub_discussion_events (
    repo_type text not null,
    repo_id text not null,
    num integer not null,
    event_id text not null,
    event_type text not null,
    author text,
    author_is_org_member boolean,
    created_at timestamptz not null,
    new_status text,
    provenance text not null default 'api',
    run_id text,
    primary key (repo_type, repo_id, num, event_id)
);

create table hub_discussions (
    repo_type text not null,
    repo_id text not null,
    num integer not null,
    is_pull_request boolean not null,
    title text,
    status text,
    author text,
    author_is_org_member boolean,
    created_at timestamptz not null,
    num_comments integer,
    provenance text not null default 'api',
    run_id text,
    primary key (repo_type, repo_id, num)
);

create table hub_eval_results (
    result_id text not null,
    model_id text not null,
    model_author text,
    dataset_id text not null,
    task_type text,
    metric_type text,
    metric_value double precision,
    verified boolean,
    source text,
    reported_at timestamptz,
    provenance text not null default 'api',
    run_id text,
    primary key (result_id)
);

create table hub_org_members (
    org text not null,
    username text not null,
    provenance text not null default 'api',
    run_id text,
    primary key (org, username)
);

create table hub_repo_snapshots (
    repo_type text not null,
    repo_id text not null,
    snapshot_date date not null,
    downloads_30d bigint,
    downloads_all_time bigint,
    likes integer,
    provenance text not null default 'api',
    run_id text,
    primary key (repo_type, repo_id, snapshot_date)
);

create table hub_repos (
    repo_type text not null,
    repo_id text not null,
    author text,
    created_at timestamptz,
    last_modified timestamptz,
    pipeline_tag text,
    library_name text,
    license text,
    gated text,
    tags text[],
    likes integer,
    downloads_30d bigint,
    downloads_all_time bigint,
    children_count integer,
    collected_at timestamptz,
    provenance text not null default 'api',
    run_id text,
    primary key (repo_type, repo_id)
);

create table hub_space_models (
    space_id text not null,
    model_id text not null,
    space_author text,
    created_at timestamptz,
    provenance text not null default 'api',
    run_id text,
    primary key (space_id, model_id)
);

create table hub_tree_listings (
    parent_id text not null,
    listed_at timestamptz not null,
    provenance text not null default 'api',
    run_id text,
    primary key (parent_id)
);

create table hub_tree_unexpanded (
    parent_id text not null,
    root_id text,
    seen_at timestamptz not null,
    provenance text not null default 'api',
    run_id text,
    primary key (parent_id)
);

create table slack_channel_projects (
    project text not null,
    channel_id text not null,
    provenance text not null default 'export',
    run_id text,
    primary key (project, channel_id)
);

create table slack_channels (
    channel_id text not null,
    team_id text,
    name text,
    is_private boolean,
    is_archived boolean,
    created_at timestamptz,
    provenance text not null default 'api',
    run_id text,
    primary key (channel_id)
);

create table slack_messages (
    channel_id text not null,
    ts text not null,
    created_at timestamptz not null,
    thread_ts text,
    author_pseudonym text,
    author_is_bot boolean not null default false,
    subtype text,
    reply_count integer,
    latest_reply text,
    reaction_count integer not null default 0,
    provenance text not null default 'api',
    run_id text,
    primary key (channel_id, ts)
);

create table sync_state (
    source text not null,
    scope text not null,
    cursor text,
    etag text,
    updated_at timestamptz not null,
    primary key (source, scope)
);

create table warehouse_facts (
    name text not null,
    value text not null,
    recorded_at timestamptz not null,
    primary key (name)
);
