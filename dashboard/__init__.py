"""The Streamlit dashboard: pages that read the published marts, read-only (DESIGN.md §1).
It imports only from `core`; `onramp serve` starts it on `dashboard/app.py`."""
