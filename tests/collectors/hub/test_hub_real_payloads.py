"""Real recorded Hub payloads (tests/fixtures/real, PROVENANCE.md there) through the row builders
and the models: the launch-migration createdAt is unknown, never a date; model-index datasets
without an owner (`squad_v2`) are benchmark results; people fields are names, never objects."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from collectors.hub import records
from core.registry import load_registry

REAL = Path(__file__).resolve().parents[2] / "fixtures" / "real"
NOW = datetime(2025, 1, 22, tzinfo=UTC)


def info(name: str) -> dict:
    return json.loads((REAL / name).read_text(encoding="utf-8"))


ROBERTA = info("hf_model_info_roberta_base_squad2.json")  # createdAt 2022-03-02T23:29:05.000Z
BERT = info("hf_model_info_bert_base_uncased.json")  # ...T23:29:04.000Z
ALBERT = info("hf_model_info_paraphrase_albert_small_v2.json")  # ...T23:29:05.000Z


def test_the_placeholder_creation_time_is_unknown_whatever_its_second():
    for payload in (ROBERTA, BERT, ALBERT):
        assert payload["createdAt"].startswith("2022-03-02T23:29:0")
        row = records.repo_row("model", payload, NOW)
        assert row["created_at"] is None
        assert row["last_modified"].tzinfo is not None
    assert records.repo_row("model", ROBERTA, NOW)["author"] == "deepset"
    assert records.created("2022-03-02T23:30:00.000Z") == datetime(2022, 3, 2, 23, 30, tzinfo=UTC)


def test_timestamps_with_an_offset_are_stored_in_utc():
    assert records.when("2024-01-02T03:04:05+02:00") == datetime(2024, 1, 2, 1, 4, 5, tzinfo=UTC)
    assert records.when("2024-01-02T03:04:05") == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert records.when("not a time") is None


def test_model_index_datasets_without_an_owner_are_results():
    rows = records.model_index_rows(ROBERTA["id"], ROBERTA["author"], ROBERTA["model-index"])
    assert {r["dataset_id"] for r in rows} == {
        "squad_v2", "squad", "adversarial_qa", "squad_adversarial", "squadshifts",
    }  # fmt: skip
    assert {r["model_author"] for r in rows} == {"deepset"}


def test_a_canonical_benchmark_id_is_a_valid_registry_entry(tmp_path):
    config = tmp_path / "projects.toml"
    config.write_text(
        '[[project]]\nid = "p"\nname = "P"\norganizational_model = "company"\n'
        'hub_benchmark_datasets = ["squad_v2", "rajpurkar/SQuAD"]\n',
        encoding="utf-8",
    )
    assert load_registry(config).get("p").hub_benchmark_datasets == ("squad_v2", "rajpurkar/SQuAD")


def test_discussion_and_event_authors_are_names_never_objects():
    # the shape huggingface_hub reads (SOURCE_NOTES.md §2): author is an object, absent if deleted
    item = {
        "num": 3,
        "title": "t",
        "status": "open",
        "isPullRequest": False,
        "createdAt": "2024-05-01T10:00:00.000Z",
        "numComments": 1,
        "author": {"_id": "67c8", "name": "sarthak-saxena", "type": "user", "isPro": False},
    }
    assert records.discussion_row("model", "o/m", item)["author"] == "sarthak-saxena"
    assert records.discussion_row("model", "o/m", {**item, "author": None})["author"] is None
    assert records.discussion_row("model", "o/m", {**item, "author": "plain"})["author"] == "plain"
    details = {
        "events": [
            {
                "id": "e1",
                "type": "comment",
                "createdAt": "2024-05-01T11:00:00Z",
                "author": {"name": "bob", "isOrgMember": True},
            },
            {"id": "e2", "type": "comment", "createdAt": "2024-05-01T12:00:00Z"},
        ]
    }
    events = records.event_rows("model", "o/m", 3, details)
    assert [(e["event_id"], e["author"]) for e in events] == [("e1", "bob"), ("e2", None)]
    listing = {**ROBERTA, "author": {"name": "deepset", "type": "org"}}
    assert records.repo_row("model", listing, NOW)["author"] == "deepset"
