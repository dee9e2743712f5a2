-- github_commits.on_first_parent (warehouse/schema/github.sql): on the default branch's
-- first-parent line, known from git history, null from the API. Read by the insider rule's git
-- evidence of write access (sql/macros/rules.sql, has_write_evidence).
alter table github_commits add column if not exists on_first_parent boolean;
