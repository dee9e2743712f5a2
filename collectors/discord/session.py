"""A REST-only discord.py client for one collection run, and the bridge from its async world to
the synchronous batches the orchestrator stores.

No gateway connection is ever opened (`login()` only), no intent is asked for, and every HTTP
request, retries included, is counted into the run's statistics.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TypeVar
from urllib.parse import urlsplit

import aiohttp
import discord
import discord.http

from collectors.base import CollectionError, RunStats
from collectors.network import CONNECT_TIMEOUT, READ_TIMEOUT, classify, unreachable

# what a network failure of discord.py's transport looks like (aiohttp's, or the OS's beneath it)
NETWORK_ERRORS = (aiohttp.ClientError, OSError, TimeoutError)

# aiohttp's default is 300 s for a whole request: bound connect and each read instead
TIMEOUT = aiohttp.ClientTimeout(total=None, connect=CONNECT_TIMEOUT, sock_read=READ_TIMEOUT)

T = TypeVar("T")


def drive(make: Callable[[], AsyncIterator[T]]) -> Iterator[T]:
    """Iterate an async generator from synchronous code on a private event loop.

    The loop runs only while the next item is being produced; stopping early closes the async
    generator (and with it the HTTP session) before the loop goes."""
    loop = asyncio.new_event_loop()
    agen = make()
    try:
        while True:
            try:
                item = loop.run_until_complete(agen.__anext__())
            except StopAsyncIteration:
                return
            yield item
    finally:
        with contextlib.suppress(Exception):
            loop.run_until_complete(agen.aclose())
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()


def _request_counter(stats: RunStats) -> aiohttp.TraceConfig:
    async def on_start(session, context, params) -> None:
        stats.api_calls += 1

    async def on_end(session, context, params) -> None:
        remaining = params.response.headers.get("X-RateLimit-Remaining")
        if remaining is not None and remaining.isdigit():
            stats.rate_limit_remaining = int(remaining)

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(on_start)
    trace.on_request_end.append(on_end)
    return trace


@contextlib.asynccontextmanager
async def rest_client(token: str, base_url: str, stats: RunStats, max_wait: float | None):
    """A logged-in REST client whose requests go to `base_url` (discord.py's own `Route.BASE`,
    a process-wide class attribute, is left as it is: each request's URL is moved instead)."""
    # discord.py warns about the gateway intents and voice we do not use, and logs each 429
    # retry; the run reports its own failures, in one line each
    logging.getLogger("discord").setLevel(logging.ERROR)
    client = discord.Client(intents=discord.Intents.none(), http_trace=_request_counter(stats))
    # discord.py floors max_ratelimit_timeout at 30 s; the user's --max-wait is the cap
    client.http.max_ratelimit_timeout = max(max_wait, 0.001) if max_wait is not None else None
    _route_requests(client.http, base_url.rstrip("/"))
    try:
        try:
            await client.login(token)
        except discord.LoginFailure:
            raise CollectionError(
                "discord: the bot token was refused (401); check DISCORD_BOT_TOKEN"
            ) from None
        except NETWORK_ERRORS as exc:
            failure = classify(exc)
            if failure.unreachable:
                host = urlsplit(base_url).netloc
                raise unreachable("discord", host, failure, urlsplit(base_url).path) from None
            raise CollectionError(f"discord: cannot log in at {base_url}: {failure.what}") from None
        except discord.HTTPException as exc:
            raise CollectionError(
                f"discord: cannot log in at {base_url}: {describe(exc)}"
            ) from None
        yield client
    finally:
        await client.close()


def _route_requests(http: discord.http.HTTPClient, base_url: str) -> None:
    """Every request goes to `base_url` and gets TIMEOUT: discord.py passes a request's keywords
    on to aiohttp, and builds each URL from `Route.BASE`, which this run does not touch."""
    request, default = http.request, discord.http.Route.BASE

    async def routed(route, **kwargs):
        if route.url.startswith(default) and base_url != default:
            route.url = base_url + route.url[len(default) :]
        kwargs.setdefault("timeout", TIMEOUT)
        return await request(route, **kwargs)

    http.request = routed


def describe(exc: BaseException) -> str:
    """One line for a failure: status and Discord's message, or the network failure by name
    (connection refused, read timeout, ...), never a header or token."""
    if isinstance(exc, discord.HTTPException):
        return f"HTTP {exc.status} {exc.text or exc.response.reason}".strip()
    if isinstance(exc, KeyError | TypeError | ValueError):
        return f"malformed response ({type(exc).__name__}: {exc})"
    if isinstance(exc, NETWORK_ERRORS):
        return f"network error: {classify(exc).what}"
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
