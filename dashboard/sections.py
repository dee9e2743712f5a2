"""The on-ramp sections of the Project page, and the setting that fills each when it is empty.

Indicators land in a section by their catalog collaboration type (and source, where one type spans
two platforms), so a new indicator in the catalog and in fct_indicators shows up with no page
change.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.catalog import Indicator, load_catalog


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    question: str
    collaboration_types: tuple[str, ...]
    source: str | None  # None: any source
    registry_list: str  # the projects.toml list this section needs
    how_to_fill: str

    def holds(self, indicator: Indicator) -> bool:
        return indicator.collaboration_type in self.collaboration_types and (
            self.source is None or indicator.source == self.source
        )


SECTIONS = (
    Section(
        "upstream",
        "Upstream contributions",
        "Who sends code, and do they get an answer?",
        ("upstream-code",),
        None,
        "github_repos",
        "add the project's repositories to `github_repos` in projects.toml, then run `onramp "
        "collect --source github` and `onramp build` (a `GITHUB_TOKEN` raises the rate "
        "limit)",
    ),
    Section(
        "derivatives",
        "Derivative models and datasets",
        "Who builds on the project's models and data?",
        ("derivative-models", "datasets", "local-languages", "apps-demos"),
        None,
        "hub_authors",
        "add the project's Hub users or organisations to `hub_authors` in projects.toml, then run "
        "`onramp collect --source hub` and `onramp build`",
    ),
    Section(
        "benchmarks",
        "Community benchmarks",
        "Do outside models evaluate on the project's benchmarks?",
        ("community-benchmarks",),
        None,
        "hub_benchmark_datasets",
        "list the project's evaluation datasets in `hub_benchmark_datasets` in projects.toml, then "
        "run `onramp collect --source hub` and `onramp build`",
    ),
    Section(
        "hub-discussions",
        "Hub discussions",
        "Do questions on the Hub get an answer?",
        ("discussion-chat",),
        "hub",
        "hub_authors",
        "add the project's Hub users or organisations to `hub_authors` in projects.toml, then run "
        "`onramp collect --source hub` and `onramp build`",
    ),
    Section(
        "discord",
        "Discord",
        "Who speaks up in chat, and do they come back?",
        ("discussion-chat",),
        "discord",
        "discord_guilds",
        "add the guild ids to `discord_guilds` in projects.toml and set `DISCORD_BOT_TOKEN`, then "
        "run `onramp collect --source discord` (or `onramp import-discord --project ID FILE`) and "
        "`onramp build`",
    ),
    Section(
        "slack",
        "Slack",
        "Who speaks up in the Slack channels, does a thread get an answer, do newcomers return?",
        ("discussion-chat",),
        "slack",
        "slack_channels",
        "import a Slack export with `onramp import-slack --project ID FILE.zip`, or add the "
        "channel ids to `slack_channels` in projects.toml and set `SLACK_BOT_TOKEN`, then run "
        "`onramp collect --source slack`; then `onramp build`",
    ),
)

OTHER = Section("other", "Other indicators", "", (), None, "", "run `onramp build`")


def section_of(indicator: Indicator) -> Section:
    return next((s for s in SECTIONS if s.holds(indicator)), OTHER)


def indicators_by_section() -> dict[str, list[Indicator]]:
    """Catalog order within each section."""
    grouped: dict[str, list[Indicator]] = {s.key: [] for s in (*SECTIONS, OTHER)}
    for indicator in load_catalog().values():
        grouped[section_of(indicator).key].append(indicator)
    return grouped
