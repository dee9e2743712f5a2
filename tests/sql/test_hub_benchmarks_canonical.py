"""bench_external_results over a real model card (deepset/roberta-base-squad2, recorded 2025;
tests/fixtures/real): model-index `dataset.type` names canonical datasets without an owner."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from hubrows import merged, spine_opener

from collectors.hub import records

from sqlkit import build_over, project, series

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
ROBERTA = json.loads((REAL / "hf_model_info_roberta_base_squad2.json").read_text(encoding="utf-8"))
NOW = datetime(2025, 1, 22, tzinfo=UTC)


def test_benchmark_results_match_canonical_ids_case_insensitively(tmp_path):
    """deepset/roberta-base-squad2 reports on squad_v2 and squad (model-index `dataset.type`):
    both match, the second as the canonical name of rajpurkar/SQuAD; adversarial_qa is not a
    benchmark of the project. Its createdAt is the placeholder and no report is dated: the results
    count from when they were seen (no Hub snapshot here, so the cut-off's month, February), and
    January's count is unknown. Hand count: 2 (model, dataset) pairs in February."""
    rows = records.model_index_rows(ROBERTA["id"], ROBERTA["author"], ROBERTA["model-index"])
    repo = records.repo_row("model", ROBERTA, NOW)
    proj = project(
        "p", hub_authors=["rajpurkar"], hub_benchmark_datasets=["squad_v2", "rajpurkar/SQuAD"]
    )
    base = merged(
        spine_opener("rajpurkar/m", "2024-01-10"),
        spine_opener("rajpurkar/m", "2024-02-10", num=998),
    )
    con = build_over(
        tmp_path, merged(base, {"hub_eval_results": rows, "hub_repos": [repo]}), [proj]
    )
    assert series(con, "p", "bench_external_results") == {"2024-01": None, "2024-02": 2}
