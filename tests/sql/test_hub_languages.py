"""hub_derivative_languages, hub_language_derivatives, hub_spaces_using and the Languages card's
mart (fct_derivative_languages), on a hand-built warehouse with hand-computed answers (issue 26).

The project `p` (Hub author `org`, member `alice`) has two models: org/base declares en and fr
(tags only: its listing carried no card) and org/chat declares en (card). Its direct derivatives:

| derivative | parents | created | declares | new to project | new to parents |
|---|---|---|---|---|---|
| v/old-jv | base | unknown (from the first month) | card `jav` -> jv | jv | yes |
| alice/base-ha | base | 2024-02-01 | card `ha` (alice is inside) | ha, not counted | yes |
| x/base-sw | base | 2024-02-10 | card `sw` | sw | yes |
| z/base-quant | base | 2024-02-15 | tags en, fr (its parent's only) | none | no |
| y/base-swa | base | 2024-02-20 | tags `swa` (= sw), trl, asr | sw (once with x) | yes |
| t/lora | base | 2024-03-01 | tags lora: no language | none | no |
| w/chat-fr | chat | 2024-03-05 | card fr, yo | yo (fr is org/base's) | yes (fr) |
| u/merge | base + chat | 2024-03-20 | tags en, fr (its parents' union) | none | no |

hub_derivative_languages (outside, new to project, cumulative): 2024-01 {jv} 1, 2024-02 {jv, sw}
2, 2024-03 {jv, sw, yo} 3. hub_language_derivatives (new to parents, cumulative): 2024-01 v = 1,
2024-02 + alice, x, y = 4, 2024-03 + w = 5. hub_spaces_using: someone/demo (using both models:
once) and other/app2; org/own-space is the project's, alice/app a member's, else/app3 uses no
project model: 2, in the snapshot month (2024-03), null before. The rows: tests/languagerows.py.
"""

from languagerows import MODELS, at, rows

from sqlkit import build_over, project, series

PROJECT = project("p", hub_authors=["org"])


def build(tmp_path, models=MODELS, spaces=None):
    found = rows(models) if spaces is None else rows(models, spaces)
    return build_over(tmp_path, found, [PROJECT])


def months(found: dict, upto: str = "2024-03") -> dict:
    return {m: v for m, v in found.items() if m <= upto}


def test_languages_added_by_outside_derivatives_sw_and_swa_once(tmp_path):
    con = build(tmp_path)
    assert months(series(con, "p", "hub_derivative_languages")) == {
        "2024-01": 1,
        "2024-02": 2,
        "2024-03": 3,
    }


def test_derivatives_adding_a_language_to_their_parents(tmp_path):
    con = build(tmp_path)
    assert months(series(con, "p", "hub_language_derivatives")) == {
        "2024-01": 1,
        "2024-02": 4,
        "2024-03": 5,
    }


def test_model_languages_normalised_from_card_else_tags(tmp_path):
    con = build(tmp_path)
    found = con.execute(
        "select model_id, list(language order by language) from int_hub_model_languages "
        "group by model_id order by model_id"
    ).fetchall()
    assert dict(found) == {
        "alice/base-ha": ["ha"],
        "org/base": ["en", "fr"],
        "org/chat": ["en"],  # the card, not its tags (trl is no language)
        "u/merge": ["en", "fr"],
        "v/old-jv": ["jv"],  # jav -> jv
        "w/chat-fr": ["fr", "yo"],
        "x/base-sw": ["sw"],
        "y/base-swa": ["sw"],  # swa -> sw; trl, asr, region:us are no languages
        "z/base-quant": ["en", "fr"],
    }


def test_languages_card_newest_first_with_first_month(tmp_path):
    con = build(tmp_path)
    found = con.execute(
        "select language, first_month, derivatives, models from fct_derivative_languages "
        "where project = 'p' order by first_month desc nulls last, language"
    ).fetchall()
    assert found == [
        ("yo", "2024-03", 1, ["w/chat-fr"]),
        ("sw", "2024-02", 2, ["y/base-swa", "x/base-sw"]),
        ("jv", None, 1, ["v/old-jv"]),
    ]


def test_spaces_outside_the_project_in_the_snapshot_month(tmp_path):
    con = build(tmp_path)
    found = series(con, "p", "hub_spaces_using")
    assert found["2024-03"] == 2  # someone/demo (once), other/app2
    assert all(v is None for m, v in found.items() if m != "2024-03")


def test_not_collected_gives_no_rows_never_zero(tmp_path):
    """The demo's snapshot: listings without tags or cards, no model info, no Spaces."""
    bare = [{**m, "tags": None, "languages": None} for m in MODELS]
    con = build(tmp_path, models=bare, spaces=[])
    for indicator in ("hub_derivative_languages", "hub_language_derivatives", "hub_spaces_using"):
        assert series(con, "p", indicator) == {}, indicator
    assert con.execute("select count(*) from fct_derivative_languages").fetchone() == (0,)


def test_collected_with_no_language_is_zero(tmp_path):
    """Tags read, none a language: collected, and 0."""
    plain = [{**m, "tags": ["transformers"], "languages": None} for m in MODELS]
    con = build(tmp_path, models=plain)
    assert months(series(con, "p", "hub_derivative_languages")) == {
        "2024-01": 0,
        "2024-02": 0,
        "2024-03": 0,
    }


def test_model_info_collected_without_spaces_is_zero(tmp_path):
    """The Hub cursor records model info for org's models: no Space uses them, a 0 (collected);
    without that record and without Spaces, no row (test_not_collected_gives_no_rows_never_zero)."""
    cursor = '{"info": {"org/base": {"at": "2024-03-31T00:00:00+00:00", "children": 8}}}'
    found = rows(MODELS, [])
    found["sync_state"] = [
        {"source": "hub", "scope": "state:org", "cursor": cursor, "updated_at": at("2024-03-31")}
    ]
    con = build_over(tmp_path, found, [PROJECT])
    assert series(con, "p", "hub_spaces_using")["2024-03"] == 0


def test_each_derivative_keeps_its_languages(tmp_path):
    """The tree keeps the languages per model (fct_derivatives.languages): normalised and sorted;
    [] where the listing was read and declares none; null where nothing was collected."""
    con = build(tmp_path)
    found = dict(
        con.execute(
            "select distinct model_id, languages from fct_derivatives where project = 'p'"
        ).fetchall()
    )
    assert found["y/base-swa"] == ["sw"]  # swa -> sw
    assert found["w/chat-fr"] == ["fr", "yo"]
    assert found["u/merge"] == ["en", "fr"]  # one row per parent, the same languages
    plain = [{**m, "tags": ["transformers"], "languages": None} for m in MODELS]
    con = build(tmp_path / "plain", models=plain)
    assert {
        tuple(r[0]) for r in con.execute("select languages from fct_derivatives").fetchall()
    } == {()}
    bare = [{**m, "tags": None, "languages": None} for m in MODELS]
    con = build(tmp_path / "bare", models=bare, spaces=[])
    assert con.execute(
        "select count(*) from fct_derivatives where languages is not null"
    ).fetchone() == (0,)
