"""The one retry policy (core/retry.py) that GitHub REST and GraphQL, the Hub, Slack and the
digest webhook share: attempts, back-off, server-given waits gated by --max-wait (rate limits
only), and network errors classified, an unreachable host stopping at once."""

from __future__ import annotations

import socket

import pytest
import urllib3

from core.retry import GaveUp, Policy, Request, Retry, Unreachable, WaitTooLong, classify

REQUEST = Request("src", "GET /x", "example.test")


def answers(*outcomes):
    """An attempt that raises or returns each outcome in turn, counting its calls."""
    calls = []

    def attempt():
        outcome = outcomes[len(calls)]
        calls.append(outcome)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    return attempt, calls


def test_back_off_doubles_to_its_cap_and_every_attempt_is_made_once():
    sleeps: list[float] = []
    attempt, calls = answers(*[Retry("HTTP 502")] * 5)
    with pytest.raises(GaveUp) as caught:
        Policy(sleep=sleeps.append).run(attempt, REQUEST)
    assert str(caught.value) == "src: GET /x: HTTP 502; gave up after 5 attempts"
    assert len(calls) == 5 and sleeps == [1, 2, 4, 8]  # no wait after the last attempt


def test_a_back_off_is_never_gated_by_max_wait():
    sleeps: list[float] = []
    attempt, _ = answers(Retry("HTTP 502"), Retry("read timeout"), "ok")
    assert Policy(max_wait=0.5, sleep=sleeps.append).run(attempt, REQUEST) == "ok"
    assert sleeps == [1, 2]


def test_a_server_given_wait_is_taken_as_is_and_gated_by_max_wait():
    sleeps: list[float] = []
    attempt, _ = answers(Retry("HTTP 429", 7.0), "ok")
    assert Policy(max_wait=10, sleep=sleeps.append).run(attempt, REQUEST) == "ok"
    assert sleeps == [7.0]
    attempt, calls = answers(Retry("HTTP 429 rate limit", 61.0), "ok")
    with pytest.raises(WaitTooLong) as caught:
        Policy(max_wait=60, sleep=pytest.fail).run(attempt, REQUEST)
    assert str(caught.value) == (
        "src: GET /x: HTTP 429 rate limit; waiting 61 s would exceed --max-wait 60 s"
    )
    assert len(calls) == 1


def test_a_long_wait_is_said_in_one_line_naming_the_source():
    lines: list[str] = []
    attempt, _ = answers(Retry("HTTP 403 secondary rate limit", 30.0), "ok")
    Policy(sleep=lambda s: None, warn=lines.append, clock=lambda: 0).run(attempt, REQUEST)
    assert lines == [
        "src: GET /x: HTTP 403 secondary rate limit; retrying in 30 s (at 00:00:30 UTC)"
    ]


def test_an_unreachable_host_stops_at_once_and_a_dropped_connection_is_retried():
    refused = urllib3.exceptions.NewConnectionError(None, "refused")
    refused.__cause__ = ConnectionRefusedError(111, "Connection refused")
    attempt, calls = answers(refused)
    with pytest.raises(Unreachable) as caught:
        Policy(sleep=pytest.fail).run(attempt, REQUEST, transport=(urllib3.exceptions.HTTPError,))
    assert str(caught.value) == "src: example.test unreachable: connection refused (GET /x)"
    assert len(calls) == 1
    dropped = urllib3.exceptions.ProtocolError("aborted", ConnectionResetError(104, "reset"))
    sleeps: list[float] = []
    attempt, calls = answers(dropped, "ok")
    policy = Policy(sleep=sleeps.append)
    assert policy.run(attempt, REQUEST, transport=(urllib3.exceptions.HTTPError,)) == "ok"
    assert sleeps == [1]


@pytest.mark.parametrize(
    ("exc", "what", "unreachable"),
    [
        (socket.gaierror(-2, "Name or service not known"), "DNS failure (name not resolved)", True),
        (ConnectionRefusedError(111, "refused"), "connection refused", True),
        (urllib3.exceptions.ConnectTimeoutError("slow"), "connect timeout (10 s)", True),
        (urllib3.exceptions.ReadTimeoutError(None, "/x", "read"), "read timeout", False),
        (ConnectionResetError(104, "reset"), "connection dropped", False),
    ],
)
def test_network_errors_are_classified(exc, what, unreachable):
    assert (classify(exc).what, classify(exc).unreachable) == (what, unreachable)


def test_the_policy_chooses_the_exception_types():
    from collectors.base import RateLimitWaitTooLong, RetriesExhausted
    from collectors.network import ERRORS

    attempt, _ = answers(Retry("HTTP 500"), Retry("HTTP 500"))
    with pytest.raises(RetriesExhausted):
        Policy(attempts=2, sleep=lambda s: None, errors=ERRORS).run(attempt, REQUEST)
    attempt, _ = answers(Retry("HTTP 429", 99.0))
    with pytest.raises(RateLimitWaitTooLong):
        Policy(max_wait=1, errors=ERRORS).run(attempt, REQUEST)
