"""GitHub's GraphQL API, one counted POST at a time, spending points with care.

Each query asks for `rateLimit { cost remaining resetAt }`: the points it cost and what is left are
added to the run's stats (progress bar, collection_runs, `onramp status`). Before a query that the
points left may not cover (the dearest query so far), it waits for the reset instead of spending a
refusal. Secondary limits (403/429 with Retry-After) and 5xx are retried with the REST client's
rules; every attempt counts as a call. The transport is the REST client's own pool and headers, so
the token stays in one header and the proxy settings apply alike.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from urllib3.exceptions import HTTPError as TransportError

from collectors.base import CollectionError
from collectors.github.client import RETRY_STATUSES, SECONDARY_WAIT, GitHubClient, NotVisible
from core.redact import redact

RATE_LIMIT = "rateLimit { cost remaining resetAt }"
# GitHub has answered spent points with both (gitpod-io/gitpod#15377; yanyongyu/githubkit#271)
RATE_LIMITED = frozenset({"RATE_LIMITED", "RATE_LIMIT"})


class NoGraphQL(Exception):
    """The server has no GraphQL endpoint (404): collect over REST instead."""


class GraphQLClient:
    def __init__(self, rest: GitHubClient, url: str):
        self.rest, self.url = rest, url
        self.stats = rest.stats
        self.reset: float | None = None
        self.dearest = 1  # the highest cost seen: what the next query may need
        self.headers = {**rest.headers, "Content-Type": "application/json"}

    def query(self, text: str, variables: dict) -> dict:
        """The `data` of a query; NotVisible when GitHub cannot resolve what it names."""
        body = json.dumps({"query": text, "variables": variables}).encode()
        failures = 0
        while True:
            self._wait_for_points()
            outcome = self._attempt(body)
            if isinstance(outcome, dict):
                return outcome
            why, wait = outcome
            failures += 1
            if failures > self.rest.retries:
                raise CollectionError(f"POST /graphql: gave up after {failures} attempts ({why})")
            self._pause(wait if wait is not None else self.rest.backoff_after(failures), why)

    # ---------------------------------------------------------------------------------- internals

    def _attempt(self, body: bytes) -> dict | tuple[str, float | None]:
        self.stats.api_calls += 1
        try:
            response = self.rest.pool.request(
                "POST", self.url, body=body, headers=self.headers, timeout=self.rest.timeout,
                retries=False, redirect=False,
            )  # fmt: skip
        except TransportError as exc:
            return type(exc).__name__, None
        status = response.status
        if status == 404:
            raise NoGraphQL(f"POST {self.url}: HTTP 404")
        if status == 401:
            raise CollectionError("POST /graphql: HTTP 401, bad credentials (check GITHUB_TOKEN)")
        if status in (403, 429):
            return self._limited(status, response)
        if status in RETRY_STATUSES:
            return f"HTTP {status}", None
        if status != 200:
            raise CollectionError(f"POST /graphql: HTTP {status} {redact(_message(response))}")
        try:
            answer = json.loads(response.data)
        except ValueError:
            return "malformed JSON", None
        return self._read(answer)

    def _read(self, answer: dict) -> dict | tuple[str, float | None]:
        errors = answer.get("errors") or []
        kinds = {e.get("type") for e in errors}
        if kinds & RATE_LIMITED:
            self.stats.points_remaining = 0
            return "GraphQL points exhausted", self._until_reset()
        data = answer.get("data") or {}
        self._track(data.get("rateLimit"))
        if kinds & {"NOT_FOUND", "FORBIDDEN"}:
            raise NotVisible(404 if "NOT_FOUND" in kinds else 403, "/graphql")
        if errors:
            first = " ".join(str(errors[0].get("message", "")).split())
            raise CollectionError(f"POST /graphql: GitHub refused the query: {redact(first)}")
        return data

    def _limited(self, status: int, response) -> tuple[str, float | None]:
        retry_after = response.headers.get("Retry-After")
        if retry_after is not None:
            wait = float(retry_after) if retry_after.isdigit() else SECONDARY_WAIT
            return f"HTTP {status} secondary rate limit", wait
        if response.headers.get("X-RateLimit-Remaining") == "0":
            reset = response.headers.get("X-RateLimit-Reset")
            self.reset = float(reset) if reset and reset.isdigit() else self.reset
            self.stats.points_remaining = 0
            return f"HTTP {status} GraphQL points exhausted", self._until_reset()
        if status == 429 or "rate limit" in _message(response).lower():
            return f"HTTP {status} secondary rate limit", SECONDARY_WAIT
        raise NotVisible(status, "/graphql")

    def _track(self, rate: dict | None) -> None:
        if not rate:
            return
        cost = int(rate.get("cost") or 0)
        self.stats.points_used += cost
        self.dearest = max(self.dearest, cost)
        if rate.get("remaining") is not None:
            self.stats.points_remaining = int(rate["remaining"])
        if rate.get("resetAt"):
            self.reset = datetime.fromisoformat(rate["resetAt"]).astimezone(UTC).timestamp()

    def _wait_for_points(self) -> None:
        """Too few points left for the dearest query so far: wait for the reset, then go on."""
        left = self.stats.points_remaining
        if (
            left is not None
            and left < self.dearest
            and self.reset
            and self.reset > self.rest.clock()
        ):
            self._pause(self._until_reset(), "GraphQL points nearly spent")
            self.stats.points_remaining = None

    def _until_reset(self) -> float:
        if self.reset is None:
            return SECONDARY_WAIT
        return max(0.0, self.reset - self.rest.clock()) + 1.0

    def _pause(self, seconds: float, why: str) -> None:
        self.rest.pause("POST /graphql", seconds, why)


def _message(response) -> str:
    try:
        return str(json.loads(response.data).get("message", ""))
    except (ValueError, AttributeError):
        return ""
