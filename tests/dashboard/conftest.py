import pytest
import streamlit as st
from dashkit import APP, demo_warehouse
from streamlit.testing.v1 import AppTest


@pytest.fixture(scope="session")
def demo_db():
    return demo_warehouse()


@pytest.fixture
def make_app(demo_db, monkeypatch):
    """AppTest on the demo warehouse, caches cleared: `make_app(project="x").run()`."""
    monkeypatch.setenv("ONRAMP_DB", str(demo_db))
    st.cache_data.clear()
    st.cache_resource.clear()

    def make(**params) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        for key, value in params.items():
            at.query_params[key.replace("from_", "from")] = value
        return at

    return make


def charts(at: AppTest) -> list:
    return at.get("vega_lite_chart")
