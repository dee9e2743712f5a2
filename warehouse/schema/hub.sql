-- Hugging Face Hub raw tables (DESIGN.md §3). repo_type is model | dataset | space.

create table if not exists hub_repos (
    repo_type           varchar not null,
    repo_id             varchar not null,       -- 'author/name'
    author              varchar,
    created_at          timestamptz,
    last_modified       timestamptz,
    pipeline_tag        varchar,
    library_name        varchar,
    license             varchar,
    gated               varchar,                -- false | auto | manual
    tags                varchar[],
    likes               integer,
    downloads_30d       bigint,                 -- rolling 30-day figure as of collected_at: never sum
    downloads_all_time  bigint,
    children_count      integer,                -- derivatives the Hub reports (all relations)
    collected_at        timestamptz,
    provenance          varchar not null default 'api',
    run_id              varchar,
    languages           varchar[],              -- the model card's `language`, as written; null: no card
    primary key (repo_type, repo_id)
);

create table if not exists hub_repo_snapshots (  -- one row per repository per day
    repo_type           varchar not null,
    repo_id             varchar not null,
    snapshot_date       date not null,
    downloads_30d       bigint,
    downloads_all_time  bigint,
    likes               integer,
    provenance          varchar not null default 'api',
    run_id              varchar,
    primary key (repo_type, repo_id, snapshot_date)
);

create table if not exists hub_derivatives (     -- edges of the model tree, from base_model: tags
    child_id    varchar not null,
    base_id     varchar not null,
    relation    varchar not null,               -- finetune | adapter | quantized | merge
    seen_at     timestamptz,                    -- the last collection that saw the tag
    provenance  varchar not null default 'api',
    run_id      varchar,
    primary key (child_id, base_id, relation)
);
alter table hub_derivatives add column if not exists seen_at timestamptz;
alter table hub_repos add column if not exists languages varchar[];

create table if not exists hub_tree_listings (   -- when a model's children were last listed: its
    parent_id   varchar primary key,            -- edges not seen since are gone (deleted or retagged)
    listed_at   timestamptz not null,
    provenance  varchar not null default 'api',
    run_id      varchar
);

create table if not exists hub_tree_unexpanded (  -- derivatives whose own were not listed
    parent_id   varchar primary key,            -- (ONRAMP_HUB_GRANDCHILDREN: not among the most
    root_id     varchar,                        -- downloaded children of its parent)
    seen_at     timestamptz not null,           -- expanded since when listed_at >= seen_at
    provenance  varchar not null default 'api',
    run_id      varchar
);

create table if not exists hub_org_members (     -- who counts as "inside the project" on the Hub
    org         varchar not null,
    username    varchar not null,
    provenance  varchar not null default 'api',
    run_id      varchar,
    primary key (org, username)
);

create table if not exists hub_discussions (     -- discussions and Hub pull requests
    repo_type       varchar not null,
    repo_id         varchar not null,
    num             integer not null,
    is_pull_request boolean not null,
    title           varchar,
    status          varchar,                    -- open | closed | merged | draft
    author          varchar,
    author_is_org_member boolean,
    created_at      timestamptz not null,
    num_comments    integer,
    provenance      varchar not null default 'api',
    run_id          varchar,
    primary key (repo_type, repo_id, num)
);

create table if not exists hub_discussion_events (
    repo_type       varchar not null,
    repo_id         varchar not null,
    num             integer not null,
    event_id        varchar not null,
    event_type      varchar not null,           -- comment | status-change | commit | title-change
    author          varchar,
    author_is_org_member boolean,
    created_at      timestamptz not null,
    new_status      varchar,
    provenance      varchar not null default 'api',
    run_id          varchar,
    primary key (repo_type, repo_id, num, event_id)
);

create table if not exists hub_dataset_usage (   -- models declaring training on a project dataset
    model_id        varchar not null,
    dataset_id      varchar not null,
    model_author    varchar,
    created_at      timestamptz,
    provenance      varchar not null default 'api',
    run_id          varchar,
    primary key (model_id, dataset_id)
);

create table if not exists hub_eval_results (
    result_id       varchar primary key,        -- stable hash of model, dataset, config, split, metric, source
    model_id        varchar not null,
    model_author    varchar,
    dataset_id      varchar not null,
    task_type       varchar,
    metric_type     varchar,
    metric_value    double,
    verified        boolean,
    source          varchar,                    -- model-index | eval-results | leaderboard
    reported_at     timestamptz,
    provenance      varchar not null default 'api',
    run_id          varchar
);

create table if not exists hub_space_models (    -- Spaces using the project's models
    space_id    varchar not null,
    model_id    varchar not null,
    space_author varchar,
    created_at  timestamptz,
    provenance  varchar not null default 'api',
    run_id      varchar,
    primary key (space_id, model_id)
);
