"""The languages a model declares (issue 26): the card's `language` (cardData) and the tags, taken
from the listings already made (the author's models, each derivative listing), never a call per
model; kept per model in hub_repos (`languages`, `tags`).

Real payloads: tests/fixtures/real (PROVENANCE.md there): huggingface_hub's own vcrpy cassettes of
GET /api/models/<id> (snapshot ee0a4510f4bc15e26cb722be2efc2bdb01383ca0), whose `cardData` and
`tags` have the shapes a listing with `expand=cardData`/`expand=tags` gives each item.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from hubkit import rows, run

from collectors.hub import records

from fakes.hub_server import FakeHub, serve
from sqlkit import build_over, project

REAL = Path(__file__).resolve().parents[2] / "fixtures" / "real"
NOW = datetime(2025, 1, 22, tzinfo=UTC)


def real(name: str) -> dict:
    return json.loads((REAL / name).read_text(encoding="utf-8"))


ROBERTA = real("hf_model_info_roberta_base_squad2.json")  # cardData.language "en" (a string)
BERT = real("hf_model_info_bert_base_uncased.json")  # cardData.language "en"
ALBERT = real("hf_model_info_paraphrase_albert_small_v2.json")  # a card without `language`


def test_real_cards_give_their_languages_as_written():
    assert ROBERTA["cardData"]["language"] == "en"  # a single string: a list of one
    assert records.repo_row("model", ROBERTA, NOW)["languages"] == ["en"]
    assert records.repo_row("model", ALBERT, NOW)["languages"] == []  # a card, no language
    no_card = {k: v for k, v in BERT.items() if k != "cardData"}
    assert records.repo_row("model", no_card, NOW)["languages"] is None  # no card: unknown


def test_real_tags_mix_languages_with_libraries(tmp_path):
    """roberta and bert declare en; albert's tags carry tf, jax, rust, onnx (jax is an ISO 639-3
    code, Jambi Malay, and a library): none of them a language, so albert declares none."""
    repos = [records.repo_row("model", p, NOW) for p in (ROBERTA, BERT, ALBERT)]
    repos[0] = {**repos[0], "languages": None}  # roberta by its tags alone: en too
    con = build_over(tmp_path, {"hub_repos": repos}, [project("p", hub_authors=["deepset"])])
    found = con.execute(
        "select model_id, language from int_hub_model_languages order by all"
    ).fetchall()
    assert found == [
        ("deepset/roberta-base-squad2", "en"),
        ("google-bert/bert-base-uncased", "en"),
    ]


def language_hub(with_languages: bool) -> FakeHub:
    hub = FakeHub()
    hub.members["org"] = ["alice"]

    def card(*codes):
        return {"language": list(codes), "license": "apache-2.0"} if with_languages else None

    def tags(*codes):
        return list(codes) if with_languages else []

    hub.add_model("org/base", created="2024-01-01", card=card("en"), tags=tags("en"))
    hub.add_model(
        "carol/base-sw",
        created="2024-03-01",
        parents=[("finetune", "org/base")],
        card=card("sw"),
        tags=tags("sw"),
    )
    hub.add_model(
        "dave/base-swa",
        created="2024-03-02",
        parents=[("finetune", "org/base")],
        tags=tags("swa"),  # no card: the tags speak
    )
    hub.add_model(
        "erin/q", created="2024-03-03", parents=[("quantized", "carol/base-sw")], card=card("sw")
    )
    return hub


def test_languages_come_with_the_listings_and_cost_no_call(tmp_path, monkeypatch):
    calls = {}
    for with_languages in (False, True):
        hub = language_hub(with_languages)
        db = tmp_path / f"{with_languages}.duckdb"
        with serve(hub) as url:
            outcome, _ = run(db, url, monkeypatch)
        assert outcome.status == "ok", outcome.message
        calls[with_languages] = hub.count()
    assert calls[True] == calls[False]  # languages ride on the listings already made
    # the fake sends a field only when `expand` asks for it: the cards came with the author's
    # listing (org/base) and with the derivative listings of two levels (carol, erin)
    found = dict(rows(db, "select repo_id, languages from hub_repos where repo_type = 'model'"))
    assert found == {
        "org/base": ["en"],
        "carol/base-sw": ["sw"],
        "dave/base-swa": None,  # no card
        "erin/q": ["sw"],
    }
    tags = dict(rows(db, "select repo_id, tags from hub_repos where repo_id = 'dave/base-swa'"))
    assert "swa" in tags["dave/base-swa"]
