"""One retry policy for every HTTP client: GitHub REST and GraphQL, the Hub, Slack and the digest
webhook (Discord's own client, discord.py, retries inside itself; its failures are named with
`classify` below).

A client keeps only "classify this response": its attempt returns what it got, raises `Retry` for
an answer worth another try (a 5xx, a rate limit, a malformed body, a timeout dressed as a 200),
or raises its own error for an answer that no retry will change. Everything else is here, once:

- attempts: `attempts` in all, every one of them counted by the client's own hook;
- back-off: `backoff`, doubling from there up to `backoff_cap`, after a flaky answer;
- waits the server asks for (Retry-After, a rate-limit reset) are taken as they are, and only
  they are gated by `max_wait` (`--max-wait`): a longer one fails at once, saying so;
- network errors are classified (connection refused, DNS failure, TLS error, connect timeout:
  the host cannot be reached, and the next request would not reach it either, so no retry; a
  read timeout or a dropped connection: retried).

The loop itself is tenacity's (`Retrying` with an injected `sleep`, so tests run on a fake clock
and nothing is process-wide); the wording of every wait and every failure is this module's.
"""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar

import tenacity

CONNECT_TIMEOUT = 10.0  # seconds to open a connection; reads have each client's own bound
READ_TIMEOUT = 30.0
SAY_WAITS_FROM = 5.0  # seconds: a shorter wait passes without a line

T = TypeVar("T")


class GaveUp(Exception):
    """Every attempt the policy allows failed; the message names the request and the last why."""


class WaitTooLong(GaveUp):
    """The server asked for a wait longer than the run allows (`--max-wait`)."""


class Unreachable(GaveUp):
    """The host cannot be reached at all: the rest of the run should not ask it again."""


@dataclass(frozen=True)
class Errors:
    """The exception types a client raises for each way a request ends badly."""

    gave_up: type[Exception] = GaveUp
    too_long: type[Exception] = WaitTooLong
    unreachable: type[Exception] = Unreachable


class Retry(Exception):
    """Raised by an attempt: the answer is worth another try.

    `wait` is what the server asked for (Retry-After, a reset time): a rate-limit wait, which
    `--max-wait` governs, unless `rate_limit=False` says otherwise. Without it, the back-off."""

    def __init__(self, why: str, wait: float | None = None, *, rate_limit: bool | None = None):
        super().__init__(why)
        self.why, self.wait = why, wait
        self.rate_limit = wait is not None if rate_limit is None else rate_limit


@dataclass(frozen=True)
class Request:
    """How messages name a request: `source` ('github', 'p/hub', 'ONRAMP_DIGEST_WEBHOOK'), what was
    asked (`GET /repos/o/r`) and the host it went to (for "unreachable")."""

    source: str
    what: str
    host: str = ""

    def __str__(self) -> str:
        return f"{self.source}: {self.what}"


@dataclass(frozen=True)
class Failure:
    what: str  # 'DNS failure (name not resolved)', 'connection refused', ...
    unreachable: bool  # True: the host cannot be reached at all; False: retry


@dataclass(frozen=True)
class Policy:
    attempts: int = 5
    backoff: float = 1.0  # seconds after the first failure; doubled after each, up to the cap
    backoff_cap: float = 8.0
    max_wait: float | None = None  # --max-wait: a longer rate-limit wait fails instead
    max_wait_name: str = "--max-wait"
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.time  # for "until HH:MM:SS" only
    warn: Callable[[str], None] | None = None  # where long waits are said
    say_from: float = SAY_WAITS_FROM
    errors: Errors = field(default_factory=Errors)

    def backoff_after(self, failures: int) -> float:
        """Seconds to wait after the `failures`-th failed attempt."""
        return min(self.backoff * 2 ** (failures - 1), self.backoff_cap)

    def run(
        self,
        attempt: Callable[[], T],
        request: Request,
        transport: tuple[type[BaseException], ...] = (),
    ) -> T:
        """`attempt()` until it returns, at most `attempts` times. `transport` names the exceptions
        of the client's HTTP library: classified, an unreachable host ends it at once."""

        def once() -> T:
            try:
                return attempt()
            except transport as exc:
                failure = classify(exc)
                if failure.unreachable:  # the next request would not reach it either
                    raise self.unreachable(request, failure) from None
                raise Retry(failure.what) from None

        def wait(state: tenacity.RetryCallState) -> float:
            if state.attempt_number >= self.attempts:
                return 0.0  # tenacity asks before its stop check: no wait follows the last try
            retry = state.outcome.exception()
            if retry.wait is None:
                seconds, rate_limit = self.backoff_after(state.attempt_number), False
            else:
                seconds, rate_limit = retry.wait, retry.rate_limit
            self.check_wait(request, seconds, retry.why, rate_limit=rate_limit)
            self._say_wait(request, seconds, retry.why, "retrying in")
            return seconds

        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.attempts),
            wait=wait,
            retry=tenacity.retry_if_exception_type(Retry),
            sleep=self.sleep,
            reraise=True,
        )
        try:
            return retrying(once)
        except Retry as last:
            raise self.errors.gave_up(
                f"{request}: {last.why}; gave up after {self.attempts} attempts"
            ) from None

    def pause(self, request: Request, seconds: float, why: str) -> None:
        """A rate-limit wait outside a retry (a window nearly spent, a tier kept to): gated by
        `max_wait` like any other, said when long."""
        self.check_wait(request, seconds, why, rate_limit=True)
        self._say_wait(request, seconds, why, "waiting")
        if seconds > 0:
            self.sleep(seconds)

    def check_wait(self, request: Request, seconds: float, why: str, *, rate_limit: bool) -> None:
        """A rate-limit wait beyond `max_wait` fails; a back-off never does."""
        if rate_limit and self.max_wait is not None and seconds > self.max_wait:
            raise self.errors.too_long(
                f"{request}: {why}; waiting {seconds:.0f} s would exceed "
                f"{self.max_wait_name} {self.max_wait:g} s"
            )

    def unreachable(self, request: Request, failure: Failure) -> Exception:
        return self.errors.unreachable(
            f"{request.source}: {request.host} unreachable: {failure.what} ({request.what})"
        )

    def _say_wait(self, request: Request, seconds: float, why: str, doing: str) -> None:
        """'… ; retrying in 8 s (at 12:00:08 UTC)' after a failed attempt, '… ; waiting …' before
        a request the rate limit holds back."""
        if self.warn is None or seconds < self.say_from:
            return
        until = datetime.fromtimestamp(self.clock() + seconds, UTC).strftime("%H:%M:%S UTC")
        shown = f"{seconds:.0f}" if seconds >= 10 else f"{seconds:g}"
        self.warn(f"{request}: {why}; {doing} {shown} s (at {until})")


# ------------------------------------------------------------------------- network classification

_DNS = ("NameResolutionError", "ClientConnectorDNSError")
_TLS = ("SSLError", "ClientSSLError", "ClientConnectorSSLError", "ClientConnectorCertificateError")
_CONNECT_TIMEOUT = ("ConnectTimeoutError", "ConnectTimeout", "ConnectionTimeoutError")
_READ_TIMEOUT = ("ReadTimeoutError", "ReadTimeout", "SocketTimeoutError", "WriteTimeout")


def classify(exc: BaseException) -> Failure:
    """What a transport exception means (urllib3, httpx2, aiohttp alike): an unreachable host if
    any cause in its chain says so, else a read timeout or a dropped connection, else its name."""
    causes = list(_chain(exc))
    for cause in causes:
        name = type(cause).__name__
        if isinstance(cause, socket.gaierror) or name in _DNS:
            return Failure("DNS failure (name not resolved)", True)
        if isinstance(cause, ConnectionRefusedError):
            return Failure("connection refused", True)
        if isinstance(cause, ssl.SSLError) or name in _TLS:
            return Failure("TLS error", True)
        if name in _CONNECT_TIMEOUT:
            return Failure(f"connect timeout ({CONNECT_TIMEOUT:g} s)", True)
    for cause in causes:
        name = type(cause).__name__
        if name in _READ_TIMEOUT or isinstance(cause, TimeoutError):
            return Failure("read timeout", False)
        if isinstance(cause, ConnectionResetError) or name in _DROPPED:
            return Failure("connection dropped", False)
    return Failure(_short(exc), False)


_DROPPED = ("RemoteDisconnected", "ServerDisconnectedError", "RemoteProtocolError", "ProtocolError")


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__ or _wrapped(exc)


def _wrapped(exc: BaseException) -> BaseException | None:
    """urllib3 and aiohttp keep the underlying OSError in an attribute or an argument."""
    for inner in (getattr(exc, "os_error", None), getattr(exc, "reason", None), *exc.args):
        if isinstance(inner, BaseException):
            return inner
    return None


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:160]}" if text else type(exc).__name__
