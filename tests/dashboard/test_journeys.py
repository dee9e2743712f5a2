"""The Project page's Journeys section on the demo: where newcomers first show up and how many go
on to contribute, from the marts (sums of fct_journey_flow), labelled sample data, naming nobody."""

from dashkit import PAGES, published

PERIOD = {"from_": "2024-09", "to": "2026-08"}


def _section(at):
    """The elements after the Journeys header: its cards' titles and tables."""
    return [m.value for m in at.markdown]


def test_journeys_answer_where_and_how_many(make_app, demo_db):
    at = make_app(project="eleutherai", **PERIOD).run()
    at.switch_page(PAGES["project"]).run()
    assert not at.exception, at.exception
    assert any(e.label.startswith("**Journeys**") for e in at.expander)
    at.session_state["section-journeys"] = True  # the section opens like the others
    at.run()
    with published(demo_db) as con:
        total, asked, contributed, settled, settled_contributed, arrived = con.execute(
            """
            with flow as (
                select * from fct_journey_flow
                where project = 'eleutherai' and cohort between '2024-09' and '2026-08'
            ), came as (select * from flow where not arrived_contributing)
            select (select sum(people) from flow), sum(people),
                coalesce(sum(people) filter (
                    where outcome not in ('none_within_180d', 'not_yet')), 0),
                coalesce(sum(people) filter (where outcome <> 'not_yet'), 0),
                coalesce(sum(people) filter (
                    where outcome not in ('none_within_180d', 'not_yet')), 0),
                (select sum(people) from flow where arrived_contributing)
            from came
            """
        ).fetchone()
        linked = con.execute(
            "select count(*) from fct_journeys where project = 'eleutherai' and platforms > 1"
        ).fetchone()[0]
    assert total > 0 and asked > 0 and linked > 0  # the sample links people across platforms
    assert asked + arrived == total
    headline = f"**Of {asked:,} newcomers who came in without contributing (most via "
    titles = [t for t in _section(at) if t.startswith(headline)]
    assert len(titles) == 1, _section(at)
    assert f"{contributed:,} went on to contribute within 180 days" in titles[0]
    if settled:
        share = f"{settled_contributed / settled:.0%} of the {settled:,} past 180 days"
        assert share in titles[0]
    assert f"{arrived:,} more arrived with a commit or pull request" in titles[0]
    # the next-step table counts people and names none of them
    tables = [d.value for d in at.dataframe if "next step elsewhere" in d.value.columns]
    assert len(tables) == 1 and list(tables[0].columns) == [
        "first seen on", "next step elsewhere", "people"
    ]  # fmt: skip
    assert int(tables[0]["people"].sum()) == total


def test_journeys_never_name_pseudonymous_members(make_app, demo_db):
    at = make_app(project="eleutherai", **PERIOD).run()
    at.switch_page(PAGES["project"]).run()
    at.session_state["section-journeys"] = True
    at.run()
    text = " ".join(_section(at)) + " ".join(str(d.value.to_dict()) for d in at.dataframe)
    with published(demo_db) as con:
        pseudonyms = [r[0] for r in con.execute(
            "select person from fct_people where project = 'eleutherai' and is_pseudonymous "
            "limit 200").fetchall()]  # fmt: skip
    assert pseudonyms and not any(p in text for p in pseudonyms)
    assert "Sample person" not in text


def _empty_period():
    from dashboard.components import journeys
    from dashboard.controls import Selection
    from dashboard.months import months

    journeys.render(Selection("eleutherai", "EleutherAI", "2010-01", "2010-02"), months())


def test_journeys_empty_state_says_how_to_fill(demo_db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ONRAMP_DB", str(demo_db))
    at = AppTest.from_function(_empty_period).run()
    assert not at.exception
    assert any("No newcomers in this period" in i.value for i in at.info)
    assert any("identities.toml" in i.value for i in at.info)
