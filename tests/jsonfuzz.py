"""What the export fuzz tests share: any small JSON value, and every place in a document where
one can be put or taken away."""

from __future__ import annotations

from hypothesis import strategies as st

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def places(document, prefix=()):
    """Every path (a tuple of keys and indexes) in the document, the root's empty one first."""
    yield prefix
    if isinstance(document, dict):
        for key, value in document.items():
            yield from places(value, (*prefix, key))
    elif isinstance(document, list):
        for i, value in enumerate(document):
            yield from places(value, (*prefix, i))
