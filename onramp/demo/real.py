"""Raw-table rows from the real data in `shared/data/real/` (commit histories and Hub metadata).

Only facts are kept: commit metadata with email domains (never addresses), Hub model ids, trees,
downloads and likes. Every row carries provenance 'git-history' or 'hub-snapshot'.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from core.registry import Registry

GIT_PROVENANCE = "git-history"
HUB_PROVENANCE = "hub-snapshot"
RELATIONS = ("finetune", "adapter", "quantized", "merge")


def _utc(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, utc=True, format="ISO8601")


def github_commits(real: Path) -> pd.DataFrame:
    frames = []
    for path in sorted((real / "git").glob("*__*.csv")):
        owner, name = path.stem.split("__", 1)
        df = pd.read_csv(path, dtype={"pr_number": "Int64", "pr_login": "string"})
        frames.append(
            pd.DataFrame(
                {
                    "repo": f"{owner}/{name}",
                    "sha": df["sha"],
                    "author_login": pd.Series([None] * len(df), dtype="string"),
                    "author_name": df["author_name"].astype("string"),
                    "author_email_domain": df["author_email_domain"].astype("string"),
                    "committer_email_domain": df["committer_email_domain"].astype("string"),
                    "authored_at": _utc(df["author_date"]),
                    "committed_at": _utc(df["committer_date"]),
                    "is_merge": df["is_merge"].astype(bool),
                    "on_first_parent": df["on_first_parent"].astype(bool),
                    "pr_number": df["pr_number"].astype("Int32"),
                    "pr_login": df["pr_login"],
                    "is_bot": df["author_name"].fillna("").str.endswith("[bot]"),
                    "provenance": GIT_PROVENANCE,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def github_repos(real: Path) -> pd.DataFrame:
    inventory = pd.read_csv(real / "git" / "_inventory.csv")
    return pd.DataFrame(
        {
            "repo": inventory["repo"],
            "full_name": inventory["repo"],
            "default_branch": inventory["default_branch"],
            "provenance": GIT_PROVENANCE,
        }
    )


def _tree(real: Path) -> pd.DataFrame:
    tree = pd.read_csv(real / "hub" / "model_tree_nodes.csv")
    stamp = tree["source_file"].str.extract(r"_(\d{8}_\d{6})\.json$")[0]
    tree["collected_at"] = pd.to_datetime(stamp, format="%Y%m%d_%H%M%S", utc=True)
    return tree


def hub_tree_repos(real: Path) -> pd.DataFrame:
    tree = _tree(real).sort_values("collected_at").drop_duplicates("model_id", keep="last")
    gated = tree["gated"].astype("string").str.lower()
    return pd.DataFrame(
        {
            "repo_type": "model",
            "repo_id": tree["model_id"],
            "author": tree["author"],
            "created_at": _utc(tree["created_at"]),
            "last_modified": _utc(tree["last_modified"]),
            "pipeline_tag": tree["pipeline_tag"],
            "library_name": tree["library_name"],
            "license": tree["license"],
            "gated": gated,
            "likes": tree["likes"].astype("Int32"),
            "downloads_30d": tree["downloads"].astype("Int64"),
            "children_count": (
                tree[["children_count", "adapters_count", "quantized_count", "merges_count"]]
                .sum(axis=1)
                .astype("Int32")
            ),
            "collected_at": tree["collected_at"],
            "provenance": HUB_PROVENANCE,
        }
    )


def hub_derivatives(real: Path) -> pd.DataFrame:
    """Edges from `base_model:RELATION:PARENT` tags; the listed parent as a finetune otherwise."""
    tree = _tree(real)
    edges = []
    for child, parent, tags in tree[["model_id", "parent_model_id", "base_model_tags"]].itertuples(
        index=False
    ):
        typed = [t.split(":", 2) for t in str(tags).split(";") if t.count(":") == 2]
        typed = [(rel, base) for _, rel, base in typed if rel in RELATIONS]
        if not typed and isinstance(parent, str):
            typed = [("finetune", parent)]  # the trees were listed as finetunes of their root
        edges += [(child, base, rel) for rel, base in typed]
    df = pd.DataFrame(edges, columns=["child_id", "base_id", "relation"]).drop_duplicates()
    df["provenance"] = HUB_PROVENANCE
    return df


def hub_daily(real: Path, registry: Registry) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(repos, snapshots) for the registry's Hub authors from the daily download records."""
    daily = pd.read_csv(real / "hub" / "european_llm_downloads" / "repo_daily.csv")
    authors = {a.lower() for p in registry.projects for a in p.hub_authors}
    daily = daily[daily["org"].str.lower().isin(authors)]
    snapshots = pd.DataFrame(
        {
            "repo_type": "model",
            "repo_id": daily["repo_id"],
            "snapshot_date": pd.to_datetime(daily["snapshot_date"]).dt.date,
            "downloads_30d": daily["downloads_30d"].astype("Int64"),
            "downloads_all_time": daily["downloads_all_time"].astype("Int64"),
            "provenance": HUB_PROVENANCE,
        }
    )
    latest = daily.sort_values("fetched_at").drop_duplicates("repo_id", keep="last")
    repos = pd.DataFrame(
        {
            "repo_type": "model",
            "repo_id": latest["repo_id"],
            "author": latest["org"],
            "downloads_30d": latest["downloads_30d"].astype("Int64"),
            "downloads_all_time": latest["downloads_all_time"].astype("Int64"),
            "collected_at": _utc(latest["fetched_at"]),
            "provenance": HUB_PROVENANCE,
        }
    )
    return repos, snapshots


def hub_tracked_models(real: Path, registry: Registry) -> pd.DataFrame:
    """Model ids of the registry's Hub authors tracked by the interconnects lists (no dates)."""
    folder = real / "hub" / "interconnects_tracked_models"
    ids = pd.concat(
        [pd.read_csv(folder / f)[["org", "modelId"]] for f in ("models.csv", "extra_models.csv")]
    )
    authors = {a.lower() for p in registry.projects for a in p.hub_authors}
    ids = ids[ids["org"].str.lower().isin(authors)].drop_duplicates("modelId")
    return pd.DataFrame(
        {
            "repo_type": "model",
            "repo_id": ids["modelId"],
            "author": ids["org"],
            "provenance": HUB_PROVENANCE,
        }
    )


def tree_snapshots(repos: pd.DataFrame) -> pd.DataFrame:
    """The tree listing's downloads and likes as one snapshot per model on its collection day."""
    return pd.DataFrame(
        {
            "repo_type": repos["repo_type"],
            "repo_id": repos["repo_id"],
            "snapshot_date": repos["collected_at"].dt.date,
            "downloads_30d": repos["downloads_30d"],
            "likes": repos["likes"],
            "provenance": HUB_PROVENANCE,
        }
    )
