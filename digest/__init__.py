"""The weekly digest (`onramp digest`, the Drop-off page's download): what changed for a project in
a period, composed from the published marts and rendered as Markdown, HTML, JSON or webhook posts.

It reads the marts through a DuckDB connection it is handed and imports only from `core`, so the
command line and the dashboard give the same digest. It computes no indicator: every number is a
mart's (DESIGN.md §4, Digest).
"""
