"""The model runner orders models by the tables they reference."""

import pytest

from core.errors import OnrampError
from warehouse.models import build_order, dependencies, load_models
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
