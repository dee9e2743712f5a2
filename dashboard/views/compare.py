"""Compare: how do the projects we support compare, and which on-ramps work where?
(the foundation's question). Four views of the same headline month: the indicators side by side,
fair ranks, the on-ramp map across projects, and one indicator over time. Layout only."""

import streamlit as st

from core.catalog import COLLABORATION_TYPES, load_catalog
from dashboard import format as fmt
from dashboard.cards import empty
from dashboard.components import compare_table, onramp_map, over_time, rank_heatmap
from dashboard.controls import Selection, projects
from dashboard.data import query

selection: Selection = st.session_state["selection"]
st.title("How do the projects compare?")
st.caption(
    f"Every project of the registry, as of {fmt.month_name(selection.headline)} (the last "
    "complete month; the partial cut-off month is never a headline), grouped by the study's "
    f"organisational model. {selection.project_name} (the sidebar's project) is marked ▶."
)

catalog = load_catalog()
ordered = sorted(catalog.values(), key=lambda i: COLLABORATION_TYPES.index(i.collaboration_type))
models = query("select distinct organizational_model from dim_projects order by 1")[
    "organizational_model"
].tolist()
chosen = st.multiselect(
    "Organisational models",
    models,
    default=models,
    key="compare_models",
    format_func=fmt.organisational_model,
)
if not chosen:
    empty("Pick at least one organisational model above.")
    st.stop()

# the view and the indicators live in the URL (?view=ranks&indicators=a,b): a reload or a shared
# link opens what was chosen
VIEWS = {
    "Side by side": "side-by-side",
    "Ranks": "ranks",
    "On-ramp map": "map",
    "Over time": "over-time",
}
by_slug = {slug: name for name, slug in VIEWS.items()}
asked = by_slug.get(st.query_params.get("view", ""), "Side by side")
view = st.segmented_control("View", list(VIEWS), default=asked, key="compare_view") or asked
st.query_params["view"] = VIEWS[view]
asked_ids = [i for i in st.query_params.get("indicators", "").split(",") if i in catalog]

if view in ("Side by side", "Ranks"):
    names = {i.id: f"{i.name} ({i.collaboration_type})" for i in ordered}
    default, left_out = list(names), []
    if view == "Side by side":
        # it opens on each collaboration type's key indicator, less those no project shown has
        # collected: a column of "not collected" only says nothing a line under the picker can't
        keys = [i for i in ordered if i.key]
        have = compare_table.collected(selection, keys, chosen)
        default = [i.id for i in keys if i.id in have]
        left_out = [i for i in keys if i.id not in have]
    picked = st.multiselect(
        "Indicators",
        list(names),
        default=asked_ids or default,
        key=f"compare_indicators_{view}",
        format_func=names.get,
    )
    if picked == default:  # the view's defaults need no address of their own
        st.query_params.pop("indicators", None)
    else:
        st.query_params["indicators"] = ",".join(picked)
    indicators = [catalog[i] for i in picked]
    unpicked = [i for i in left_out if i.id not in picked]
    if unpicked:
        st.caption(
            "**Not collected for any project shown**, so left out of the default columns: "
            + "; ".join(f"{i.name} ({fmt.how_to_collect(i)})" for i in unpicked)
            + ". Pick them under Indicators to see their empty columns."
        )
    if not indicators:
        empty("Pick at least one indicator above.")
    elif view == "Side by side":
        compare_table.render(selection, indicators, chosen)
    else:
        rank_heatmap.render(selection, indicators, chosen)
elif view == "On-ramp map":
    st.subheader(f"Which on-ramps carry which project? {fmt.month_name(selection.headline)}")
    st.caption(
        "The on-ramp map's cells (collaboration type · lifecycle stage) across projects: each "
        "cell's key on-ramp, its value for the headline month. Open a project for its full map."
    )
    shown = {
        p: n
        for p, n in projects().items()
        if p in set(query("select project from dim_projects where list_contains(?, "
                          "organizational_model)", (chosen,))["project"])
    }  # fmt: skip
    values = onramp_map.load(list(shown), selection.headline)
    onramp_map.render_across(values, shown, selection.project)
else:
    names = {i.id: i.name for i in ordered}
    picked_one = st.selectbox(
        "Indicator",
        list(names),
        index=list(names).index(asked_ids[0]) if asked_ids else 0,
        key="compare_over_time",
        format_func=names.get,
    )
    st.query_params["indicators"] = picked_one
    if not over_time.render(selection, catalog[picked_one], chosen):
        empty("No project shown has a final value of this indicator in the last 24 months.")

st.page_link(
    "views/project.py",
    label=f"Open {selection.project_name} on the Project page",
    icon=":material/arrow_forward:",
    query_params=selection.params,
)
