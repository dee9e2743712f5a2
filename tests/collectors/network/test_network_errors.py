"""Network failures are named (connection refused, DNS failure, TLS error, read timeout) with
their host; an unreachable host stops at once instead of being retried, and --max-wait governs
rate-limit waits only, never the back-off of a flaky connection."""

from __future__ import annotations

import asyncio
import socket

import pytest
from huggingface_hub import HfApi

from collectors.base import RunContext, RunStats
from collectors.discord.session import TIMEOUT, rest_client
from collectors.github.client import GitHubClient
from collectors.hub.http import HubHttp, Politeness
from collectors.network import HostUnreachable

from fakes.github_data import generate
from fakes.github_server import FakeGitHub


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def github(url: str, **options) -> tuple[GitHubClient, list]:
    sleeps: list[float] = []
    client = GitHubClient(url, None, stats=RunStats(), warn=lambda m: None, sleep=sleeps.append,
                          **options)  # fmt: skip
    return client, sleeps


@pytest.mark.parametrize(
    ("url", "what"),
    [
        ("http://127.0.0.1:{port}", "connection refused"),
        ("http://onramp-offline.invalid", "DNS failure (name not resolved)"),
    ],
)
def test_github_unreachable_host_is_named_and_not_retried(url, what):
    url = url.format(port=closed_port())
    client, sleeps = github(url)
    with pytest.raises(HostUnreachable) as caught:
        client.get("/repos/o/r")
    host = url.split("//", 1)[1]
    assert str(caught.value) == f"github: {host} unreachable: {what} (GET /repos/o/r)"
    assert client.stats.api_calls == 1 and sleeps == []


def test_github_tls_error_is_named():
    server = FakeGitHub([generate("o/r", 1, items=1, comments=0)]).start()
    try:  # the fake speaks plain HTTP: a TLS handshake with it fails
        client, _ = github(server.url.replace("http://", "https://"))
        with pytest.raises(HostUnreachable, match="unreachable: TLS error"):
            client.get("/repos/o/r")
    finally:
        server.stop()


def test_github_read_timeout_is_retried_and_named_never_a_rate_limit():
    server = FakeGitHub([generate("o/r", 1, items=1, comments=0)]).start()
    try:
        server.fail("slow", "/repos/o/r", times=1, delay=1.5)
        client, sleeps = github(server.url, timeout=0.5, backoff=0.01, max_wait=0)
        page = client.get("/repos/o/r")  # --max-wait 0: the back-off is not a rate-limit wait
        assert page.status == 200
        assert client.stats.api_calls == 2 and len(sleeps) == 1
    finally:
        server.stop()


def test_hub_unreachable_host_is_named_and_not_retried():
    port = closed_port()
    ctx = RunContext(stats=RunStats())
    sleeps: list[float] = []
    http = HubHttp(HfApi(endpoint=f"http://127.0.0.1:{port}", token=False), ctx, "p/hub",
                   Politeness(sleep=sleeps.append))  # fmt: skip
    try:
        with pytest.raises(HostUnreachable) as caught:
            http.get(f"http://127.0.0.1:{port}/api/models")
    finally:
        http.close()
    assert str(caught.value) == (
        f"p/hub: 127.0.0.1:{port} unreachable: connection refused (GET /api/models)"
    )
    assert ctx.stats.api_calls == 1 and sleeps == []


def test_discord_has_bounded_timeouts_and_names_an_unreachable_host():
    assert TIMEOUT.connect == 10 and TIMEOUT.sock_read == 30  # not aiohttp's 300 s default
    port = closed_port()

    async def login():
        async with rest_client("token", f"http://127.0.0.1:{port}/api/v10", RunStats(), None):
            pass

    with pytest.raises(HostUnreachable) as caught:
        asyncio.run(login())
    assert str(caught.value) == (
        f"discord: 127.0.0.1:{port} unreachable: connection refused (GET /api/v10)"
    )
