"""No dead marts: every mart is read by a page (dashboard/), the digest (digest/), a command
(onramp/) or another model, or says in its header that it is there for `onramp export` alone
(`-- export-only: why`). A mart nobody reads and nobody marked fails here."""

import re
from pathlib import Path

import pytest

from warehouse.paths import MODELS_DIR

ROOT = Path(__file__).resolve().parents[2]
READERS = ("dashboard", "digest", "onramp")  # the application's code that queries marts
MARTS = sorted(p.stem for p in (MODELS_DIR / "marts").glob("*.sql"))


def _header(path: Path) -> str:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("--"):
            break
        lines.append(line)
    return "\n".join(lines)


def readers(mart: str, roots: tuple[Path, ...] = (ROOT,), models: Path = MODELS_DIR) -> list[str]:
    """The files that name `mart`: application code, or another model."""
    word = re.compile(rf"\b{re.escape(mart)}\b")
    found = []
    for root in roots:
        for package in READERS:
            for path in sorted((root / package).rglob("*.py")):
                if word.search(path.read_text(encoding="utf-8")):
                    found.append(str(path.relative_to(root)))
    for path in sorted(models.rglob("*.sql")):
        if path.stem != mart and word.search(path.read_text(encoding="utf-8")):
            found.append(f"sql/{path.relative_to(models)}")
    return found


def is_export_only(path: Path) -> bool:
    return re.search(r"^-- export-only: \S", _header(path), re.MULTILINE) is not None


@pytest.mark.parametrize("mart", MARTS)
def test_every_mart_is_read_or_marked_export_only(mart):
    path = MODELS_DIR / "marts" / f"{mart}.sql"
    if is_export_only(path):
        assert not readers(mart), f"{mart} is marked export-only but is read: drop the mark"
    else:
        assert readers(mart), f"{mart}: nothing reads it; delete it or mark it `-- export-only:`"


def test_the_check_finds_an_unread_mart(tmp_path):
    # a models folder with one mart read by another model and one nobody reads
    (tmp_path / "marts").mkdir()
    (tmp_path / "marts" / "fct_read.sql").write_text("-- grain: one row\nselect 1 as k\n")
    (tmp_path / "marts" / "fct_dead.sql").write_text("-- grain: one row\nselect 1 as k\n")
    (tmp_path / "marts" / "fct_reader.sql").write_text("select * from fct_read\n")
    assert readers("fct_read", roots=(tmp_path,), models=tmp_path) == ["sql/marts/fct_reader.sql"]
    assert readers("fct_dead", roots=(tmp_path,), models=tmp_path) == []
    marked = tmp_path / "marts" / "fct_dead.sql"
    assert not is_export_only(marked)
    marked.write_text("-- grain: one row\n-- export-only: for analysts\nselect 1 as k\n")
    assert is_export_only(marked)


@pytest.mark.parametrize(
    "model",
    sorted(
        f"{layer}/{p.stem}"
        for layer in ("staging", "intermediate")
        for p in (MODELS_DIR / layer).glob("*.sql")
    ),
)
def test_every_staging_and_intermediate_model_feeds_another(model):
    # only marts are published: a model below them that no model reads is never seen
    name = model.split("/")[1]
    assert any(r.startswith("sql/") for r in readers(name)), f"{model}: no model reads it"
