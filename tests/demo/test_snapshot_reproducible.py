"""The committed demo snapshot is exactly what `make snapshot` builds from ../shared/data/real:
real rows untouched, sample rows deterministic, every row flagged with its provenance."""

import pyarrow.parquet as pq
import pytest
from dashkit import ROOT

from core.registry import load_registry
from onramp.demo.snapshot import SNAPSHOT_DIR, build_snapshot, read_manifest

REAL = ROOT.parent / "shared" / "data" / "real"


@pytest.mark.skipif(not REAL.exists(), reason="../shared/data/real is not beside the repository")
def test_rebuilding_gives_the_committed_snapshot(tmp_path):
    counts = build_snapshot(REAL, load_registry(ROOT / "projects.toml"), out_dir=tmp_path)
    assert counts == read_manifest()["rows"]
    for path in sorted(SNAPSHOT_DIR.glob("*.parquet")):
        assert pq.read_table(tmp_path / path.name).equals(pq.read_table(path)), path.name


def test_every_row_says_where_it_came_from():
    allowed = {"git-history", "hub-snapshot", "sample"}
    for path in sorted(SNAPSHOT_DIR.glob("*.parquet")):
        provenance = set(pq.read_table(path, columns=["provenance"]).column(0).to_pylist())
        assert provenance and provenance <= allowed, path.name


def test_generated_tables_are_all_sample_and_real_ones_never_are():
    def provenance(table):
        return set(
            pq.read_table(SNAPSHOT_DIR / f"{table}.parquet", columns=["provenance"])
            .column(0)
            .to_pylist()
        )

    for table in ("github_issues", "github_comments", "hub_discussions", "discord_messages"):
        assert provenance(table) == {"sample"}, table
    assert provenance("github_commits") == {"git-history"}
    assert provenance("hub_derivatives") == {"hub-snapshot"}


def test_commits_keep_email_domains_only():
    commits = pq.read_table(SNAPSHOT_DIR / "github_commits.parquet")
    assert commits.num_rows == 37921
    assert not any("@" in (d or "") for d in commits.column("author_email_domain").to_pylist())
