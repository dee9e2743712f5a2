"""Naming network failures: connection refused, DNS failure, TLS error, connect or read timeout,
each with its host, whichever HTTP library raised it (urllib3, httpx2, aiohttp).

A host that cannot be reached at all (no name, nothing listening, no TLS handshake, no answer to
connect) will not be reached by the next project either: `HostUnreachable` tells the run to stop
asking that source. A read timeout or a reset connection is a flaky answer: retried as before.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass

from collectors.base import CollectionError

CONNECT_TIMEOUT = 10.0  # seconds to open a connection; reads have each client's own bound
READ_TIMEOUT = 30.0


class HostUnreachable(CollectionError):
    """The source's host cannot be reached: the rest of the run skips that source."""


@dataclass(frozen=True)
class Failure:
    what: str  # 'DNS failure (name not resolved)', 'connection refused', ...
    unreachable: bool  # True: the host cannot be reached at all; False: retry


_DNS = ("NameResolutionError", "ClientConnectorDNSError")
_TLS = ("SSLError", "ClientSSLError", "ClientConnectorSSLError", "ClientConnectorCertificateError")
_CONNECT_TIMEOUT = ("ConnectTimeoutError", "ConnectTimeout", "ConnectionTimeoutError")
_READ_TIMEOUT = ("ReadTimeoutError", "ReadTimeout", "SocketTimeoutError", "WriteTimeout")


def classify(exc: BaseException) -> Failure:
    """What a transport exception means, from the first cause in its chain that says."""
    for cause in _chain(exc):
        name = type(cause).__name__
        if isinstance(cause, socket.gaierror) or name in _DNS:
            return Failure("DNS failure (name not resolved)", True)
        if isinstance(cause, ConnectionRefusedError):
            return Failure("connection refused", True)
        if isinstance(cause, ssl.SSLError) or name in _TLS:
            return Failure("TLS error", True)
        if name in _CONNECT_TIMEOUT:
            return Failure(f"connect timeout ({CONNECT_TIMEOUT:g} s)", True)
        if name in _READ_TIMEOUT:
            return Failure("read timeout", False)
    return Failure(_short(exc), False)


def unreachable(source: str, host: str, failure: Failure, path: str) -> HostUnreachable:
    return HostUnreachable(f"{source}: {host} unreachable: {failure.what} (GET {path})")


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
