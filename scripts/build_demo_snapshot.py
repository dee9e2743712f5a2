"""Rebuild the demo snapshot, `onramp/demo/data/`, from the real data in ../shared/data/real
(run by `make snapshot`)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from core.registry import load_registry
from onramp.demo.snapshot import SNAPSHOT_DIR, build_snapshot

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "data" / "real"


def main() -> int:
    real_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else REAL
    if not real_dir.exists():
        print(f"{real_dir}: real data not found (pass its path)", file=sys.stderr)
        return 1
    started = time.perf_counter()
    counts = build_snapshot(real_dir, load_registry(ROOT / "projects.toml"))
    size = sum(p.stat().st_size for p in SNAPSHOT_DIR.glob("*.parquet"))
    for table, n in counts.items():
        print(f"{table:28} {n:>8,} rows")
    print(f"{SNAPSHOT_DIR}: {size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
