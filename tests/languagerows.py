"""The hand-built warehouse of the language and Spaces tests (issue 26), shared by the SQL tests
(tests/sql/test_hub_languages.py, where its table and hand-computed answers are) and the Languages
card's page test (tests/dashboard/test_languages_card.py)."""

from datetime import UTC, datetime


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def repo(repo_id, created, *, tags=None, card=None):
    """A model as a Hub listing gave it: its tags and its card's `language` (None: not given)."""
    return {
        "repo_type": "model",
        "repo_id": repo_id,
        "author": repo_id.split("/")[0],
        "created_at": at(created) if created else None,
        "downloads_30d": 0,
        "likes": 0,
        "collected_at": at("2024-03-31"),
        "tags": tags,
        "languages": card,
        "provenance": "api",
    }


def edge(child: str, relation: str, base: str) -> dict:
    return {"child_id": child, "base_id": base, "relation": relation, "provenance": "api"}


def space(space_id, model_id):
    return {"space_id": space_id, "model_id": model_id, "provenance": "api"}


MODELS = [
    repo("org/base", "2024-01-05", tags=["transformers", "text-generation", "en", "fr"]),
    repo("org/chat", "2024-01-05", tags=["en", "trl"], card=["en"]),
    repo("v/old-jv", None, tags=["jv"], card=["jav"]),
    repo("alice/base-ha", "2024-02-01", tags=["ha"], card=["ha"]),
    repo("x/base-sw", "2024-02-10", tags=["sw"], card=["sw"]),
    repo("z/base-quant", "2024-02-15", tags=["gguf", "en", "fr"]),
    repo("y/base-swa", "2024-02-20", tags=["swa", "trl", "asr", "region:us"]),
    repo("t/lora", "2024-03-01", tags=["lora", "peft"]),
    repo("w/chat-fr", "2024-03-05", tags=["fr", "yo"], card=["fr", "yo"]),
    repo("u/merge", "2024-03-20", tags=["en", "fr", "mergekit"]),
]
EDGES = [
    edge("v/old-jv", "finetune", "org/base"),
    edge("alice/base-ha", "finetune", "org/base"),
    edge("x/base-sw", "finetune", "org/base"),
    edge("z/base-quant", "quantized", "org/base"),
    edge("y/base-swa", "finetune", "org/base"),
    edge("t/lora", "adapter", "org/base"),
    edge("w/chat-fr", "finetune", "org/chat"),
    edge("u/merge", "merge", "org/base"),
    edge("u/merge", "merge", "org/chat"),
]
SPACES = [
    space("someone/demo", "org/base"),
    space("someone/demo", "org/chat"),  # one Space using two models: once
    space("org/own-space", "org/base"),  # the project's own
    space("alice/app", "org/chat"),  # a member's: inside
    space("other/app2", "org/chat"),
    space("else/app3", "stranger/model"),  # not a project model
]


def rows(models=MODELS, spaces=SPACES) -> dict[str, list[dict]]:
    """The raw tables: project `p` is Hub author `org` with member alice; a discussion the org
    opens on 2024-03-10 extends the month spine to March."""
    opener = {
        "repo_type": "model", "repo_id": "org/base", "num": 999, "is_pull_request": False,
        "author": "org", "created_at": at("2024-03-10"), "status": "open", "provenance": "api",
    }  # fmt: skip
    event = {
        "repo_type": "model", "repo_id": "org/base", "num": 999, "event_id": "spine999",
        "event_type": "comment", "author": "org", "created_at": at("2024-03-10"),
        "provenance": "api",
    }  # fmt: skip
    return {
        "hub_repos": list(models),
        "hub_derivatives": EDGES,
        "hub_org_members": [{"org": "org", "username": "alice", "provenance": "api"}],
        "hub_space_models": list(spaces),
        "hub_discussions": [opener],
        "hub_discussion_events": [event],
    }
