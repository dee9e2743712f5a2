"""Slack Web API collector (DESIGN.md §2, §4 "Slack"), for the channels a project lists in
`slack_channels`: `conversations.list` for what the channels are (only on a first or `--full`
run, or when a channel is new), then per channel `conversations.history`, newest first, 200 a
page, from the saved cursor, and `conversations.replies` for each thread with new replies.

Messages keep ids, times, flags and counts only; authors are keyed pseudonyms (core.pseudonym,
platform "slack"), the same `onramp import-slack` gives.
No `slack_channels` or no `SLACK_BOT_TOKEN` (in the run's settings): the source is skipped, said
so.
"""

from __future__ import annotations

from collections.abc import Iterator

from collectors.base import Batch, RunContext, SourceSkipped
from collectors.slack.channel import ChannelRun, channel_batches, channel_rows
from collectors.slack.client import Politeness, SlackClient
from core.registry import Project


def collect(
    project: Project, ctx: RunContext, *, polite: Politeness | None = None
) -> Iterator[Batch]:
    if not project.slack_channels:
        raise SourceSkipped("no slack_channels configured for this project")
    token = ctx.settings.slack_bot_token
    if not token:
        raise SourceSkipped("SLACK_BOT_TOKEN is not set")
    pseudonym = ctx.pseudonymizer("slack")
    base_url = ctx.settings.slack_api_base
    client = SlackClient(token, base_url, ctx, f"{project.id} slack", polite or Politeness())
    try:
        known = {
            c for c in project.slack_channels if ctx.stored_row("slack_channels", {"channel_id": c})
        }
        readable = list(project.slack_channels)
        if ctx.full or known != set(project.slack_channels):
            rows, readable = channel_rows(client, project, ctx)
            yield Batch({"slack_channels": rows})
        for channel_id in readable:
            run = ChannelRun(project.id, channel_id, ctx, pseudonym)
            yield from channel_batches(client, run)
    finally:
        client.close()
