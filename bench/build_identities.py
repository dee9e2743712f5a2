"""Benchmark: `onramp build` on the synthetic 20x warehouse with and without an identities.toml of
1,000 people (issue 12: within 1.3x). Builds alternate (without, with, without, with, ...) so the
shared machine's load falls on both alike; the ratio of medians is the figure to read.
The file is synthetic: 1,000 invented people linking logins, Hub users and sample Discord
speakers found in the scaled warehouse, each with a dated affiliation.
Usage: python bench/build_identities.py [--repeat 3] [--scale 20] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.dashboard_render import ROOT, make_demo, make_scaled
from core.identities import load_identities
from core.settings import Paths
from onramp.demo.identities import sample_pseudonym
from onramp.demo.run import build_registry
from warehouse.build import build

PEOPLE = 1000


def identities_file(raw: Path, path: Path) -> Path:
    with duckdb.connect(str(raw), read_only=True) as con:
        logins = [r[0] for r in con.execute(
            "select distinct author_login from github_issues "
            "where author_login similar to 'sample-user-[0-9]{4}' "
            "order by 1 limit ?", [PEOPLE]).fetchall()]  # fmt: skip
        hub = [r[0] for r in con.execute(
            "select distinct author from hub_discussion_events "
            "where author similar to 'sample-hf-user-[0-9]{4}' "
            "order by 1 limit ?", [PEOPLE]).fetchall()]  # fmt: skip
        speakers = [r[0] for r in con.execute(
            "select distinct author_pseudonym from discord_messages "
            "where author_pseudonym similar to 'sample-[0-9a-f]{16}' order by 1 limit ?",
            [PEOPLE * 2]).fetchall()]  # fmt: skip
    raws = [str(int(s[7:], 16)) for s in speakers]
    raws = [r for r in raws if 15 <= len(r) <= 21]
    blocks = []
    for i in range(PEOPLE):
        lines = ["[[person]]", f'name = "Bench person {i:04d}"']
        if i < len(logins):
            lines.append(f'github = ["{logins[i]}"]')
        if i < len(hub):
            lines.append(f'hub = ["{hub[i]}"]')
        if i < len(raws):
            lines.append(f'discord = ["{raws[i]}"]')
        lines += ["  [[person.affiliation]]", f'  org = "Org {i % 37}"', '  from = "2023-01-01"']
        blocks.append("\n".join(lines))
    path.write_text("# synthetic benchmark people\n" + "\n\n".join(blocks) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    directory = args.keep or Path(tempfile.mkdtemp(prefix="onramp-bench-ids-"))
    try:
        raw = make_scaled(make_demo(directory), directory, args.scale)
        paths = Paths(config=ROOT / "projects.toml", raw_db=raw)
        registry = build_registry(paths)
        listed = load_identities(identities_file(raw, directory / "ids.toml"), sample_pseudonym)
        published = directory / "bench.published.duckdb"
        times: dict[str, list[float]] = {"without": [], "with": []}
        for _ in range(args.repeat):
            for label in ("without", "with"):
                started = time.perf_counter()
                if label == "with":
                    build(raw, published, registry, identities=listed)
                else:
                    build(raw, published, registry)
                times[label].append(time.perf_counter() - started)
        with duckdb.connect(str(published), read_only=True) as con:
            linked = con.execute(
                "select count(distinct person_key) from fct_journeys where is_listed"
            ).fetchone()[0]
        without, with_ = statistics.median(times["without"]), statistics.median(times["with"])
        print(f"{args.scale}x warehouse, {len(listed.people):,} listed people "
              f"({linked:,} of them seen in journeys)")  # fmt: skip
        print(f"build without identities: {', '.join(f'{t:.1f}' for t in times['without'])} s")
        print(f"build with identities:    {', '.join(f'{t:.1f}' for t in times['with'])} s")
        print(f"ratio of medians: {with_ / without:.3f} (target <= 1.3)")
    finally:
        if args.keep is None:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
