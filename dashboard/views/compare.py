"""Compare: every project side by side (the foundation's question)."""

import streamlit as st

from dashboard.data import query

st.title("How do the projects compare?")
latest = query(
    """
    select p.name as project, p.organizational_model as model, i.indicator, i.value
    from fct_indicators i join dim_projects p using (project)
    where i.month_start = (select max(month_start) from fct_indicators f
                           where f.project = i.project and f.indicator = i.indicator
                             and f.value is not null)
    """
)
table = latest.pivot_table(
    index=["project", "model"], columns="indicator", values="value", aggfunc="first"
)
st.dataframe(table, width="stretch")
