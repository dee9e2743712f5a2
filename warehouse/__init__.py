"""The warehouse owns the DuckDB files (DESIGN.md §1): raw-table schema, bulk upserts keyed on
platform ids, sync cursors, run records, warehouse facts, the SQL model runner and publishing.
It imports only from `core`; the application (`onramp`) drives it."""
