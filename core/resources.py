"""Files shipped inside the packages (SQL models, DDL, catalog, dashboard, demo snapshot).

Found through importlib.resources, so an installed wheel and a checkout find them the same way,
whatever the working directory.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def package_path(package: str, *parts: str) -> Path:
    """The file-system path of a resource of `package`. Installed packages are unpacked, so their
    resources are real files, as DuckDB and Streamlit need."""
    return Path(str(resources.files(package).joinpath(*parts)))
