-- Slack raw tables (DESIGN.md §3, §4 "Slack"). Never message text, channel topics or purposes, user
-- names or profiles: authors are HMAC-SHA256 pseudonyms (core.pseudonym, platform "slack"), never
-- raw user ids. A message is keyed on its channel and `ts` (unique per channel, kept as a string:
-- a float loses the last digits).

create table if not exists slack_channels (     -- public channels, and private ones named in slack_channels
    channel_id      varchar primary key,        -- C… (G… for older private channels)
    team_id         varchar,                    -- the workspace (T…, E… on Enterprise Grid), when known
    name            varchar,                    -- as admins set it (never a DM or group-DM name)
    is_private      boolean,
    is_archived     boolean,
    created_at      timestamptz,
    provenance      varchar not null default 'api',
    run_id          varchar
);

create table if not exists slack_channel_projects (  -- channels loaded for a project by import-slack
    project         varchar not null,
    channel_id      varchar not null,
    provenance      varchar not null default 'export',
    run_id          varchar,
    primary key (project, channel_id)
);

create table if not exists slack_messages (
    channel_id          varchar not null,
    ts                  varchar not null,           -- "<epoch>.<6 digits>": the message's id in its channel
    created_at          timestamptz not null,       -- from ts
    thread_ts           varchar,                    -- = ts on a thread's parent, the parent's ts on a reply
    author_pseudonym    varchar,                    -- of `user`, else of `bot_id`; null when neither is given
    author_is_bot       boolean not null default false,
    subtype             varchar,                    -- null on an ordinary message; channel_join, bot_message ...
    reply_count         integer,                    -- on a thread's parent
    latest_reply        varchar,                    -- on a thread's parent: ts of its newest reply
    reaction_count      integer not null default 0,
    provenance          varchar not null default 'api',
    run_id              varchar,
    primary key (channel_id, ts)
);
