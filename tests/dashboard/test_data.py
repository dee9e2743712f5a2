"""The dashboard's one way to the data: a cached read-only attachment, re-attached on publish."""

from datetime import UTC, datetime

import streamlit as st

from dashboard import data

from sqlkit import build_over, project


def _build(tmp_path, logins):
    issues = [
        {
            "id": i,
            "repo": "o/r",
            "number": i,
            "is_pull_request": False,
            "author_login": login,
            "author_type": "User",
            "created_at": datetime(2025, 3, 2, tzinfo=UTC),
            "provenance": "api",
        }
        for i, login in enumerate(logins, 1)
    ]
    build_over(
        tmp_path, {"github_issues": issues}, [project("p", github_repos=["o/r"])], publish=True
    ).close()


def test_a_new_publish_is_read_without_restart(tmp_path, monkeypatch):
    monkeypatch.setenv("ONRAMP_DB", str(tmp_path / "raw.duckdb"))
    st.cache_data.clear()
    st.cache_resource.clear()
    sql = (
        "select value from fct_indicators where indicator = 'gh_active_contributors' and month = ?"
    )
    _build(tmp_path, ["ann"])
    assert data.query(sql, ("2025-03",))["value"].tolist() == [1.0]
    _build(tmp_path, ["ann", "bob", "cy"])  # a new build, published by atomic rename
    assert data.query(sql, ("2025-03",))["value"].tolist() == [3.0]


def test_the_attachment_is_read_only(tmp_path, monkeypatch):
    monkeypatch.setenv("ONRAMP_DB", str(tmp_path / "raw.duckdb"))
    st.cache_data.clear()
    st.cache_resource.clear()
    _build(tmp_path, ["ann"])
    try:
        data.query("delete from fct_indicators")
    except Exception as error:  # DuckDB refuses writes to a read-only attachment
        assert "read-only" in str(error).lower() or "read only" in str(error).lower()
    else:
        raise AssertionError("the published file accepted a write")


def test_queries_run_in_utc_whatever_the_machine_time_zone(tmp_path, monkeypatch):
    # conftest sets TZ=America/Sao_Paulo; a cursor would start there, not in its connection's UTC
    monkeypatch.setenv("ONRAMP_DB", str(tmp_path / "raw.duckdb"))
    st.cache_data.clear()
    st.cache_resource.clear()
    _build(tmp_path, ["ann"])
    assert data.query("select current_setting('TimeZone') as tz")["tz"].tolist() == ["UTC"]
    with data.cursor() as con:
        assert con.execute("select current_setting('TimeZone')").fetchone() == ("UTC",)
