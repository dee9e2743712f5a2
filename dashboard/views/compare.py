"""Compare: how do the projects we support compare, and which on-ramps work where?
(the foundation's question). Layout only: the charts live in dashboard/components/."""

import streamlit as st

from core.catalog import COLLABORATION_TYPES, load_catalog
from dashboard import format as fmt
from dashboard.cards import empty
from dashboard.components import compare_table, rank_heatmap
from dashboard.controls import Selection
from dashboard.data import query

selection: Selection = st.session_state["selection"]
st.title("How do the projects compare?")
st.caption(
    f"Every project of the registry, as of {fmt.month_name(selection.end)}, grouped by the study's "
    "organisational model. Open a project for its on-ramps month by month."
)

catalog = load_catalog()
keys = sorted(
    (i for i in catalog.values() if i.key),
    key=lambda i: COLLABORATION_TYPES.index(i.collaboration_type),
)
models = query("select distinct organizational_model from dim_projects order by 1")[
    "organizational_model"
].tolist()
chosen = st.multiselect("Organisational models", models, default=models, key="compare_models")
if not chosen:
    empty("Pick at least one organisational model above.")
    st.stop()
filled = set(
    query("select distinct indicator from fct_indicators where value is not null")["indicator"]
)
missing = [i for i in keys if i.id not in filled]
if missing:
    st.caption(
        "No project has values yet for: "
        + "; ".join(f"{i.name} ({i.collaboration_type}, from {i.source})" for i in missing)
        + ". Data status says which setting turns each source on."
    )
compare_table.render(selection, [i for i in keys if i.id in filled], chosen)
rank_heatmap.render(selection, list(catalog.values()), chosen)
st.page_link(
    "views/project.py",
    label=f"Open {selection.project_name} on the Project page",
    icon=":material/arrow_forward:",
    query_params=selection.params,
)
