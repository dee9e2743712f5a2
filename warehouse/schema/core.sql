-- Bookkeeping shared by every source: cursors and the record of collection runs.

create table if not exists sync_state (
    source      varchar not null,           -- github | hub | discord
    scope       varchar not null,           -- what the cursor covers, e.g. 'EleutherAI/pythia:issues'
    cursor      varchar,                    -- an ISO time, a snowflake, an ETag ... as the stream needs
    etag        varchar,                    -- last ETag seen, for a one-request "anything new?" probe
    updated_at  timestamptz not null,
    primary key (source, scope)
);

create table if not exists collection_runs (
    run_id       varchar primary key,
    source       varchar not null,          -- github | hub | discord | discord-export | slack | slack-export | demo
    project      varchar,
    started_at   timestamptz not null,
    finished_at  timestamptz,
    api_calls    integer not null default 0,
    rows_written bigint not null default 0,
    skipped      integer default 0,         -- records that could not be stored, each warned about
    status       varchar not null,          -- running | ok | partial | failed | skipped
    error        varchar                    -- one line, never a token
);

-- warehouses made before `skipped` existed
alter table collection_runs add column if not exists skipped integer default 0;

-- GraphQL rate-limit points of a GitHub run (GitHub's own cost per query), and those left after it
alter table collection_runs add column if not exists points_used integer;
alter table collection_runs add column if not exists points_remaining integer;

-- Facts about the warehouse itself. 'pseudonym_key_fingerprint': a keyed hash of a constant under
-- the key its pseudonyms were made with (never the key), so a run with another key is refused.
create table if not exists warehouse_facts (
    name        varchar primary key,
    value       varchar not null,
    recorded_at timestamptz not null
);
