"""`onramp collect --shard I/N` (no server needed): N workers given the same registry take
disjoint, stable shares of the (project, source) pairs that together cover every pair once."""

import itertools

import pytest

from core.errors import OnrampError
from onramp.cli import main
from onramp.orchestrator import SOURCES, parse_shard, shard_share

PAIRS = [(f"proj{i}", s) for i in range(14) for s in SOURCES]


@pytest.mark.parametrize("n", [1, 2, 3, 4, 7, 56, 60])
def test_n_shares_cover_every_pair_once_and_differ_by_at_most_one(n):
    shares = [shard_share(PAIRS, (i, n)) for i in range(1, n + 1)]
    assert sorted(itertools.chain.from_iterable(shares)) == sorted(PAIRS)
    sizes = [len(s) for s in shares]
    assert max(sizes) - min(sizes) <= 1


def test_a_share_depends_on_the_pairs_not_their_order():
    assert shard_share(PAIRS, (2, 3)) == shard_share(list(reversed(PAIRS)), (2, 3))


@pytest.mark.parametrize("text", ["0/3", "4/3", "3", "a/b", "1/0", "-1/2"])
def test_a_malformed_shard_is_refused(text):
    with pytest.raises(OnrampError, match="expected I/N"):
        parse_shard(text)


def test_collect_runs_only_its_share(tmp_path, capsys):
    config = tmp_path / "projects.toml"
    config.write_text(
        "".join(
            f'[[project]]\nid = "p{i}"\nname = "P{i}"\norganizational_model = "company"\n'
            for i in range(5)
        )
    )
    common = ["--config", str(config), "--db", str(tmp_path / "raw.duckdb"), "--no-progress"]
    seen = []
    for i in (1, 2, 3):
        main(["collect", *common, "--source", "discord", "--shard", f"{i}/3"])
        lines = capsys.readouterr().err.splitlines()
        seen += [tuple(line.split(":")[0].split()) for line in lines if ": skipped (" in line]
    assert sorted(seen) == sorted((f"p{i}", "discord") for i in range(5))
    assert main(["collect", *common, "--shard", "4/3"]) == 1
    assert capsys.readouterr().err.strip() == (
        "onramp: --shard 4/3: expected I/N with 1 <= I <= N, e.g. --shard 2/3"
    )
