"""The study's on-ramp map (reference paper §5, Figures 2-7): what it says about each collaboration
type at each lifecycle stage, one line per cell, and the cells public platforms cannot show.

Rows are the catalog's collaboration types (each read against the study's matching figure), plus
the study's compute collaborations, which no public platform records. A cell's indicators come
from the catalog, so a new indicator (or a new source's) lands in its cell with no change here."""

from __future__ import annotations

from dataclasses import dataclass

from core.catalog import COLLABORATION_TYPES, LIFECYCLE_STAGES

STAGE_TITLES = {
    "pre-training": "Pre-training",
    "post-training": "Post-training",
    "post-release": "Post-release reuse",
}


@dataclass(frozen=True)
class Row:
    key: str
    title: str
    figure: str  # the study's figure this row reads
    measured: bool  # False: no public platform shows it


STUDY_ROWS = (
    Row("upstream-code", "Software: upstream code", "Figure 4", True),
    Row("derivative-models", "Models: derivatives", "Figure 2", True),
    Row("datasets", "Data: datasets", "Figure 3", True),
    Row("community-benchmarks", "Evaluation: benchmarks", "Figure 5", True),
    Row("discussion-chat", "Non-technical: discussion and chat", "Figure 6", True),
    Row("local-languages", "Models: adapting for local languages", "Figure 2", True),
    Row("apps-demos", "Models: apps and demos", "Figure 2", True),
    Row("compute", "Compute partnerships", "Figure 7", False),
)
# a collaboration type the catalog gains later (another helper's source) gets a row of its own
ROWS = (
    STUDY_ROWS[:-1]
    + tuple(
        Row(key, key.replace("-", " ").capitalize(), "", True)
        for key in COLLABORATION_TYPES
        if key not in {r.key for r in STUDY_ROWS}
    )
    + STUDY_ROWS[-1:]
)

# (row, stage) -> what the study says there (§ in brackets); an absent cell: the study names none
READINGS = {
    ("upstream-code", "pre-training"): "Open training frameworks let outsiders in, though "
    "organisation-specific expertise limits who can contribute (§5.1.3).",
    ("upstream-code", "post-release"): "Users and grant-funded groups send fixes and features "
    "upstream; questions are mostly about readability (§5.3.3).",
    ("derivative-models", "pre-training"): "Reproductions and base-to-derivative partnerships "
    "happen, mostly in private channels public platforms do not show (§5.1.1).",
    ("derivative-models", "post-training"): "Checkpoints shared with trusted partners for "
    "testing: private, not visible on public platforms (§5.2.1).",
    ("derivative-models", "post-release"): "Derivatives (fine-tunes, adapters, quantisations, "
    "merges) are the widest post-release on-ramp (§5.3.1).",
    ("datasets", "pre-training"): "Reusing and releasing datasets and community data collection; "
    "copyright and undervalued curation hold it back (§5.1.2).",
    ("datasets", "post-training"): "Specialised post-training datasets shared with the community "
    "(§5.2.2).",
    ("datasets", "post-release"): "Releases spark language-coverage and specialised datasets "
    "(§5.3.2).",
    ("community-benchmarks", "pre-training"): "Open evaluation frameworks and benchmarks for low- "
    "and medium-resource languages (§5.1.4).",
    ("community-benchmarks", "post-training"): "Developers assess models on community benchmark "
    "suites (§5.2.3).",
    ("community-benchmarks", "post-release"): "Community benchmarks and continuous leaderboards "
    "compare models openly (§5.3.4).",
    ("discussion-chat", "pre-training"): "Shared training write-ups, model cards and outreach "
    "lower everyone's costs (§5.1.5).",
    ("discussion-chat", "post-release"): "Research and questions on open artifacts feed back to "
    "the developers (§5.3.5).",
    ("local-languages", "post-release"): "Partners fine-tune base models for local languages "
    "and contexts (SEA-LION's Javanese and Sundanese assistant; §5.3.1); releases catalyse "
    "efforts to expand language coverage (§5.3.2).",
    ("apps-demos", "post-release"): "Developers and startups build apps and demos that "
    "showcase the models' capabilities (§5.3.1).",
    ("compute", "pre-training"): "Supercomputing partnerships, research credits and vendor deals "
    "(§5.1.6): not visible on any public platform On-ramp reads.",
}
assert all(stage in LIFECYCLE_STAGES for _, stage in READINGS)


def reading(row: str, stage: str) -> str | None:
    return READINGS.get((row, stage))
