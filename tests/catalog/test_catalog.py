"""Every pinned indicator is declared once, described fully and documented."""

from pathlib import Path

import pytest

from core.catalog import COLLABORATION_TYPES, DIRECTIONS, LIFECYCLE_STAGES, load_catalog

# DESIGN.md §4: these ids are part of the interface that users' scripts rely on.
PINNED = [
    "gh_prs_opened",
    "gh_external_prs_opened",
    "gh_external_prs_merged",
    "gh_pr_acceptance_ratio",
    "gh_pr_closure_ratio",
    "gh_issue_closure_ratio",
    "gh_ttfr_median_hours",
    "gh_unanswered_share",
    "gh_active_contributors",
    "gh_new_contributors",
    "contributor_retention",
    "contributor_absence_factor",
    "elephant_factor",
    "gh_inactive_contributors",
    "hub_derivatives_total",
    "hub_finetunes_total",
    "hub_adapters_total",
    "hub_quantized_total",
    "hub_merges_total",
    "hub_new_derivatives",
    "hub_derivative_authors",
    "hub_downloads_30d",
    "hub_discussions_opened",
    "hub_community_prs_opened",
    "hub_discussion_ttfr_median_hours",
    "hub_dataset_reuse_models",
    "bench_external_results",
    "dc_messages",
    "dc_active_members",
    "dc_new_speakers",
    "dc_new_speaker_return_rate",
    "dc_help_ttfr_median_minutes",
    "sl_messages",
    "sl_active_members",
    "sl_new_speakers",
    "sl_new_speaker_return_rate",
    "sl_thread_ttfr_median_minutes",
]
README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_pinned_id_is_declared():
    assert set(PINNED) <= set(load_catalog())


@pytest.mark.parametrize("indicator", list(load_catalog().values()), ids=lambda i: i.id)
def test_entry_is_complete(indicator):
    assert indicator.collaboration_type in COLLABORATION_TYPES
    assert indicator.lifecycle_stage in LIFECYCLE_STAGES
    assert indicator.good in DIRECTIONS
    assert len(indicator.definition.split()) >= 6 and indicator.name and indicator.unit
    assert indicator.id in indicator.about() and indicator.definition in indicator.about()


@pytest.mark.parametrize("indicator_id", list(load_catalog()))
def test_readme_lists_the_indicator(indicator_id):
    assert f"`{indicator_id}`" in README.read_text()


def test_every_collaboration_type_has_a_key_indicator():
    keyed = {i.collaboration_type for i in load_catalog().values() if i.key}
    assert keyed == set(COLLABORATION_TYPES)


def test_every_entry_says_when_it_settles():
    """DESIGN.md §4: an inactivity needs 180 days, a new speaker's return 30; flows at once."""
    catalog = load_catalog()
    assert all(isinstance(i.settles_after_days, int) for i in catalog.values())
    assert catalog["gh_inactive_contributors"].settles_after_days == 180
    assert catalog["dc_new_speaker_return_rate"].settles_after_days >= 30
    assert catalog["gh_prs_opened"].settles_after_days == 0


def test_settles_after_days_is_required():
    from core.catalog import Indicator

    entry = dict(
        id="x", name="X", source="github", collaboration_type="upstream-code",
        lifecycle_stage="pre-training", unit="people", good="up", key=False,
        definition="People doing something in the month, as an example entry.",
    )  # fmt: skip
    with pytest.raises(TypeError):
        Indicator(**entry)
    with pytest.raises(ValueError):
        Indicator(**entry, settles_after_days=-1)
