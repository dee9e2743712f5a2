"""The kernel every layer shares, importing none of them (README, "How it is built").

`registry` (projects.toml), `settings` (paths and endpoints), `errors`, `catalog` (the indicator
catalog), `pseudonym` and `redact` (privacy), `resources` (files shipped inside the packages).
A collector, the warehouse or the dashboard may import from here; nothing here imports them.
"""
