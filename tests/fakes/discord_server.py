"""A local fake of the Discord REST API (v10), as much of it as the collector reads.

It speaks the real shapes: snowflake ids that encode their creation time, message pages returned
newest first (forward paging with `after`, backward otherwise), archived threads paged by
`archive_timestamp` with `has_more`, per-route rate-limit headers (`X-RateLimit-*`) with a real
window, and 429s carrying `Retry-After`, a JSON body and the `Via` header discord.py requires
before it trusts a 429. Bodies are sent with `Content-Type: application/json` exactly (discord.py
parses nothing else). Every message carries text, a user name, attachments and embeds, so a test
can prove none of it reaches the warehouse.

    fake = FakeDiscord()
    guild = fake.add_guild("Test guild")
    general = fake.add_channel(guild, "general")
    fake.post(general, author=fake.user("ann"), at=datetime(2024, 1, 1, tzinfo=UTC))
    with DiscordServer(fake) as server:   # server.base_url -> DISCORD_API_BASE
        ...
    fake.calls["history"]                  # requests per kind
"""

from __future__ import annotations

import asyncio
import bisect
import json
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from aiohttp import web

DISCORD_EPOCH_MS = 1420070400000
TEXT, VOICE, CATEGORY, NEWS, NEWS_THREAD, PUBLIC_THREAD, PRIVATE_THREAD, FORUM = (
    0,
    2,
    4,
    5,
    10,
    11,
    12,
    15,
)
TOKEN = "fake-bot-token-0123456789"


def snowflake(at: datetime, increment: int = 0) -> int:
    return ((int(at.timestamp() * 1000) - DISCORD_EPOCH_MS) << 22) | (increment & 0x3FFFFF)


def snowflake_time(snowflake_id: int) -> datetime:
    return datetime.fromtimestamp(((snowflake_id >> 22) + DISCORD_EPOCH_MS) / 1000, UTC)


@dataclass(frozen=True)
class User:
    id: int
    name: str
    bot: bool = False

    def payload(self) -> dict:
        return {
            "id": str(self.id),
            "username": self.name,
            "discriminator": "0",
            "global_name": self.name.title(),
            "avatar": "a1b2c3",
            "bot": self.bot,
        }


@dataclass(frozen=True)
class Message:
    id: int
    channel_id: int
    author: User
    type: int = 0
    reply_to: int | None = None
    reactions: tuple[int, ...] = ()
    webhook_id: int | None = None


@dataclass
class Window:
    """One rate-limit bucket: `limit` requests per `seconds`, as Discord reports it in headers."""

    started: float = 0.0
    used: int = 0


@dataclass
class FakeDiscord:
    """The state the fake server serves; tests build it, then read `calls` afterwards."""

    token: str = TOKEN
    rate_limit: int = 50  # requests per bucket per window
    rate_window: float = 0.05  # seconds
    guilds: dict[int, dict] = field(default_factory=dict)
    channels: dict[int, dict] = field(default_factory=dict)  # channels and threads, by id
    messages: dict[int, list[Message]] = field(default_factory=dict)  # by channel, ascending id
    forbidden: set[int] = field(default_factory=set)  # channels whose history answers 403
    # request kind -> retry_after of one 429; channel id -> the same for its history
    throttle_once: dict[str, float] = field(default_factory=dict)
    throttle_history: dict[int, float] = field(default_factory=dict)
    calls: Counter = field(default_factory=Counter)  # request kind -> count
    history_calls: Counter = field(default_factory=Counter)  # channel id -> history requests
    _users: dict[str, User] = field(default_factory=dict)
    _windows: dict[str, Window] = field(default_factory=dict)
    _sequence: int = 0

    # ------------------------------------------------------------------ building the state

    def _next(self) -> int:
        self._sequence += 1
        return self._sequence

    def user(self, name: str, *, bot: bool = False) -> User:
        if name not in self._users:
            at = datetime(2016, 1, 1, tzinfo=UTC) + timedelta(minutes=len(self._users))
            self._users[name] = User(snowflake(at, self._next()), name, bot)
        return self._users[name]

    def add_guild(self, name: str, *, members: int = 1234, online: int = 99) -> int:
        guild_id = snowflake(datetime(2020, 1, 1, tzinfo=UTC), self._next())
        self.guilds[guild_id] = {
            "id": str(guild_id),
            "name": name,
            "icon": None,
            "owner_id": "1",
            "roles": [],
            "emojis": [],
            "features": [],
            "approximate_member_count": members,
            "approximate_presence_count": online,
        }
        return guild_id

    def add_channel(
        self, guild_id: int, name: str, kind: int = TEXT, *, parent_id: int | None = None
    ) -> int:
        channel_id = snowflake(datetime(2020, 1, 2, tzinfo=UTC), self._next())
        payload = {
            "id": str(channel_id),
            "type": kind,
            "guild_id": str(guild_id),
            "name": name,
            "position": len(self.channels),
            "permission_overwrites": [],
            "parent_id": str(parent_id) if parent_id else None,
            "last_message_id": None,
            "topic": f"secret topic of {name}",
            "nsfw": False,
        }
        if kind == FORUM:
            payload["available_tags"] = []
        if kind == VOICE:
            payload.update(bitrate=64000, user_limit=0, rtc_region=None)
        self.channels[channel_id] = payload
        self.messages[channel_id] = []
        return channel_id

    def add_thread(
        self,
        parent_id: int,
        owner: User,
        at: datetime,
        *,
        name: str = "help me",
        archived_at: datetime | None = None,
        kind: int = PUBLIC_THREAD,
    ) -> int:
        """A thread (or forum post) started at `at`; archived at `archived_at` when given."""
        thread_id = snowflake(at, self._next())
        parent = self.channels[parent_id]
        self.channels[thread_id] = {
            "id": str(thread_id),
            "type": kind,
            "guild_id": parent["guild_id"],
            "parent_id": str(parent_id),
            "owner_id": str(owner.id),
            "name": name,
            "last_message_id": None,
            "message_count": 0,
            "member_count": 1,
            "rate_limit_per_user": 0,
            "flags": 0,
            "thread_metadata": {
                "archived": archived_at is not None,
                "auto_archive_duration": 1440,
                "locked": False,
                "archive_timestamp": (archived_at or at).isoformat(),
                "create_timestamp": at.isoformat(),
            },
        }
        self.messages[thread_id] = []
        parent["last_message_id"] = (
            str(thread_id) if parent["type"] == FORUM else parent["last_message_id"]
        )
        return thread_id

    def archive(self, thread_id: int, at: datetime) -> None:
        meta = self.channels[thread_id]["thread_metadata"]
        meta["archived"], meta["archive_timestamp"] = True, at.isoformat()

    def post(
        self,
        channel_id: int,
        author: User,
        at: datetime,
        *,
        type: int = 0,
        reply_to: int | None = None,
        reactions: tuple[int, ...] = (),
        webhook: bool = False,
        message_id: int | None = None,
    ) -> int:
        """Post a message at `at`; returns its id (a snowflake of `at`)."""
        message_id = message_id or snowflake(at, self._next())
        webhook_id = author.id if webhook else None
        message = Message(message_id, channel_id, author, type, reply_to, reactions, webhook_id)
        stream = self.messages[channel_id]
        if stream and stream[-1].id > message_id:
            bisect.insort(stream, message, key=lambda m: m.id)
        else:
            stream.append(message)
        channel = self.channels[channel_id]
        channel["last_message_id"] = str(stream[-1].id)
        if "message_count" in channel:
            channel["message_count"] += 1
        return message_id

    # ------------------------------------------------------------------ rendering

    def message_payload(self, m: Message) -> dict:
        channel = self.channels[m.channel_id]
        payload = {
            "id": str(m.id),
            "channel_id": str(m.channel_id),
            "guild_id": channel["guild_id"],
            "author": m.author.payload(),
            "content": f"secret words of {m.author.name} in message {m.id}",
            "timestamp": snowflake_time(m.id).isoformat(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
            "type": m.type,
            "attachments": [
                {
                    "id": str(m.id + 1),
                    "filename": f"secret-{m.author.name}.png",
                    "size": 10,
                    "url": f"https://cdn.example/secret-{m.author.name}.png",
                    "proxy_url": "https://cdn.example/p.png",
                }
            ],
            "embeds": [{"type": "rich", "title": f"secret embed of {m.author.name}"}],
        }
        if m.reply_to is not None:
            payload["message_reference"] = {
                "type": 0,
                "message_id": str(m.reply_to),
                "channel_id": str(m.channel_id),
            }
        if m.reactions:
            payload["reactions"] = [
                {
                    "count": n,
                    "me": False,
                    "emoji": {"id": None, "name": "👍"},
                    "count_details": {"burst": 0, "normal": n},
                    "burst_colors": [],
                    "me_burst": False,
                    "burst_me": False,
                    "burst_count": 0,
                }
                for n in m.reactions
            ]
        if m.webhook_id is not None:
            payload["webhook_id"] = str(m.webhook_id)
        return payload

    def all_secrets(self) -> list[str]:
        """Strings that must never reach the warehouse: raw user ids, user names, message text."""
        out = []
        for user in self._users.values():
            out += [str(user.id), user.name, user.name.title()]
        out += ["secret words", "secret-", "secret embed", "secret topic", "cdn.example"]
        return out


class DiscordServer:
    """Serves a FakeDiscord on 127.0.0.1 from a background thread (the collector runs its own
    event loop in the calling thread)."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    def __enter__(self) -> DiscordServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def __exit__(self, *exc) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_route("GET", "/api/v10/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    # ------------------------------------------------------------------ routing

    async def _handle(self, request: web.Request) -> web.Response:
        fake = self.fake
        if request.headers.get("Authorization") != f"Bot {fake.token}":
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        parts = request.match_info["tail"].strip("/").split("/")
        kind, bucket, handler = _route(parts)
        fake.calls[kind] += 1
        if handler is None:
            return _json({"message": "404: Not Found", "code": 0}, status=404)
        retry_after = fake.throttle_once.pop(kind, None)
        if kind == "history" and retry_after is None:
            retry_after = fake.throttle_history.pop(int(parts[1]), None)
        if retry_after is not None:
            return _too_many(retry_after)
        headers, wait = self._window(bucket)
        if wait is not None:
            return _too_many(wait)
        try:
            return _json(handler(fake, parts, request.query), headers=headers)
        except LookupError as exc:  # raised with Discord's message and code
            message, code = exc.args
            return _json({"message": message, "code": code}, status=404, headers=headers)
        except PermissionError:
            return _json({"message": "Missing Access", "code": 50001}, status=403, headers=headers)

    def _window(self, bucket: str) -> tuple[dict, float | None]:
        """Rate-limit headers for `bucket`, or the wait when its window is used up."""
        fake, now = self.fake, time.monotonic()
        window = fake._windows.setdefault(bucket, Window(started=now))
        if now - window.started >= fake.rate_window:
            window.started, window.used = now, 0
        reset_after = max(fake.rate_window - (now - window.started), 0.001)
        if window.used >= fake.rate_limit:
            return {}, reset_after
        window.used += 1
        headers = {
            "X-RateLimit-Limit": str(fake.rate_limit),
            "X-RateLimit-Remaining": str(fake.rate_limit - window.used),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": f"bucket-{bucket.split(':')[0]}",
        }
        return headers, None


def _route(parts: list[str]):
    """(request kind, rate-limit bucket, handler) for a path under /api/v10."""
    match parts:
        case ["users", "@me"]:
            return "login", "me", lambda f, p, q: f.user("onramp-bot", bot=True).payload()
        case ["oauth2", "applications", "@me"]:
            return "login", "app", lambda f, p, q: _application(f)
        case ["guilds", guild_id]:
            return "guild", f"guild:{guild_id}", _guild
        case ["guilds", guild_id, "channels"]:
            return "channels", f"channels:{guild_id}", _channels
        case ["guilds", guild_id, "threads", "active"]:
            return "active", f"active:{guild_id}", _active_threads
        case ["channels", channel_id, "threads", "archived", "public"]:
            return "archived", f"archived:{channel_id}", _archived_threads
        case ["channels", channel_id, "messages"]:
            return "history", f"history:{channel_id}", _history
    return "unknown", "unknown", None


def _application(fake: FakeDiscord) -> dict:
    owner = fake.user("owner").payload()
    return {
        "id": "1",
        "name": "onramp",
        "description": "",
        "icon": None,
        "bot_public": False,
        "bot_require_code_grant": False,
        "verify_key": "x",
        "flags": 0,
        "owner": owner,
    }


def _guild(fake: FakeDiscord, parts: list[str], query) -> dict:
    guild = fake.guilds.get(int(parts[1]))
    if guild is None:
        raise LookupError("Unknown Guild", 10004)
    if query.get("with_counts") not in ("true", "1", "True"):
        guild = {k: v for k, v in guild.items() if not k.startswith("approximate_")}
    return guild


def _channels(fake: FakeDiscord, parts: list[str], query) -> list[dict]:
    return [
        c
        for c in fake.channels.values()
        if c["guild_id"] == parts[1] and "thread_metadata" not in c
    ]


def _active_threads(fake: FakeDiscord, parts: list[str], query) -> dict:
    threads = [
        c
        for c in fake.channels.values()
        if c["guild_id"] == parts[1]
        and "thread_metadata" in c
        and not c["thread_metadata"]["archived"]
    ]
    return {"threads": threads, "members": []}


def _archived_threads(fake: FakeDiscord, parts: list[str], query) -> dict:
    parent = parts[1]
    if int(parent) not in fake.channels:
        raise LookupError("Unknown Channel", 10003)
    limit = min(int(query.get("limit", 50)), 100)
    before = datetime.fromisoformat(query["before"]) if "before" in query else None
    archived = sorted(
        (
            c
            for c in fake.channels.values()
            if c.get("parent_id") == parent and c.get("thread_metadata", {}).get("archived")
        ),
        key=lambda c: c["thread_metadata"]["archive_timestamp"],
        reverse=True,
    )
    if before is not None:
        archived = [
            c
            for c in archived
            if datetime.fromisoformat(c["thread_metadata"]["archive_timestamp"]) < before
        ]
    return {"threads": archived[:limit], "members": [], "has_more": len(archived) > limit}


def _history(fake: FakeDiscord, parts: list[str], query) -> list[dict]:
    channel_id = int(parts[1])
    if channel_id not in fake.messages:
        raise LookupError("Unknown Channel", 10003)
    if channel_id in fake.forbidden:
        raise PermissionError(parts[1])
    fake.history_calls[channel_id] += 1
    stream = fake.messages[channel_id]
    ids = [m.id for m in stream]
    limit = min(int(query.get("limit", 50)), 100)
    if "after" in query:  # forward: the `limit` oldest after the id, still sent newest first
        start = bisect.bisect_right(ids, int(query["after"]))
        page = stream[start : start + limit]
    else:  # backward from `before` (or the newest)
        end = bisect.bisect_left(ids, int(query["before"])) if "before" in query else len(ids)
        page = stream[max(0, end - limit) : end]
    return [fake.message_payload(m) for m in reversed(page)]


def _json(payload, *, status: int = 200, headers: dict | None = None) -> web.Response:
    # body=, not json_response: discord.py parses JSON only when Content-Type is exactly this
    return web.Response(
        body=json.dumps(payload).encode(),
        status=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def _too_many(retry_after: float) -> web.Response:
    body = {"message": "You are being rate limited.", "retry_after": retry_after, "global": False}
    headers = {
        "Retry-After": f"{retry_after:.3f}",
        "X-RateLimit-Scope": "user",
        "Via": "1.1 google",
        "X-RateLimit-Limit": "1",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset-After": f"{retry_after:.3f}",
    }
    return _json(body, status=429, headers=headers)


# ---------------------------------------------------------------------- generated guilds


def populate(
    fake: FakeDiscord,
    *,
    seed: int = 0,
    channels: int = 6,
    threads: int = 30,
    messages: int = 3000,
    people: int = 80,
    start: datetime = datetime(2024, 1, 1, tzinfo=UTC),
    days: int = 120,
) -> int:
    """A guild of random but realistic activity; returns its id. Text, announcement and forum
    channels (one in eight of each of the latter two), a category and a voice channel whose chat
    is not counted; threads opened from a message (the thread takes its id) or as forum posts
    (the starter message takes the thread's id), half of them archived; replies, reactions,
    member-join notices, bots and webhooks; a few people talk a lot and many talk once."""
    rng = random.Random(seed)
    guild = fake.add_guild(f"Generated guild {seed}")
    category = fake.add_channel(guild, "Text channels", CATEGORY)
    kinds = [FORUM if i % 8 == 3 else NEWS if i % 8 == 5 else TEXT for i in range(channels)]
    ids = [fake.add_channel(guild, f"ch-{i}", k, parent_id=category) for i, k in enumerate(kinds)]
    voice = fake.add_channel(guild, "voice", VOICE)
    humans = [fake.user(f"person-{seed}-{i}") for i in range(people)]
    weights = [1 / (i + 1) ** 1.1 for i in range(people)]
    bots = [fake.user(f"bot-{seed}-{i}", bot=True) for i in range(3)]
    end = start + timedelta(days=days)

    def moment(after: datetime) -> datetime:
        return after + (end - after) * rng.random() ** 1.3

    def person() -> User:
        return rng.choice(bots) if rng.random() < 0.05 else rng.choices(humans, weights)[0]

    threads_at = []
    for _ in range(threads):
        parent = rng.choice([c for c, k in zip(ids, kinds, strict=True) if k in (TEXT, FORUM)])
        owner, at = rng.choices(humans, weights)[0], moment(start)
        thread = fake.add_thread(parent, owner, at)
        opener = thread if kinds[ids.index(parent)] == FORUM else parent
        fake.post(opener, owner, at, message_id=thread)
        threads_at.append((thread, at))
    streams = [(c, start) for c, k in zip(ids, kinds, strict=True) if k != FORUM]
    streams += [*threads_at, (voice, start)]
    planned = []
    for _ in range(messages - threads):
        stream, opened = rng.choice(streams)
        planned.append((moment(opened + timedelta(seconds=1)), stream))
    for at, stream in sorted(planned, key=lambda p: p[0]):
        author, kind, earlier = person(), 0, fake.messages[stream]
        reply_to = rng.choice(earlier[-20:]).id if earlier and rng.random() < 0.15 else None
        if reply_to:
            kind = 19
        elif fake.channels[stream]["type"] == TEXT and rng.random() < 0.03:
            kind = 7  # "X joined the server"
        reactions = tuple(rng.randint(1, 4) for _ in range(rng.choice((0, 0, 0, 1, 2))))
        fake.post(
            stream,
            author,
            at,
            type=kind,
            reply_to=reply_to,
            reactions=reactions,
            webhook=not author.bot and rng.random() < 0.01,
        )
    for thread, _ in threads_at:
        last = fake.messages[thread][-1].id if fake.messages[thread] else thread
        if rng.random() < 0.5:
            fake.archive(thread, snowflake_time(last) + timedelta(days=1))
    return guild
