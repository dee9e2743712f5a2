"""Indicators land in the Project page's on-ramp sections by catalog type and source, so the
indicators other sources add appear with no page change."""

from dataclasses import replace

from core.catalog import indicator, load_catalog
from dashboard.sections import OTHER, SECTIONS, indicators_by_section, section_of


def test_every_catalog_indicator_has_a_section():
    grouped = indicators_by_section()
    assert grouped["other"] == []
    assert sum(len(v) for v in grouped.values()) == len(load_catalog())


def test_sections_by_type_and_source():
    assert section_of(indicator("gh_prs_opened")).key == "upstream"
    assert section_of(indicator("gh_ttfr_median_hours")).key == "upstream"
    assert section_of(indicator("hub_dataset_reuse_models")).key == "derivatives"
    assert section_of(indicator("bench_external_results")).key == "benchmarks"
    assert section_of(indicator("hub_discussions_opened")).key == "hub-discussions"
    assert section_of(indicator("dc_messages")).key == "discord"
    assert section_of(indicator("sl_thread_ttfr_median_minutes")).key == "slack"


def test_a_new_indicator_finds_its_section():
    new = replace(indicator("dc_messages"), id="dc_reactions")
    assert section_of(new).key == "discord"
    assert section_of(replace(new, collaboration_type="something-new")) is OTHER


def test_empty_states_name_the_setting():
    fill = {s.key: s.how_to_fill for s in SECTIONS}
    assert (
        "`discord_guilds` in projects.toml" in fill["discord"]
        and "DISCORD_BOT_TOKEN" in fill["discord"]
    )
    assert "`slack_channels` in projects.toml" in fill["slack"] and "import-slack" in fill["slack"]
    assert "`hub_benchmark_datasets`" in fill["benchmarks"]
    assert "`github_repos`" in fill["upstream"]
