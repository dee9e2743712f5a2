"""Hub collection cost against a local fake Hub: an org with 700 models, 3,000 derivatives and
500 discussions; every model card declares languages (issue 26: they come with the listings).
Prints the first run's calls against the minimum, the second run's calls (nothing new) and of a
next-day run, wall time, the collecting thread's CPU time (time.thread_time: the fake Hub answers
from other threads) and peak memory.

    /work/main/.venv/bin/python bench/hub_collect.py

The minimum number of calls, for the real Hub's API (reference/hub.md), is the sum of:
- listings: ceil(n / 1000) per repository type of the author (at least 1 each), and the org's
  members, ceil(members / 1000);
- model_info: 1 per project model. Child counts, the Spaces using a model and its eval results
  are only served by model_info (listings reject childrenModelCount), so no run can skip it;
- derivative listings: ceil(children / 1000) for every project model whose count says it has
  children, plus max(1, ceil(children / 1000)) for every derivative above the deepest level (no
  count exists for them without one call each, so listing them is the cheapest way to learn it);
  each model once, however many parents reach it;
- discussions: max(1, ceil(threads / 50)) per repository, plus 1 details call per thread;
- dataset reuse: max(1, ceil(models / 1000)) per project dataset; 1 leaderboard per benchmark.

Grandchildren are listed only under each project model's 20 most-downloaded derivatives
(ONRAMP_HUB_GRANDCHILDREN), so the bound for a first run is 1.1 × the depth-1 minimum plus the
grandchildren listings allowed: min(20, children) per project model with children.
"""

from __future__ import annotations

import functools
import math
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from collectors.hub import Options, Politeness, collect  # noqa: E402
from core.registry import Project  # noqa: E402
from core.settings import Settings  # noqa: E402
from onramp.orchestrator import run_collection  # noqa: E402
from warehouse.db import connect  # noqa: E402

from fakes.hub_server import FakeHub, serve  # noqa: E402

ORG, MODELS, DERIVATIVES, DISCUSSIONS, DEPTH = "bigorg", 700, 3000, 500, 2
GRANDCHILDREN = Options.grandchildren  # the default: 20
DATASETS, SPACES, MEMBERS, BENCH = 10, 5, 20, "bigorg/ds-0"
RELATIONS = ("finetune", "adapter", "quantized", "merge")
LANGUAGES = ("en", "sw", "swa", "yo", "jv", "su", "id", "th", "pl", "ar")  # swa: sw spelled in 3


def card(i: int) -> dict:
    """Cards and their bare language tags, as the Hub gives them: one to three languages."""
    codes = [LANGUAGES[(i + k * 3) % len(LANGUAGES)] for k in range(1 + i % 3)]
    return {"card": {"language": codes, "license": "apache-2.0"}, "tags": codes}


def build_hub(rng: random.Random) -> FakeHub:
    hub = FakeHub(quota=10**9)
    hub.members[ORG] = [f"member{i}" for i in range(MEMBERS)]
    models = [f"{ORG}/model-{i:03d}" for i in range(MODELS)]
    for i, name in enumerate(models):
        hub.add_model(
            name,
            created=f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}",
            downloads=rng.randint(0, 10**5),
            **card(0),  # the project's models: English
        )
    for i in range(DATASETS):
        hub.add_dataset(f"{ORG}/ds-{i}", created="2023-05-01")
    for i in range(SPACES):
        hub.add_space(f"{ORG}/space-{i}", created="2023-06-01")
    _derivatives(hub, rng, models)
    _discussions(hub, rng, models)
    for i in range(30):  # outside models trained on the org's datasets
        hub.add_model(
            f"user{i}/trained-{i}", created="2024-01-01", datasets=[f"{ORG}/ds-{i % DATASETS}"]
        )
    hub.leaderboards[BENCH] = [
        {"rank": 1, "modelId": "user1/trained-1", "value": 0.5, "verified": False}
    ]
    return hub


def _derivatives(hub: FakeHub, rng: random.Random, models: list[str]) -> None:
    """2,400 direct children on a skewed 150 models (some merges of two), 600 grandchildren."""
    popular, first_level = models[:150], []
    for i in range(2400):
        base = popular[min(int(rng.paretovariate(1.2)) - 1, 149)]
        relation = RELATIONS[i % 4]
        parents = [(relation, base)]
        if relation == "merge":
            parents.append(("merge", rng.choice(popular)))
        child = f"user{i % 900}/deriv-{i}"
        hub.add_model(child, created="2024-02-01", parents=parents, **card(i))
        first_level.append(child)
    for i in range(DERIVATIVES - 2400):
        hub.add_model(
            f"user{i % 300}/grand-{i}",
            created="2024-03-01",
            parents=[("finetune", rng.choice(first_level))],
            **card(i + 1),
        )


def _discussions(hub: FakeHub, rng: random.Random, models: list[str]) -> None:
    """500 threads on 60 repositories, one with 120 (three pages of 50)."""
    repos = [models[0]] * 120 + [rng.choice(models[:59]) for _ in range(DISCUSSIONS - 120)]
    for i, repo in enumerate(repos):
        hub.add_thread(
            "model",
            repo,
            f"user{i % 80}",
            "2024-04-01T10:00",
            is_pr=i % 3 == 0,
            comments=[(f"member{i % MEMBERS}", "2024-04-02T10:00")],
        )


def minimum_calls(hub: FakeHub, depth: int = DEPTH) -> int:
    per_type = {
        t: sum(1 for (rt, _r) in hub.repos if rt == t and _r.startswith(ORG + "/"))
        for t in ("model", "dataset", "space")
    }
    calls = sum(max(1, math.ceil(n / 1000)) for n in per_type.values())
    calls += max(1, math.ceil(MEMBERS / 1000)) + per_type["model"]
    calls += _tree_listings(hub, depth)
    for repo_type, repo_id in hub.repos:
        if repo_id.startswith(ORG + "/"):
            threads = len(hub.threads.get((repo_type, repo_id), []))
            calls += max(1, math.ceil(threads / 50)) + threads
    calls += DATASETS + 1  # reuse per dataset (each under 1000 models), one leaderboard
    return calls


def grandchildren_allowed(hub: FakeHub, per_model: int = GRANDCHILDREN) -> int:
    """Listings the default ONRAMP_HUB_GRANDCHILDREN allows: min(20, children) per project model."""
    own = [r for (t, r) in hub.repos if t == "model" and r.startswith(ORG + "/")]
    return sum(min(per_model, len(hub.tagged("model", f"base_model:{m}"))) for m in own)


def _tree_listings(hub: FakeHub, depth: int = DEPTH) -> int:
    own = [r for (t, r) in hub.repos if t == "model" and r.startswith(ORG + "/")]
    calls, listed = 0, set()
    frontier = [m for m in own if sum(hub.children_count(m).values())]
    for level in range(depth):
        nxt = []
        for parent in frontier:
            if parent in listed:
                continue
            listed.add(parent)
            children = hub.tagged("model", f"base_model:{parent}")
            calls += max(1, math.ceil(len(children) / 1000))
            nxt += [c["id"] for c in children] if level < depth - 1 else []
        frontier = nxt
    return calls


def run(db: Path, url: str, now: datetime) -> tuple[int, float, float]:
    project = Project(
        id="big",
        name="Big",
        organizational_model="company",
        hub_authors=(ORG,),
        hub_benchmark_datasets=(BENCH,),
    )
    collector = functools.partial(
        collect,
        options=Options(depth=DEPTH, now=lambda: now),
        polite=Politeness(sleep=lambda s: None),
    )
    wall, cpu = time.perf_counter(), time.thread_time()
    with connect(db) as con:
        outcome = run_collection(
            con,
            project,
            "hub",
            collector,
            progress=False,
            warn=lambda m: None,
            settings=Settings.from_env(),
        )
    assert outcome.status == "ok", outcome.message
    return outcome.api_calls, time.perf_counter() - wall, time.thread_time() - cpu


def main() -> None:
    import os

    hub = build_hub(random.Random(0))
    minimum = minimum_calls(hub)
    depth1, allowed = minimum_calls(hub, depth=1), grandchildren_allowed(hub)
    with tempfile.TemporaryDirectory() as tmp, serve(hub) as url:
        os.environ["HF_ENDPOINT"] = url
        os.environ.pop("HF_TOKEN", None)
        today = datetime.now(UTC)
        first, wall1, cpu1 = run(Path(tmp) / "bench.duckdb", url, today)
        second, wall2, cpu2 = run(Path(tmp) / "bench.duckdb", url, today)
        details = hub.count("details")
        third, wall3, _cpu3 = run(Path(tmp) / "bench.duckdb", url, today + timedelta(days=1))
        details = hub.count("details") - details
        with connect(Path(tmp) / "bench.duckdb") as con:
            edges = con.execute("select count(*) from hub_derivatives").fetchone()[0]
            threads = con.execute("select count(*) from hub_discussions").fetchone()[0]
            carded = con.execute(
                "select count(*) from hub_repos where len(languages) > 0"
            ).fetchone()[0]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"fake Hub: {MODELS} models, {DERIVATIVES} derivatives, {DISCUSSIONS} discussions, "
        f"depth {DEPTH}"
    )
    print(
        f"collected: {edges} derivative edges, {threads} discussions, "
        f"{carded} models with their card's languages (no call of their own)"
    )
    print(
        f"first run:  {first} calls (grandchildren under the {GRANDCHILDREN} most-downloaded "
        f"derivatives of each model); "
        f"{wall1:.1f} s wall, {cpu1:.1f} s CPU in the collecting "
        "thread (the fake Hub's threads not counted)"
    )
    bound = 1.1 * depth1 + allowed
    print(
        f"  bound (issue 9): 1.1 x depth-1 minimum {depth1} + {allowed} grandchildren listings "
        f"allowed = {bound:.0f}; first run {'within' if first <= bound else 'OVER'} it "
        f"({first / bound:.1%}); depth-2 listing of every derivative would need {minimum}"
    )
    print(f"second run: {second} calls (nothing new); {wall2:.2f} s wall, {cpu2:.2f} s CPU")
    print(
        f"next day, nothing new: {third} calls, {details} discussion details (model_info and "
        f"discussions for the top {Options().top} repositories of each type and those with "
        f"threads; the rest weekly; trees unchanged); {wall3:.1f} s wall"
    )
    print(f"peak memory: {peak:.0f} MB (collector, warehouse and fake Hub in one process)")


if __name__ == "__main__":
    main()
