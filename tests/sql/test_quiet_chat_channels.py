"""fct_quiet_people gives each quiet Slack member a home channel (where they wrote most; a tie
goes to the channel written in last), so pages count them per channel, never list them."""

from datetime import UTC, datetime, timedelta

from sqlkit import build_over, project

T = datetime(2025, 1, 1, tzinfo=UTC)
HELP, GENERAL = "C0HELP0001", "C0GENERAL1"


def _msg(channel, author, day):
    when = T + timedelta(days=day)
    ts = f"{int(when.timestamp())}.{hash((channel, author, day)) % 10**6:06d}"
    return {"channel_id": channel, "ts": ts, "created_at": when, "author_pseudonym": author,
            "provenance": "export"}  # fmt: skip


def test_quiet_slack_members_are_counted_per_home_channel(tmp_path):
    messages = [
        # a: 3 in #help, 1 in #general -> #help
        *(_msg(HELP, "a", d) for d in (0, 1, 2)), _msg(GENERAL, "a", 3),
        # b: 2 and 2, #general last -> #general
        _msg(HELP, "b", 0), _msg(HELP, "b", 1), _msg(GENERAL, "b", 2), _msg(GENERAL, "b", 4),
        # c: 3 in #help -> #help
        *(_msg(HELP, "c", d) for d in (5, 6, 7)),
        # d: still active at the cut-off (day 200): not quiet
        *(_msg(GENERAL, "d", d) for d in (0, 100, 200)),
    ]  # fmt: skip
    con = build_over(
        tmp_path,
        {
            "slack_channels": [
                {"channel_id": HELP, "name": "help", "provenance": "export"},
                {"channel_id": GENERAL, "name": "general", "provenance": "export"},
            ],
            "slack_channel_projects": [
                {"project": "p", "channel_id": c, "provenance": "export"} for c in (HELP, GENERAL)
            ],
            "slack_messages": messages,
        },
        projects=[project("p")],
    )
    rows = con.execute(
        "select home_channel, count(*) from fct_quiet_people where platform = 'slack' "
        "group by all order by 1"
    ).fetchall()
    assert rows == [("#general", 1), ("#help", 2)]
