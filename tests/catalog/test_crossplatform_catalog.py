"""The cross-platform (xp_*) indicators of DESIGN.md §4 (People) are declared once, in their own
catalog file, with the days until each month's value settles."""

from core.catalog import load_catalog

XP = {
    "xp_newcomers": 0,
    "xp_newcomer_contributor_rate": 180,
    "xp_median_days_to_contribution": 180,
    "xp_newcomer_conversion_rate": 180,
    "xp_first_platform_share_github": 0,
    "xp_first_platform_share_hub": 0,
    "xp_first_platform_share_discord": 0,
    "xp_first_platform_share_slack": 0,
}


def test_xp_indicators_declared_with_settling_days():
    catalog = load_catalog()
    declared = {i.id: i.settles_after_days for i in catalog.values() if i.source == "crossplatform"}
    assert declared == XP


def test_shares_are_fractions_and_rates_say_they_are_pending():
    catalog = load_catalog()
    assert catalog["xp_newcomer_contributor_rate"].is_fraction
    for rate in ("xp_newcomer_contributor_rate", "xp_newcomer_conversion_rate"):
        assert catalog[rate].is_fraction
        assert "pending until 180 days" in catalog[rate].definition
    assert all(catalog[i].unit == "share" for i in XP if "share" in i)
