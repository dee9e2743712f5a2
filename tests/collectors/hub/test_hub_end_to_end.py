"""`onramp collect --source hub && onramp build && onramp metrics --format json` against a fake Hub
filled with random data: every pinned Hub indicator equals what this test computes on its own from
the same data, in Python."""

import json
import random
import statistics
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest

from onramp.cli import main

from fakes.hub_server import FakeHub, serve

ORG, MEMBERS, BENCH = "acme", ["m1", "m2", "m3"], "bench/set"
PEOPLE = ["u1", "u2", "u3", "u4", "u5", "u6", "m1", "m2", ORG]
RELATIONS = ["finetune", "adapter", "quantized", "merge"]
NOW = datetime.now(UTC)


def _day(rng) -> datetime:
    return (NOW - timedelta(days=300)).replace(minute=0, second=0, microsecond=0) + timedelta(
        hours=rng.randint(0, 24 * 270)
    )


def _text(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M")


def _month(t: datetime) -> str:
    return t.strftime("%Y-%m")


class World:
    """The fixture data, kept in plain Python beside the fake Hub that serves it."""

    def __init__(self, seed: int) -> None:
        rng, self.hub = random.Random(seed), FakeHub()
        self.hub.members[ORG] = list(MEMBERS)
        self.models = {f"{ORG}/model-{i}": rng.randint(0, 5000) for i in range(6)}
        for name, downloads in self.models.items():
            self.hub.add_model(name, created="2025-01-01", downloads=downloads)
        self.hub.add_dataset(f"{ORG}/data")
        self.children = {}  # id -> (author, created, {(relation, parent)})
        for i in range(40):
            parents = {(rng.choice(RELATIONS), rng.choice(list(self.models)))}
            if rng.random() < 0.2:
                parents.add(("merge", rng.choice(list(self.models))))
            self._child(f"{rng.choice(PEOPLE)}/child-{i}", _day(rng), parents, rng)
        for i in range(10):  # grandchildren: derivatives, but not of the project's models
            self._child(
                f"{rng.choice(PEOPLE)}/grand-{i}",
                _day(rng),
                {("finetune", rng.choice([m for m in self.children if "/child-" in m]))},
                rng,
            )
        self.reuse = {f"{rng.choice(PEOPLE)}/trained-{i}": _day(rng) for i in range(8)}
        for model_id, created in self.reuse.items():
            self.hub.add_model(model_id, created=_text(created), datasets=[f"{ORG}/data"])
        self.board = [f"{rng.choice(PEOPLE)}/board-{i}" for i in range(4)]
        self.hub.leaderboards[BENCH] = [
            {"modelId": m, "value": 0.5, "verified": False} for m in self.board
        ]
        self.threads = [self._thread(rng) for _ in range(25)]

    def _child(self, model_id, created, parents, rng) -> None:
        index = None
        if rng.random() < 0.3:
            index = [
                {
                    "name": model_id,
                    "results": [
                        {
                            "task": {"type": "text-generation"},
                            "dataset": {"type": BENCH, "name": "Bench"},
                            "metrics": [
                                {"type": "acc", "value": 0.4},
                                {"type": "f1", "value": 0.3},
                            ],
                        }
                    ],
                }
            ]
        self.hub.add_model(
            model_id, created=_text(created), parents=sorted(parents), model_index=index
        )
        self.children[model_id] = (model_id.split("/")[0], created, parents, index is not None)

    def _thread(self, rng):
        repo, opener, opened = rng.choice(list(self.models)), rng.choice(PEOPLE), _day(rng)
        comments = sorted(
            (
                (rng.choice(PEOPLE), opened + timedelta(hours=rng.randint(1, 200)))
                for _ in range(rng.randint(0, 3))
            ),
            key=lambda c: c[1],
        )
        is_pr = rng.random() < 0.4
        self.hub.add_thread(
            "model",
            repo,
            opener,
            _text(opened),
            is_pr=is_pr,
            comments=[(who, _text(at)) for who, at in comments],
        )
        return opener, opened, is_pr, comments

    # -- the answers, computed without SQL -----------------------------------------------------

    def outside(self, person: str) -> bool:
        return person != ORG and person not in MEMBERS

    def expected(self, months: list[str]) -> dict[tuple[str, str], float | None]:
        out: dict[tuple[str, str], float | None] = {}
        # the project's models: its own, and derivatives published under its author
        own = set(self.models) | {m for m in self.children if m.startswith(ORG + "/")}
        direct = {m: v for m, v in self.children.items() if any(p in own for _r, p in v[2])}
        this_month = _month(NOW)
        totals = {
            "hub_derivatives_total": None,
            "hub_finetunes_total": "finetune",
            "hub_adapters_total": "adapter",
            "hub_quantized_total": "quantized",
            "hub_merges_total": "merge",
        }
        for indicator, relation in totals.items():
            n = sum(
                1
                for v in direct.values()
                if any(p in own and (relation is None or r == relation) for r, p in v[2])
            )
            for month in months:
                out[(month, indicator)] = float(n) if month == this_month else None
        new, authors = defaultdict(int), defaultdict(set)
        for author, created, _parents, _index in direct.values():
            new[_month(created)] += 1
            if self.outside(author):
                authors[_month(created)].add(author)
        opened, prs, hours = defaultdict(int), defaultdict(int), defaultdict(list)
        for opener, at, is_pr, comments in self.threads:
            opened[_month(at)] += 1
            prs[_month(at)] += is_pr and self.outside(opener)
            answers = [when for who, when in comments if who != opener]
            if answers:
                hours[_month(at)].append((min(answers) - at).total_seconds() / 3600)
        reuse = [c for m, c in self.reuse.items() if self.outside(m.split("/")[0])]
        results = {m: None for m in self.board if self.outside(m.split("/")[0])}
        for model_id, (author, created, _p, has_index) in self.children.items():
            if has_index and self.outside(author):
                results[model_id] = created
        for month in months:
            end = datetime.strptime(month, "%Y-%m").replace(tzinfo=UTC)
            end = (end + timedelta(days=32)).replace(day=1)
            out[(month, "hub_new_derivatives")] = float(new[month])
            out[(month, "hub_derivative_authors")] = float(len(authors[month]))
            out[(month, "hub_downloads_30d")] = (
                float(sum(self.models.values())) if month == this_month else None
            )
            out[(month, "hub_discussions_opened")] = float(opened[month])
            out[(month, "hub_community_prs_opened")] = float(prs[month])
            out[(month, "hub_discussion_ttfr_median_hours")] = (
                statistics.median(hours[month]) if hours[month] else None
            )
            out[(month, "hub_dataset_reuse_models")] = float(sum(1 for c in reuse if c < end))
            # a result with no date counts from the snapshot's month; before it, unknown
            undated = any(c is None for c in results.values())
            out[(month, "bench_external_results")] = (
                None
                if undated and month < this_month
                else float(sum(1 for c in results.values() if c is None or c < end))
            )
        return out


@pytest.mark.parametrize("seed", [7])
def test_collect_build_metrics_match_an_independent_computation(
    tmp_path, monkeypatch, capsys, seed
):
    world = World(seed)
    config = tmp_path / "projects.toml"
    config.write_text(
        f'[[project]]\nid = "acme"\nname = "Acme"\norganizational_model = "company"\n'
        f'hub_authors = ["{ORG}"]\nhub_benchmark_datasets = ["{BENCH}"]\n'
    )
    common = ["--config", str(config), "--db", str(tmp_path / "raw.duckdb")]
    with serve(world.hub) as url:
        monkeypatch.setenv("HF_ENDPOINT", url)
        assert main(["collect", "--source", "hub", "--no-progress", *common]) == 0
    assert main(["build", *common]) == 0
    capsys.readouterr()
    assert main(["metrics", "--format", "json", "--project", "acme", *common]) == 0
    got = {(r["month"], r["indicator"]): r["value"] for r in json.loads(capsys.readouterr().out)}
    first_comment = min(min([at] + [w for _p, w in c]) for _o, at, _pr, c in world.threads)
    months = sorted(
        {_month(first_comment + timedelta(days=d)) for d in range((NOW - first_comment).days + 1)}
        | {_month(NOW)}
    )
    want = world.expected(months)
    assert {i for _m, i in want} <= {i for _m, i in got}
    for key, value in sorted(want.items()):
        assert key in got, key
        assert got[key] == pytest.approx(value), key
