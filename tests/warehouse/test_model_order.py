"""The model runner orders models by the tables they reference."""

import duckdb
import pytest

from core.errors import OnrampError
from warehouse.models import build_order, dependencies, load_models, with_parents
from warehouse.paths import MODELS_DIR


def _models(tmp_path, files: dict[str, str]):
    for name, sql in files.items():
        layer = {"stg": "staging", "int": "intermediate"}.get(name[:3], "marts")
        (tmp_path / layer).mkdir(exist_ok=True)
        (tmp_path / layer / f"{name}.sql").write_text(sql)
    return load_models(tmp_path)


def test_dependencies_skip_ctes_and_raw_tables():
    sql = (
        "with a as (select * from raw.github_issues), "
        "b as (select * from a join stg_x using (id)) select * from b"
    )
    assert dependencies(sql) == {"stg_x"}


def test_order_follows_references_not_layers_or_names(tmp_path):
    models = _models(
        tmp_path,
        {
            "fct_z": "select * from int_b join dim_a using (k)",
            "dim_a": "select * from int_b",
            "int_b": "from stg_c select *",
            "stg_c": "select 1 as k from raw.t",
        },
    )
    order = build_order(models)
    assert order.index("stg_c") < order.index("int_b") < order.index("dim_a") < order.index("fct_z")


def test_cycle_is_a_clear_error(tmp_path):
    models = _models(tmp_path, {"int_a": "select * from int_b", "int_b": "select * from int_a"})
    with pytest.raises(OnrampError, match="cycle"):
        build_order(models)


def test_unparseable_model_names_its_file(tmp_path):
    models = _models(tmp_path, {"int_a": "select from from"})
    with pytest.raises(OnrampError, match=r"int_a\.sql"):
        build_order(models)


def test_every_shipped_model_runs_after_what_it_reads():
    models = load_models(MODELS_DIR)
    order = build_order(models)
    for name, model in models.items():
        for dependency in dependencies(model.sql) & models.keys():
            assert order.index(dependency) < order.index(name), (dependency, name)


def test_with_parents_is_the_models_read_directly_or_through_others(tmp_path):
    models = _models(
        tmp_path,
        {
            "fct_z": "select * from int_b",
            "fct_y": "select * from stg_d",
            "int_b": "select * from stg_c",
            "stg_c": "select 1 as k from raw.t",
            "stg_d": "select 1 as k from raw.u",
        },
    )
    assert with_parents(models, {"fct_z"}) == {"fct_z", "int_b", "stg_c"}
    assert with_parents(models, {"int_b", "fct_y"}) == {"fct_y", "stg_d", "int_b", "stg_c"}
    with pytest.raises(OnrampError, match="fct_nope"):
        with_parents(models, {"fct_nope"})


def test_macros_are_there_for_the_models_and_gone_from_the_published_file(tmp_path):
    from core.registry import Registry
    from warehouse.build import build
    from warehouse.db import connect

    root = tmp_path / "sql"
    root.mkdir()
    _models(root, {"fct_a": "select github_login('ghost') as a, github_login('Ann') as b"})
    (root / "macros").mkdir()
    (root / "macros" / "rules.sql").write_text((MODELS_DIR / "macros" / "rules.sql").read_text())
    raw = tmp_path / "raw.duckdb"
    connect(raw).close()
    published = tmp_path / "published.duckdb"
    build(raw, published, Registry(path=tmp_path / "p.toml", projects=()), models_root=root)
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("select a, b from fct_a").fetchall() == [(None, "Ann")]
        macros = con.execute(
            "select count(*) from duckdb_functions() where function_name = 'github_login'"
        ).fetchone()
        assert macros == (0,)
