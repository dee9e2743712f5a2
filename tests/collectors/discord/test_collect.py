"""Bot collection against the fake Discord server: complete, idempotent, incremental."""

from datetime import timedelta

from warehouse.db import connect

from discordkit import T0, collect, small_guild
from fakes.discord_server import PUBLIC_THREAD


def _rows(db, sql):
    with connect(db) as con:
        return con.execute(sql).fetchall()


def test_collects_every_counted_message_with_its_facts(tmp_path, discord_env):
    sg = small_guild()
    discord_env(sg.fake)
    outcome = collect(tmp_path / "w.duckdb", sg.project)
    assert outcome.status == "ok", outcome.message
    db = tmp_path / "w.duckdb"
    counted = [
        m
        for c in (sg.general, sg.news, sg.thread, sg.post_open, sg.post_archived)
        for m in sg.fake.messages[c]
    ]
    stored = _rows(
        db,
        "select message_id, channel_id, author_is_bot, reply_to_id, reaction_count, message_type, "
        "created_at from discord_messages",
    )
    assert sorted(r[0] for r in stored) == sorted(
        str(m.id) for m in counted
    )  # 11, voice chat never read
    by_id = {r[0]: r for r in stored}
    for m in counted:
        row = by_id[str(m.id)]
        assert row[1] == str(m.channel_id)
        assert row[2] == (m.author.bot or m.webhook_id is not None)
        assert row[3] == (str(m.reply_to) if m.reply_to else None)
        assert row[4] == sum(m.reactions)
        assert row[5] == m.type
    reply = by_id[str(sg.fake.messages[sg.general][1].id)]
    assert reply[3:6] == (str(sg.fake.messages[sg.general][0].id), 3, 19)
    assert reply[6] == T0 + timedelta(minutes=5)  # the time the snowflake encodes
    assert sg.fake.history_calls[sg.voice] == 0 and sg.fake.history_calls[sg.forum] == 0


def test_guild_channels_threads_and_daily_snapshot(tmp_path, discord_env):
    sg = small_guild()
    discord_env(sg.fake)
    collect(tmp_path / "w.duckdb", sg.project)
    db = tmp_path / "w.duckdb"
    assert _rows(db, "select name from discord_guilds") == [("Small guild",)]
    assert _rows(
        db, "select approx_member_count, approx_presence_count from discord_guild_snapshots"
    ) == [(321, 45)]
    kinds = dict(_rows(db, "select channel_id, kind from discord_channels"))
    assert kinds == {
        str(sg.general): "text",
        str(sg.news): "announcement",
        str(sg.forum): "forum",
        str(sg.thread): "public_thread",
        str(sg.post_open): "public_thread",
        str(sg.post_archived): "public_thread",
    }
    threads = {
        r[0]: r[1:]
        for r in _rows(
            db,
            "select channel_id, parent_id, archived, name, owner_pseudonym from discord_channels "
            "where kind = 'public_thread'",
        )
    }
    owner = dict(
        _rows(db, "select message_id, author_pseudonym from discord_messages")
    )  # starter id = thread id
    # a thread's title is user text: never kept; its owner is the author's pseudonym
    assert threads[str(sg.thread)][:3] == (str(sg.general), True, None)
    assert threads[str(sg.post_open)] == (str(sg.forum), False, None, owner[str(sg.post_open)])
    assert threads[str(sg.post_archived)] == (
        str(sg.forum),
        True,
        None,
        owner[str(sg.post_archived)],
    )


def test_second_run_is_idempotent_and_costs_no_history_call(tmp_path, discord_env):
    sg = small_guild()
    discord_env(sg.fake)
    db = tmp_path / "w.duckdb"
    collect(db, sg.project)
    before = _rows(db, "select * from discord_messages order by message_id")
    history = sg.fake.calls["history"]
    second = collect(db, sg.project)
    assert second.status == "ok"
    assert sg.fake.calls["history"] == history  # every stream unchanged: no history call at all
    assert (
        _rows(db, "select * from discord_messages order by message_id") == before
    )  # run stamps too
    # login 2 + guild + channels + active threads + one archived page per text/news/forum channel
    assert second.api_calls == 2 + 1 + 1 + 1 + 3


def test_only_changed_streams_are_read_and_only_their_new_messages(tmp_path, discord_env):
    sg = small_guild()
    discord_env(sg.fake)
    db = tmp_path / "w.duckdb"
    collect(db, sg.project)
    calls = dict(sg.fake.history_calls)
    new = [
        sg.fake.post(sg.news, sg.fake.user("dee"), T0 + timedelta(days=9, minutes=i))
        for i in range(150)
    ]
    collect(db, sg.project)
    changed = {
        c: n - calls.get(c, 0) for c, n in sg.fake.history_calls.items() if n != calls.get(c, 0)
    }
    assert changed == {
        sg.news: 2
    }  # 150 new messages after the cursor: two pages, nothing else read
    stored = {r[0] for r in _rows(db, "select message_id from discord_messages")}
    assert {str(i) for i in new} <= stored
    assert len(stored) == 11 + 150


def test_a_thread_revived_from_the_archive_is_read_again(tmp_path, discord_env):
    sg = small_guild()
    discord_env(sg.fake)
    db = tmp_path / "w.duckdb"
    collect(db, sg.project)
    # posting in an archived thread unarchives it; it is archived again later, with a newer time
    late = sg.fake.post(sg.thread, sg.fake.user("ann"), T0 + timedelta(days=20))
    sg.fake.archive(sg.thread, T0 + timedelta(days=21))
    new_post = sg.fake.add_thread(
        sg.forum, sg.fake.user("bob"), T0 + timedelta(days=22), kind=PUBLIC_THREAD
    )
    starter = sg.fake.post(
        new_post, sg.fake.user("bob"), T0 + timedelta(days=22), message_id=new_post
    )
    collect(db, sg.project)
    stored = {r[0] for r in _rows(db, "select message_id from discord_messages")}
    assert {str(late), str(starter)} <= stored


def test_full_ignores_cursors_and_changes_nothing(tmp_path, discord_env):
    sg = small_guild()
    discord_env(sg.fake)
    db = tmp_path / "w.duckdb"
    collect(db, sg.project)
    before = _rows(db, "select * from discord_messages order by message_id")
    history = sg.fake.calls["history"]
    assert collect(db, sg.project, full=True).status == "ok"
    assert sg.fake.calls["history"] == 2 * history
    assert _rows(db, "select * from discord_messages order by message_id") == before


def test_api_calls_counts_every_request_the_server_saw(tmp_path, discord_env):
    sg = small_guild()
    sg.fake.throttle_once["history"] = 0.01  # one 429 on the way, retried: two requests
    discord_env(sg.fake)
    outcome = collect(tmp_path / "w.duckdb", sg.project)
    assert outcome.status == "ok"
    assert outcome.api_calls == sum(sg.fake.calls.values())
    with connect(tmp_path / "w.duckdb") as con:
        assert (
            con.execute("select api_calls from collection_runs").fetchone()[0] == outcome.api_calls
        )


def test_paging_is_oldest_first_100_a_page(tmp_path, discord_env):
    sg = small_guild()
    for i in range(250):
        sg.fake.post(sg.news, sg.fake.user(f"u{i % 7}"), T0 + timedelta(days=10, seconds=i))
    discord_env(sg.fake)
    db = tmp_path / "w.duckdb"
    collect(db, sg.project)
    assert sg.fake.history_calls[sg.news] == 3  # 251 messages: 100 + 100 + 51
    (cursor,) = _rows(db, f"select cursor from sync_state where scope = '{sg.guild_id}:{sg.news}'")[
        0
    ]
    assert cursor == str(sg.fake.messages[sg.news][-1].id)


def test_a_full_last_page_needs_no_empty_page_after_it(tmp_path, discord_env):
    sg = small_guild()
    for i in range(199):  # with #news's one message: exactly 200
        sg.fake.post(sg.news, sg.fake.user("dee"), T0 + timedelta(days=10, seconds=i))
    discord_env(sg.fake)
    collect(tmp_path / "w.duckdb", sg.project)
    assert sg.fake.history_calls[sg.news] == 2


def test_a_run_that_fails_midway_loses_nothing_and_duplicates_nothing(tmp_path, discord_env):
    reference = small_guild()
    discord_env(reference.fake)
    collect(tmp_path / "ref.duckdb", reference.project)
    sg = small_guild()
    sg.fake.throttle_history[sg.post_open] = 300.0  # far beyond --max-wait: the run stops there
    discord_env(sg.fake)
    db = tmp_path / "w.duckdb"
    failed = collect(db, sg.project, max_wait=1)
    assert failed.status == "failed" and f"channel {sg.post_open}" in failed.message
    # the streams read before the failure are stored with their cursors...
    stored = {r[0] for r in _rows(db, "select channel_id from discord_messages")}
    assert {str(sg.general), str(sg.news), str(sg.thread)} <= stored
    before = dict(sg.fake.history_calls)
    assert collect(db, sg.project, max_wait=1).status == "ok"
    # ...so the re-run reads only what was left, and ends with exactly the complete data
    assert {c for c, n in sg.fake.history_calls.items() if n != before.get(c, 0)} == {
        sg.post_open,
        sg.post_archived,
    }
    facts = (
        "select message_id, channel_id, created_at, reply_to_id, message_type from discord_messages"
    )
    assert sorted(_rows(db, facts)) == sorted(_rows(tmp_path / "ref.duckdb", facts))


def test_archived_threads_are_paged_then_read_down_to_the_last_runs_mark(tmp_path, discord_env):
    sg = small_guild()
    fake, bob = sg.fake, sg.fake.user("bob")
    posts = []
    for i in range(130):  # more than one page of archived forum posts
        at = T0 + timedelta(days=10, hours=i)
        post = fake.add_thread(sg.forum, bob, at, archived_at=at + timedelta(days=1))
        posts.append(fake.post(post, bob, at, message_id=post))
    discord_env(fake)
    db = tmp_path / "w.duckdb"
    collect(db, sg.project)
    assert fake.calls["archived"] == 3 + 1  # the forum's two pages, one each for #general, #news
    stored = {r[0] for r in _rows(db, "select message_id from discord_messages")}
    assert {str(p) for p in posts} <= stored
    late = fake.add_thread(
        sg.forum, bob, T0 + timedelta(days=30), archived_at=T0 + timedelta(days=31)
    )
    fake.post(late, bob, T0 + timedelta(days=30), message_id=late)
    archived, history = fake.calls["archived"], fake.calls["history"]
    collect(db, sg.project)
    assert fake.calls["archived"] - archived == 3  # one page each: the newest are above the mark
    assert fake.calls["history"] - history == 1  # only the new post is read
    assert str(late) in {r[0] for r in _rows(db, "select message_id from discord_messages")}
