"""Where GitHub's GraphQL API lives, from the run's settings (DESIGN.md §2)."""

from __future__ import annotations


def graphql_url(api_url: str, override: str | None = None) -> str:
    """GITHUB_GRAPHQL_URL when set; else from the REST base: GitHub Enterprise Server's `…/api/v3`
    becomes `…/api/graphql`, anything else (github.com, a local server) gets `/graphql`."""
    if override:
        return override.rstrip("/")
    base = api_url.rstrip("/")
    if base.endswith("/api/v3"):
        return base.removesuffix("/v3") + "/graphql"
    return base + "/graphql"
