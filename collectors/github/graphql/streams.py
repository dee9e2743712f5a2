"""The GraphQL streams of one repository: issues with their comments, and PRs with their comments,
reviews and review comments, each a generator of Batches with the cursor to save after them.

issues  `filterBy: {since}` (the saved cursor minus the two-day overlap), oldest update first: the
        cursor moves with every batch, so a killed run resumes where its last batch was stored.
pulls   newest update first (GraphQL has no `since` for PRs), down to the cursor minus the overlap:
        the cursor moves only once the stream is complete, so a killed run reads it again.
Nested lists longer than their page are read on through their own item's connection.
"""

from __future__ import annotations

from collections.abc import Iterator

from collectors.base import Batch, Cursor
from collectors.github import rows
from collectors.github.graphql import nodes
from collectors.github.graphql import queries as q
from collectors.github.graphql.client import GraphQLClient
from collectors.github.paging import grouped, since_param
from collectors.github.progress import StreamBar
from collectors.github.streams import RepoRun


def issues(run: RepoRun, gql: GraphQLClient) -> Iterator[Batch]:
    scope = run.scope("issues.graphql")
    cursor, _ = run.ctx.cursor(scope)
    variables = {**_owner(run), "since": since_param(cursor)}
    high = cursor
    with run.bar("issues") as bar:
        for found, _ in grouped(_pages(gql, q.ISSUES, variables, "issues"), run.pages_per_batch):
            tables = _tables()
            for node in found:
                tables["github_issues"].append(rows.issue_row(run.name, nodes.issue(node)))
                tables["github_comments"] += _comments(run, gql, node)
            high = max([high or "", *(n["updatedAt"] for n in found[-1:])]) or None
            bar.advance(len(found))
            yield Batch(tables, Cursor(scope, high))


def pulls(run: RepoRun, gql: GraphQLClient) -> Iterator[Batch]:
    scope = run.scope("pulls.graphql")
    cursor, _ = run.ctx.cursor(scope)
    pages = _down_to(_pages(gql, q.PULLS, _owner(run), "pullRequests"), since_param(cursor))
    high = cursor
    with run.bar("pull requests") as bar:
        for found, done in grouped(pages, run.pages_per_batch):
            tables = _tables()
            for node in found:
                tables["github_issues"].append(_pull_row(run, node))
                tables["github_comments"] += _comments(run, gql, node)
                tables["github_comments"] += _reviews(run, gql, node, bar)
            high = max([high or "", *(n["updatedAt"] for n in found)]) or None
            bar.advance(len(found))
            yield Batch(tables, Cursor(scope, high) if done else Cursor(scope, cursor))


def _owner(run: RepoRun) -> dict:
    owner, name = run.name.split("/", 1)
    return {"owner": owner, "name": name}


def _tables() -> dict[str, list]:
    return {"github_issues": [], "github_comments": []}


def _pages(gql: GraphQLClient, query: str, variables: dict, field: str):
    """(nodes, is last page) of a repository connection, page by page."""
    after = None
    while True:
        data = gql.query(query, {**variables, "after": after})
        connection = data["repository"][field]
        info = connection["pageInfo"]
        yield connection["nodes"], not info["hasNextPage"]
        if not info["hasNextPage"]:
            return
        after = info["endCursor"]


def _down_to(pages, since: str | None):
    """Newest-first pages, cut at the first node older than `since`."""
    for found, last in pages:
        kept = [n for n in found if not since or n["updatedAt"] >= since]
        reached = len(kept) < len(found)
        yield kept, last or reached
        if last or reached:
            return


def _rest(gql: GraphQLClient, query: str, owner_id: str, connection: dict, field: str) -> list:
    """Every node of a nested connection: its first page, then the pages after it."""
    found = list(connection["nodes"])
    while connection["pageInfo"]["hasNextPage"]:
        after = connection["pageInfo"]["endCursor"]
        connection = gql.query(query, {"id": owner_id, "after": after})["node"][field]
        found += connection["nodes"]
    return found


def _pull_row(run: RepoRun, node: dict) -> dict:
    """A PR keyed as REST keys it, by (repo, number); its id is the /issues id already stored."""
    stored = run.ctx.stored_row("github_issues", {"repo": run.name, "number": node["number"]})
    return rows.issue_row(run.name, nodes.issue(node, issue_id=(stored or {}).get("id")))


def _comments(run: RepoRun, gql: GraphQLClient, node: dict) -> list[dict]:
    said = _rest(gql, q.MORE_COMMENTS, node["id"], node["comments"], "comments")
    return [
        rows.comment_row(run.name, "issue_comment",
                         nodes.comment(c, node["number"], "issue_comment"))
        for c in said
    ]  # fmt: skip


def _reviews(run: RepoRun, gql: GraphQLClient, node: dict, bar: StreamBar) -> list[dict]:
    number, found = node["number"], []
    for review in _rest(gql, q.MORE_REVIEWS, node["id"], node["reviews"], "reviews"):
        row = rows.review_row(run.name, number, nodes.review(review))
        if row is None:  # pending: neither the review nor its comments are visible on REST
            continue
        found.append(row)
        said = _rest(gql, q.MORE_REVIEW_COMMENTS, review["id"], review["comments"], "comments")
        found += [
            rows.comment_row(run.name, "review_comment",
                             nodes.comment(c, number, "review_comment"))
            for c in said
        ]  # fmt: skip
    bar.advance(0)
    return found
