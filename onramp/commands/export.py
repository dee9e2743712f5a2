"""`onramp export`: every mart of the published warehouse, one file each."""

from __future__ import annotations

from pathlib import Path

from core.errors import OnrampError
from core.settings import Paths
from onramp.commands import log

NAME = "export"
HELP = "write every mart to files"
DESCRIPTION = (
    "Write every mart (fct_*, dim_*) of the published warehouse to DIR, one file per mart."
)
OPTIONS = {"parquet": "format parquet, compression zstd", "csv": "format csv, header"}


def add_arguments(parser) -> None:
    parser.add_argument(
        "--out", required=True, metavar="DIR", help="directory to write to (created)"
    )
    parser.add_argument(
        "--format",
        choices=tuple(OPTIONS),
        default="parquet",
        help="file format (default: parquet)",
    )


def run(args, paths: Paths) -> int:
    from warehouse.published import mart_tables, open_published

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise OnrampError(f"--out {out}: a file is there; give a directory (created if missing)")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OnrampError(f"--out {out}: cannot create the directory ({exc.strerror})") from None
    with open_published(paths.published_db) as con:
        tables = mart_tables(con)
        for table in tables:
            target = str(out / f"{table}.{args.format}").replace("'", "''")
            con.execute(f"copy {table} to '{target}' ({OPTIONS[args.format]})")
    log(f"wrote {len(tables)} marts to {out}")
    return 0
