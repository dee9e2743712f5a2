"""Naming network failures for the collectors: the classification (connection refused, DNS
failure, TLS error, connect or read timeout, whichever HTTP library raised it) and the retry policy
are core.retry's, shared with the digest webhook; here are the collectors' exception types and
the policy a run's context gives.

A host that cannot be reached at all will not be reached by the next project either:
`HostUnreachable` tells the run to stop asking that source. A read timeout or a reset connection is
a flaky answer: retried.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from collectors.base import (
    CollectionError,
    HostUnreachable,
    RateLimitWaitTooLong,
    RetriesExhausted,
    RunContext,
)
from core.retry import CONNECT_TIMEOUT, READ_TIMEOUT, Errors, Failure, Policy, Request, classify

__all__ = [
    "CONNECT_TIMEOUT",
    "ERRORS",
    "READ_TIMEOUT",
    "CollectionError",
    "Failure",
    "HostUnreachable",
    "Request",
    "classify",
    "policy",
    "unreachable",
]

ERRORS = Errors(
    gave_up=RetriesExhausted, too_long=RateLimitWaitTooLong, unreachable=HostUnreachable
)


def policy(
    ctx: RunContext,
    *,
    sleep: Callable[[float], None] = time.sleep,
    attempts: int = 5,
    backoff: float = 1.0,
    clock: Callable[[], float] = time.time,
) -> Policy:
    """The run's retry policy: its --max-wait, its warnings, the collectors' error types."""
    return Policy(
        attempts=attempts, backoff=backoff, max_wait=ctx.max_wait, sleep=sleep, clock=clock,
        warn=ctx.warn, errors=ERRORS,
    )  # fmt: skip


def unreachable(source: str, host: str, failure: Failure, path: str) -> HostUnreachable:
    return HostUnreachable(f"{source}: {host} unreachable: {failure.what} (GET {path})")
