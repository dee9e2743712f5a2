"""Pseudonymised Discord members are counted in a digest, never named: neither their pseudonym nor
the short label pages use for them appears in any format or post."""

import pytest
from digestrows import PSEUDO_NEW, PSEUDO_OWNER, PSEUDO_QUIET

from digest import discord_messages, slack_blocks
from digest.compose import compose
from digest.formats import FORMATS, render


@pytest.fixture(scope="module")
def outputs(marts):
    digests = [compose(marts, "p", spec) for spec in ("7d", "30d", "2025-01-01..2025-07-06")]
    texts = [render(digests, fmt) for fmt in FORMATS]
    for digest in digests:
        texts += [str(p) for p in discord_messages.messages(digest)]
        texts += [str(p) for p in slack_blocks.messages(digest)]
    return digests, "\n".join(texts)


def test_no_pseudonym_and_no_member_label_in_any_digest(marts, outputs):
    _, text = outputs
    labels = [
        r[0]
        for r in marts.execute(
            "select display_name from fct_people where is_pseudonymous"
        ).fetchall()
    ]
    assert labels  # the marts do hold pseudonymised members
    for secret in (PSEUDO_NEW, PSEUDO_QUIET, PSEUDO_OWNER, *labels):
        assert secret not in text
    for pseudonym in (PSEUDO_NEW, PSEUDO_QUIET, PSEUDO_OWNER):
        assert pseudonym[:4] not in text


def test_they_are_counted(outputs):
    digests, _ = outputs
    week = digests[0]
    assert week["unnamed"] == {"newcomers": 1, "quiet": 1}
    assert all(r["platform"] not in ("discord", "slack") for r in week["newcomers"] + week["quiet"])
    since_january = digests[2]
    assert since_january["unnamed"]["newcomers"] == 3  # all three members spoke first in 2025
