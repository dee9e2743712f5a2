"""Where the repository keeps its SQL: schema DDL and models."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
MODELS_DIR = ROOT / "sql"
