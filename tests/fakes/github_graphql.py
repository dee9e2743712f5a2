"""GitHub's GraphQL API, faked over the same generated repositories as the REST fake.

Every query is parsed and validated with graphql-core against GitHub's public schema, vendored
from octokit/graphql-schema (`tests/fixtures/github_graphql/`, provenance beside it): a
field, argument or enum value real GitHub would reject fails here too. The published file is not
valid SDL as graphql-core reads it (two duplicated fields, deprecation mismatches), so the schema is
built with `assume_valid_sdl`/`assume_valid`, once per process.

Cost and limits follow GitHub's documented rule: every connection needs `first` or `last` (1..100);
a connection costs as many requests as the product of its ancestors' page sizes; the query costs
that sum divided by 100, rounded, at least 1; and more than 500,000 nodes is refused.

Shapes follow the schema and GitHub's answers as public threads and test suites record them (no
recorded GraphQL payload is copied here): spent points answer HTTP 200 with
`{"errors": [{"type": "RATE_LIMITED", "message": "API rate limit exceeded for user ID …"}]}`
(gitpod-io/gitpod#15377, 2022) or, lately, `"type": "RATE_LIMIT", "code": "graphql_rate_limit"`
(yanyongyu/githubkit#271, 2026); a bot author is `{"__typename": "Bot", "login": "dependabot"}`
(the fixtures of many GitHub clients' test suites agree). Also: `author` is an Actor with
`__typename`, a bot's login lacks REST's `[bot]` suffix, a deleted account is `null`,
`PullRequest.databaseId` is the /pulls id (not the id /issues gives the PR), and errors carry
GitHub's `type` (NOT_FOUND, MAX_NODE_LIMIT_EXCEEDED, ...).
"""

from __future__ import annotations

import base64
import functools
from pathlib import Path

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    build_schema,
    get_named_type,
    is_abstract_type,
    parse,
    validate,
    value_from_ast_untyped,
)

from fakes.github_data import RepoData, pull_id

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "github_graphql" / "schema.graphql"
MAX_NODES = 500_000
MAX_PAGE = 100


@functools.cache
def schema():
    """GitHub's schema, built once per process (about 0.4 s; more on a busy machine)."""
    if not SCHEMA_FILE.exists():
        raise FileNotFoundError(f"{SCHEMA_FILE}: GitHub's GraphQL schema is needed by the fake")
    return build_schema(
        SCHEMA_FILE.read_text(encoding="utf-8"), assume_valid_sdl=True, assume_valid=True
    )


# --------------------------------------------------------------------------------- cost


class LimitError(Exception):
    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def cost(document, variables: dict) -> tuple[int, int]:
    """(points, nodes) of a query by GitHub's rule; LimitError for a query GitHub refuses."""
    fragments = {d.name.value: d for d in document.definitions if d.kind == "fragment_definition"}
    operation = next(d for d in document.definitions if d.kind == "operation_definition")
    totals = [0, 0]  # requests, nodes
    _walk(operation.selection_set, schema().query_type, 1, variables, fragments, totals)
    requests, nodes = totals
    if nodes > MAX_NODES:
        raise LimitError(
            "MAX_NODE_LIMIT_EXCEEDED",
            f"This query requests up to {nodes:,} possible nodes which exceeds the maximum "
            f"limit of {MAX_NODES:,}.",
        )
    return max(1, round(requests / 100)), nodes


def _walk(selections, parent, multiplier, variables, fragments, totals) -> None:
    for node in selections.selections:
        if isinstance(node, InlineFragmentNode):
            kind = (
                schema().get_type(node.type_condition.name.value) if node.type_condition else None
            )
            _walk(node.selection_set, kind or parent, multiplier, variables, fragments, totals)
            continue
        if isinstance(node, FragmentSpreadNode):
            fragment = fragments[node.name.value]
            kind = schema().get_type(fragment.type_condition.name.value)
            _walk(fragment.selection_set, kind, multiplier, variables, fragments, totals)
            continue
        assert isinstance(node, FieldNode)
        if node.name.value.startswith("__") or not node.selection_set:
            continue
        field = parent.fields[node.name.value]
        kind = get_named_type(field.type)
        inner = multiplier
        if kind.name.endswith("Connection"):
            size = _page_size(node, kind.name, variables)
            totals[0] += multiplier
            totals[1] += multiplier * size
            inner = multiplier * size
        _walk(node.selection_set, kind, inner, variables, fragments, totals)


def _page_size(node: FieldNode, connection: str, variables: dict) -> int:
    args = {a.name.value: value_from_ast_untyped(a.value, variables) for a in node.arguments or ()}
    size = args.get("first") if args.get("first") is not None else args.get("last")
    if size is None:
        raise LimitError(
            "MISSING_PAGINATION_BOUNDARIES",
            f"You must provide a `first` or `last` value to properly paginate the "
            f"`{node.name.value}` connection.",
        )
    if not 1 <= size <= MAX_PAGE:
        raise LimitError(
            "EXCESSIVE_PAGINATION",
            f"Requesting {size} records on the `{node.name.value}` connection exceeds the "
            f"`first` limit of {MAX_PAGE} records.",
        )
    return size


# --------------------------------------------------------------------------------- answering


def answer(repos: dict[int, RepoData], body: dict, points, cache: dict) -> dict:
    """The JSON GitHub would send for a POST /graphql `body`, spending `points` (a RateLimit);
    `cache` keeps per-repository lookups until the data changes."""
    try:
        document = parse(body.get("query") or "")
    except GraphQLError as exc:
        return {"errors": [_error(exc)]}
    invalid = validate(schema(), document)
    if invalid:
        return {"errors": [_error(e) for e in invalid]}
    variables = body.get("variables") or {}
    try:
        points_cost, nodes = cost(document, variables)
    except LimitError as exc:
        return {"errors": [{"type": exc.kind, "message": str(exc)}]}
    if points.remaining < points_cost:
        points.remaining = 0
        return {"errors": [{"type": "RATE_LIMITED",
                            "message": "API rate limit exceeded for user ID 1."}]}  # fmt: skip
    points.remaining -= points_cost
    root = _Root(repos, {
        "cost": points_cost, "remaining": points.remaining, "limit": points.limit,
        "used": points.limit - points.remaining, "nodeCount": nodes,
        "resetAt": _iso(points.reset),
    }, cache)  # fmt: skip
    return _execute(document, root, variables)


def _execute(document, root, variables: dict) -> dict:
    """Run a validated query over the fake's objects. graphql-core's executor would take ~3 s a
    PR page on a busy machine; this walk needs only what validation already guaranteed."""
    fragments = {d.name.value: d for d in document.definitions if d.kind == "fragment_definition"}
    operation = next(d for d in document.definitions if d.kind == "operation_definition")
    walk = _Walk(variables, fragments)
    data, errors = {}, []
    for node in operation.selection_set.selections:
        key = node.alias.value if node.alias else node.name.value
        try:
            data.update(walk.select(_Selection(node), root))
        except _NotFound as exc:
            data[key] = None
            errors.append({"type": "NOT_FOUND", "path": [key], "message": str(exc)})
    return {"data": data, **({"errors": errors} if errors else {})}


class _Selection:
    def __init__(self, node):
        self.selections = [node]


class _Walk:
    def __init__(self, variables: dict, fragments: dict):
        self.variables, self.fragments = variables, fragments

    def select(self, selection_set, value) -> dict:
        out: dict = {}
        for node in selection_set.selections:
            if isinstance(node, InlineFragmentNode):
                if node.type_condition is None or _is(value, node.type_condition.name.value):
                    out.update(self.select(node.selection_set, value))
                continue
            if isinstance(node, FragmentSpreadNode):
                fragment = self.fragments[node.name.value]
                if _is(value, fragment.type_condition.name.value):
                    out.update(self.select(fragment.selection_set, value))
                continue
            name = node.name.value
            key = node.alias.value if node.alias else name
            if name == "__typename":
                out[key] = _typename(value)
                continue
            raw = _field(value, name)
            if callable(raw):
                args = {a.name.value: value_from_ast_untyped(a.value, self.variables)
                        for a in node.arguments or ()}  # fmt: skip
                raw = raw(None, **args)
            out[key] = self.complete(raw, node)
        return out

    def complete(self, raw, node):
        if raw is None or not node.selection_set:
            return raw
        if isinstance(raw, list):
            return [self.complete(item, node) for item in raw]
        return self.select(node.selection_set, raw)


_MISSING = object()


def _field(value, name: str):
    found = value.get(name, _MISSING) if isinstance(value, dict) else getattr(value, name, _MISSING)
    if found is _MISSING:  # valid on GitHub, but the fake does not model it: say so, loudly
        raise NotImplementedError(f"the fake GraphQL API does not serve `{name}` yet")
    return found


def _typename(value) -> str | None:
    if isinstance(value, dict):
        return value.get("__typename")
    return getattr(value, "typename", None)


def _is(value, condition: str) -> bool:
    """Does a type condition apply to `value`? Plain connection objects carry no type name: the
    validator already checked their fragments statically."""
    concrete = _typename(value)
    if concrete is None or concrete == condition:
        return True
    abstract = schema().get_type(condition)
    if not is_abstract_type(abstract):
        return False
    return schema().is_sub_type(abstract, schema().get_type(concrete))


def _error(exc: GraphQLError) -> dict:
    error = {"message": exc.message}
    if exc.locations:
        error["locations"] = [{"line": x.line, "column": x.column} for x in exc.locations]
    return error


def _iso(epoch: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _NotFound(Exception):
    pass


def _actor(user: dict | None) -> dict | None:
    """REST's user object as GraphQL's Actor: a bot is a Bot, its login without `[bot]`."""
    if user is None:
        return None
    login = user["login"]
    if user.get("type") == "Bot":
        return {"__typename": "Bot", "login": login.removesuffix("[bot]")}
    return {"__typename": user.get("type") or "User", "login": login}


def _cursor(key) -> str:
    return base64.b64encode(f"cursor:v2:{key!r}".encode()).decode()


def _connection(items: list, key, first=None, after=None, last=None, before=None,
                descending: bool = False) -> dict:  # fmt: skip
    """A connection page over `items` (already in order), keyset cursors on `key(item)`: a cursor
    names a position by its values, so an item that moves meanwhile shifts nothing."""
    keys = [key(it) for it in items]
    beyond = (lambda k, c: k < c) if descending else (lambda k, c: k > c)
    start = (
        next((i for i, k in enumerate(keys) if beyond(k, _decode(after))), len(keys))
        if after
        else 0
    )
    end = len(items)
    if before:
        end = next((i for i, k in enumerate(keys) if not beyond(_decode(before), k)), len(keys))
    window = list(range(start, end))
    if first is not None:
        window = window[:first]
    if last is not None:
        window = window[-last:]
    chosen = [items[i] for i in window]
    return {
        "nodes": chosen,
        "edges": [{"node": items[i], "cursor": _cursor(keys[i])} for i in window],
        "totalCount": len(items),
        "pageInfo": {
            "hasNextPage": bool(window) and window[-1] < len(items) - 1,
            "hasPreviousPage": bool(window) and window[0] > 0,
            "startCursor": _cursor(keys[window[0]]) if window else None,
            "endCursor": _cursor(keys[window[-1]]) if window else None,
        },
    }


def _decode(cursor: str):
    import ast

    return ast.literal_eval(base64.b64decode(cursor).decode().removeprefix("cursor:v2:"))


class _Root:
    def __init__(self, repos: dict[int, RepoData], rate: dict, cache: dict):
        self.repos, self.rate, self.cache = repos, rate, cache

    def rateLimit(self, info, **_):
        return self.rate

    def repository(self, info, owner, name, **_):
        for repo in self.repos.values():
            if repo.full_name.lower() == f"{owner}/{name}".lower() or f"{owner}/{name}".lower() in (
                n.lower() for n in repo.old_names
            ):
                return _Repository(repo, self.cache)
        raise _NotFound(f"Could not resolve to a Repository with the name '{owner}/{name}'.")

    def node(self, info, id, **_):
        kind, repo_id, key = id.split("_", 2)
        repo = _Repository(self.repos[int(repo_id)], self.cache)
        if kind == "I":
            return repo.issue_node(int(key))
        if kind == "PR":
            return repo.issue_node(int(key))
        if kind == "PRR":
            return repo.review_node(int(key))
        raise _NotFound(f"Could not resolve to a node with the global id of '{id}'")


class _Repository:
    """One RepoData seen through GraphQL; lists indexed once per repository and data version."""

    def __init__(self, repo: RepoData, cache: dict):
        self.repo = repo
        self.index = _index(repo, cache)
        self.databaseId = repo.repo_id
        self.nameWithOwner = repo.full_name
        self.id = f"R_{repo.repo_id}"

    def issues(self, info, filterBy=None, orderBy=None, states=None, **page):
        items = [i for i in self.repo.issues if "pull_request" not in i]
        since = (filterBy or {}).get("since")
        if since:
            items = [i for i in items if i["updated_at"] >= since]
        return self._ordered(items, orderBy, states, page)

    def pullRequests(self, info, orderBy=None, states=None, **page):
        items = [i for i in self.repo.issues if "pull_request" in i]
        return self._ordered(items, orderBy, states, page)

    def _ordered(self, items, order, states, page):
        field = {"UPDATED_AT": "updated_at", "CREATED_AT": "created_at"}[
            (order or {}).get("field", "CREATED_AT")
        ]
        if states:
            items = [i for i in items if _state(i) in states]
        key = lambda i: (i[field], i["id"])  # noqa: E731
        descending = (order or {}).get("direction") == "DESC"
        items = sorted(items, key=key, reverse=descending)
        page = {k: v for k, v in page.items() if k in ("first", "after", "last", "before")}
        conn = _connection(items, key, **page, descending=descending)
        conn["nodes"] = [self.issue_node(i["number"]) for i in conn["nodes"]]
        for edge in conn["edges"]:
            edge["node"] = self.issue_node(edge["node"]["number"])
        return conn

    def pullRequest(self, info, number, **_):
        node = self.issue_node(number) if number in self.index["issues"] else None
        if not isinstance(node, PullRequestNode):
            raise _NotFound(f"Could not resolve to a PullRequest with the number of {number}.")
        return node

    def issue_node(self, number: int):
        item = self.index["issues"][number]
        return PullRequestNode(self, item) if "pull_request" in item else IssueNode(self, item)

    def review_node(self, review_id: int):
        return ReviewNode(self, self.index["reviews"][review_id])


def _index(repo: RepoData, cache: dict) -> dict:
    """Lookups of one repository, kept in `cache` (the server clears it when data changes)."""
    if repo.repo_id in cache:
        return cache[repo.repo_id]
    comments: dict[int, list] = {}
    for c in repo.issue_comments:
        comments.setdefault(int(c["issue_url"].rsplit("/", 1)[1]), []).append(c)
    under: dict[int, list] = {}
    for c in repo.review_comments:
        under.setdefault(c["pull_request_review_id"], []).append(c)
    by_time = lambda c: (c["created_at"], c["id"])  # noqa: E731
    cache[repo.repo_id] = {
        "issues": {i["number"]: i for i in repo.issues},
        "comments": {n: sorted(cs, key=by_time) for n, cs in comments.items()},
        "review_comments": {r: sorted(cs, key=by_time) for r, cs in under.items()},
        "reviews": {r["id"]: r for rs in repo.reviews.values() for r in rs},
    }
    return cache[repo.repo_id]


def _state(item: dict) -> str:
    if (item.get("pull_request") or {}).get("merged_at"):
        return "MERGED"
    return item["state"].upper()


class _Comment:
    def __init__(self, c: dict):
        self.id = c["node_id"]
        self.databaseId = c["id"]
        self.author = _actor(c["user"])
        self.authorAssociation = c["author_association"]
        self.createdAt = c["created_at"]
        self.updatedAt = c["updated_at"]


class IssueNode:
    typename = "Issue"

    def __init__(self, repo: _Repository, item: dict):
        self.repo, self.item = repo, item
        self.id = f"I_{repo.repo.repo_id}_{item['number']}"
        self.databaseId = item["id"]
        self.number = item["number"]
        self.title = item["title"]
        self.author = _actor(item["user"])
        self.authorAssociation = item["author_association"]
        self.state = _state(item)
        self.createdAt = item["created_at"]
        self.updatedAt = item["updated_at"]
        self.closedAt = item["closed_at"]

    def comments(self, info, **page):
        items = self.repo.index["comments"].get(self.number, [])
        conn = _connection(items, lambda c: c["id"], **_page(page))
        conn["nodes"] = [_Comment(c) for c in conn["nodes"]]
        return conn


class PullRequestNode(IssueNode):
    typename = "PullRequest"

    def __init__(self, repo: _Repository, item: dict):
        super().__init__(repo, item)
        self.id = f"PR_{repo.repo.repo_id}_{item['number']}"
        self.databaseId = pull_id(item)
        self.mergedAt = item["pull_request"]["merged_at"]
        self.merged = self.mergedAt is not None
        self.isDraft = item.get("draft", False)

    def reviews(self, info, **page):
        items = self.repo.repo.reviews.get(self.number, [])
        conn = _connection(items, lambda r: r["id"], **_page(page))
        conn["nodes"] = [ReviewNode(self.repo, r) for r in conn["nodes"]]
        return conn


class ReviewNode:
    typename = "PullRequestReview"

    def __init__(self, repo: _Repository, r: dict):
        self.repo, self.review = repo, r
        self.id = f"PRR_{repo.repo.repo_id}_{r['id']}"
        self.databaseId = r["id"]
        self.author = _actor(r["user"])
        self.authorAssociation = r["author_association"]
        self.state = r["state"]
        self.submittedAt = r.get("submitted_at")
        self.createdAt = r.get("submitted_at") or "2020-01-01T00:00:00Z"

    def comments(self, info, **page):
        items = self.repo.index["review_comments"].get(self.databaseId, [])
        conn = _connection(items, lambda c: c["id"], **_page(page))
        conn["nodes"] = [_Comment(c) for c in conn["nodes"]]
        return conn


def _page(args: dict) -> dict:
    return {k: v for k, v in args.items() if k in ("first", "after", "last", "before")}
