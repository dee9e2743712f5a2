"""The demo snapshot carries the registry it was built from, so an installed `onramp demo` (no
checkout, no projects.toml) shows the study's projects; it is the repository's own registry."""

from dashkit import ROOT

from core.registry import load_registry
from core.settings import Paths
from onramp.demo.run import BUNDLED_REGISTRY, with_bundled_registry
from onramp.demo.snapshot import SNAPSHOT_DIR


def test_the_bundled_registry_is_the_one_the_snapshot_was_built_from():
    assert BUNDLED_REGISTRY == SNAPSHOT_DIR / "projects.toml"
    assert BUNDLED_REGISTRY.read_bytes() == (ROOT / "projects.toml").read_bytes()
    assert len(load_registry(BUNDLED_REGISTRY).projects) == 14


def test_without_a_registry_of_its_own_the_demo_uses_the_bundled_one(tmp_path):
    paths = Paths(config=tmp_path / "projects.toml", raw_db=tmp_path / "w.duckdb")
    assert with_bundled_registry(paths, explicit=False).config == BUNDLED_REGISTRY
    assert with_bundled_registry(paths, explicit=True).config == paths.config
