"""Where the warehouse's SQL lives: the raw-table DDL (warehouse/schema) and the models (sql/)."""

from pathlib import Path

from core.resources import package_path

SCHEMA_DIR: Path = package_path("warehouse", "schema")
MODELS_DIR: Path = package_path("sql")
