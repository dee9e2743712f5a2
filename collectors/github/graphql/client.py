"""GitHub's GraphQL API, one counted POST at a time, spending points with care.

Each query asks for `rateLimit { cost remaining resetAt }`: the points it cost and what is left are
added to the run's stats (progress bar, collection_runs, `onramp status`). Before a query that the
points left may not cover (the dearest query so far), it waits for the reset instead of spending a
refusal. Secondary limits (403/429 with Retry-After), 5xx and GitHub's timeouts (a 200 with no
data whose `errors` say "Something went wrong while executing your query", or the same body with a
502) are retried under the one retry policy, the REST client's; every attempt counts as a call.
The transport is the REST client's own pool and headers, so the token stays in one header and the
proxy settings apply alike.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from urllib.parse import urlsplit

from urllib3.exceptions import HTTPError as TransportError

from collectors.base import CollectionError
from collectors.github.client import (
    RETRY_STATUSES,
    SECONDARY_WAIT,
    GitHubClient,
    NotVisible,
    limited,
    message_of,
)
from core.redact import redact
from core.retry import Request, Retry

RATE_LIMIT = "rateLimit { cost remaining resetAt }"
# GitHub has answered spent points with both (gitpod-io/gitpod#15377; yanyongyu/githubkit#271)
RATE_LIMITED = frozenset({"RATE_LIMITED", "RATE_LIMIT"})
# GitHub's words for a query it timed out on, sent with a 200 (or a 502) and `"data": null`
# (airbyte-connectors#1865, star-history#30; tests/fixtures/real, PROVENANCE.md): worth another
# try, like any 5xx. The rest of the sentence has changed over the years ("This may be the result
# of a timeout, or it could be a GitHub bug.", "… on 2026-09-17T15:51:52Z."); this part has not.
TIMED_OUT = "something went wrong while executing your query"


class NoGraphQL(Exception):
    """The server has no GraphQL endpoint (404, or 501 Not Implemented): collect over REST."""


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
        return self.rest.policy.run(
            lambda: self._attempt(body), self.request, transport=(TransportError,)
        )

    @property
    def request(self) -> Request:
        return Request("github", f"POST {urlsplit(self.url).path}", urlsplit(self.url).netloc)

    # ---------------------------------------------------------------------------------- internals

    def _attempt(self, body: bytes) -> dict:
        self._wait_for_points()
        self.stats.api_calls += 1
        response = self.rest.pool.request(
            "POST", self.url, body=body, headers=self.headers, timeout=self.rest.timeout,
            retries=False, redirect=False,
        )  # fmt: skip
        status = response.status
        if status in (404, 501):
            raise NoGraphQL(f"POST {self.url}: HTTP {status}")
        if status == 401:
            raise CollectionError("POST /graphql: HTTP 401, bad credentials (check GITHUB_TOKEN)")
        if status in (403, 429):
            raise self._limited(status, response)
        if status in RETRY_STATUSES:
            raise Retry(f"HTTP {status}{_timed_out(response)}")
        if status != 200:
            raise CollectionError(f"POST /graphql: HTTP {status} {redact(message_of(response))}")
        try:
            answer = json.loads(response.data)
        except ValueError:
            raise Retry("malformed JSON") from None
        if not isinstance(answer, dict):
            raise Retry("malformed JSON")
        return self._read(answer)

    def _read(self, answer: dict) -> dict:
        errors = answer.get("errors") or []
        kinds = {e.get("type") for e in errors}
        if kinds & RATE_LIMITED:
            self.stats.points_remaining = 0
            raise Retry("GraphQL points exhausted", self._until_reset())
        data = answer.get("data") or {}
        self._track(data.get("rateLimit"))
        if kinds & {"NOT_FOUND", "FORBIDDEN"}:
            raise NotVisible(404 if "NOT_FOUND" in kinds else 403, "/graphql")
        if errors:
            first = " ".join(str(errors[0].get("message", "")).split())
            if TIMED_OUT in first.lower() and not answer.get("data"):
                raise Retry('GitHub timed out on the query (HTTP 200, "Something went wrong")')
            raise CollectionError(f"POST /graphql: GitHub refused the query: {redact(first)}")
        return data

    def _limited(self, status: int, response) -> Retry:
        retry = limited(status, response)
        if retry is None:
            raise NotVisible(status, "/graphql")
        if response.headers.get("X-RateLimit-Remaining") == "0":
            reset = response.headers.get("X-RateLimit-Reset")
            self.reset = float(reset) if reset and reset.isdigit() else self.reset
            self.stats.points_remaining = 0
            retry = Retry(f"HTTP {status} GraphQL points exhausted", self._until_reset())
        return retry

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
            self.rest.policy.pause(self.request, self._until_reset(), "GraphQL points nearly spent")
            self.stats.points_remaining = None

    def _until_reset(self) -> float:
        if self.reset is None:
            return SECONDARY_WAIT
        return max(0.0, self.reset - self.rest.clock()) + 1.0


def _timed_out(response) -> str:
    """', GitHub timed out on the query' when a 5xx carries GitHub's timeout body."""
    return ", GitHub timed out on the query" if TIMED_OUT in message_of(response).lower() else ""
