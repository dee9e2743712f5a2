"""The GraphQL queries of the GitHub collector, sized for GitHub's limits.

Page sizes: 100 issues or PRs a page (GitHub's maximum), 100 comments each, 40 reviews a PR with
100 comments each. GitHub refuses a query that could return more than 500,000 nodes; the PR query
may return 100 + 100x100 comments + 100x40 reviews + 100x40x100 review comments = 414,100. Its cost
by GitHub's rule (requests its connections need, /100) is (1 + 100 + 100 + 4,000) / 100 = 42 points;
100 reviews a PR would cost 102 points a page for the rare PR with more than 40. A nested list that
is longer than its page is read on through its own item's connection (`node(id:)`).
"""

from __future__ import annotations

from collectors.github.graphql.client import RATE_LIMIT

PAGE = 100
COMMENTS = 100
REVIEWS = 40
REVIEW_COMMENTS = 100

_WHO = "authorAssociation author { __typename login }"
_PAGE_INFO = "pageInfo { hasNextPage endCursor }"

_COMMENTS = f"""
fragment Comments on IssueCommentConnection {{
  totalCount {_PAGE_INFO}
  nodes {{ databaseId createdAt updatedAt {_WHO} }}
}}"""

_REVIEW_COMMENTS = f"""
fragment ReviewComments on PullRequestReviewCommentConnection {{
  {_PAGE_INFO}
  nodes {{ databaseId createdAt updatedAt {_WHO} }}
}}"""

_REVIEWS = f"""
fragment Reviews on PullRequestReviewConnection {{
  {_PAGE_INFO}
  nodes {{
    id databaseId state submittedAt {_WHO}
    comments(first: {REVIEW_COMMENTS}) {{ ...ReviewComments }}
  }}
}}"""

ISSUES = f"""
query($owner: String!, $name: String!, $since: DateTime, $after: String) {{
  repository(owner: $owner, name: $name) {{
    issues(first: {PAGE}, after: $after, filterBy: {{since: $since}},
           orderBy: {{field: UPDATED_AT, direction: ASC}}) {{
      {_PAGE_INFO}
      nodes {{
        id databaseId number title state createdAt updatedAt closedAt {_WHO}
        comments(first: {COMMENTS}) {{ ...Comments }}
      }}
    }}
  }}
  {RATE_LIMIT}
}}{_COMMENTS}"""

PULLS = f"""
query($owner: String!, $name: String!, $after: String) {{
  repository(owner: $owner, name: $name) {{
    pullRequests(first: {PAGE}, after: $after, orderBy: {{field: UPDATED_AT, direction: DESC}}) {{
      {_PAGE_INFO}
      nodes {{
        id number title state createdAt updatedAt closedAt mergedAt {_WHO}
        comments(first: {COMMENTS}) {{ ...Comments }}
        reviews(first: {REVIEWS}) {{ ...Reviews }}
      }}
    }}
  }}
  {RATE_LIMIT}
}}{_COMMENTS}{_REVIEWS}{_REVIEW_COMMENTS}"""

MORE_COMMENTS = f"""
query($id: ID!, $after: String) {{
  node(id: $id) {{
    ... on Issue {{ comments(first: {COMMENTS}, after: $after) {{ ...Comments }} }}
    ... on PullRequest {{ comments(first: {COMMENTS}, after: $after) {{ ...Comments }} }}
  }}
  {RATE_LIMIT}
}}{_COMMENTS}"""

MORE_REVIEWS = f"""
query($id: ID!, $after: String) {{
  node(id: $id) {{
    ... on PullRequest {{ reviews(first: {REVIEWS}, after: $after) {{ ...Reviews }} }}
  }}
  {RATE_LIMIT}
}}{_REVIEWS}{_REVIEW_COMMENTS}"""

MORE_REVIEW_COMMENTS = f"""
query($id: ID!, $after: String) {{
  node(id: $id) {{
    ... on PullRequestReview {{
      comments(first: {REVIEW_COMMENTS}, after: $after) {{ ...ReviewComments }}
    }}
  }}
  {RATE_LIMIT}
}}{_REVIEW_COMMENTS}"""
