"""Project: one project's on-ramps, month by month (the maintainer's question)."""

import altair as alt
import streamlit as st

from dashboard.data import query
from onramp.catalog import load_catalog

projects = query("select project, name from dim_projects order by position")
ids = projects["project"].tolist()
chosen = st.query_params.get("project", ids[0])
project = st.sidebar.selectbox(
    "Project",
    ids,
    index=ids.index(chosen) if chosen in ids else 0,
    format_func=dict(zip(projects.project, projects.name, strict=True)).get,
)
st.query_params["project"] = project
st.title(projects.set_index("project").loc[project, "name"])
values = query(
    "select month_start, indicator, value, is_sample from fct_indicators "
    "where project = ? order by month_start",
    (project,),
)
for indicator_id, indicator in load_catalog().items():
    series = values[values.indicator == indicator_id]
    if series.empty:
        continue
    st.subheader(indicator.name)
    if series.is_sample.any():
        st.caption(":orange-badge[sample data]")
    chart = (
        alt.Chart(series)
        .mark_line(point=True)
        .encode(
            x=alt.X("month_start:T", title="month"),
            y=alt.Y("value:Q", title=indicator.unit),
            tooltip=["month_start:T", "value:Q"],
        )
    )
    st.altair_chart(chart, width="stretch")
    st.caption(indicator.about())
