-- Discord raw tables (DESIGN.md §3). Never message text, attachments, embeds or user names: authors
-- are HMAC-SHA256 pseudonyms (core.pseudonym), never raw user ids.

create table if not exists discord_guilds (
    guild_id    varchar primary key,            -- snowflake, as a string
    name        varchar,
    provenance  varchar not null default 'api',
    run_id      varchar
);

create table if not exists discord_guild_snapshots (  -- approximate counts, one row per guild per day
    guild_id                varchar not null,
    snapshot_date           date not null,
    approx_member_count     integer,
    approx_presence_count   integer,
    provenance              varchar not null default 'api',
    run_id                  varchar,
    primary key (guild_id, snapshot_date)
);

create table if not exists discord_channels (   -- channels, threads and forum posts
    channel_id          varchar primary key,
    guild_id            varchar not null,
    parent_id           varchar,                -- a thread's channel, a channel's category
    kind                varchar not null,       -- text | announcement | forum | public_thread | private_thread | announcement_thread
    name                varchar,                -- channel or thread title as admins set it
    owner_pseudonym     varchar,                -- threads: who started it
    created_at          timestamptz,            -- from the snowflake
    last_message_id     varchar,
    archived            boolean,
    provenance          varchar not null default 'api',
    run_id              varchar
);

create table if not exists discord_messages (
    message_id          varchar primary key,
    guild_id            varchar not null,
    channel_id          varchar not null,       -- where it was posted (a thread id for thread messages)
    created_at          timestamptz not null,
    author_pseudonym    varchar not null,
    author_is_bot       boolean not null default false,
    reply_to_id         varchar,
    reaction_count      integer not null default 0,
    message_type        integer not null default 0,
    provenance          varchar not null default 'api',
    run_id              varchar
);
