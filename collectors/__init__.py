"""Collectors turn a platform's API into rows (DESIGN.md §1): one package per source.

A source package (`collectors.github`, `collectors.hub`, `collectors.discord`) exposes
`collect(project, ctx) -> Iterator[Batch]`: plain records for named raw tables, plus the cursor to
save once they are stored. Collectors know nothing about DuckDB and import only from `core`;
`onramp.orchestrator` stores the batches and hands a collector what it needs through its RunContext.
"""
