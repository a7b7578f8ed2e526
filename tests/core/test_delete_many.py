"""Deleting several people and teams as one step: each delete sees what the previous left."""

from __future__ import annotations

import pytest
from core_helpers import index_is_current, org

from orgdesigner.core import io, ops
from orgdesigner.core.ops import OpRefused


def small_org():
    return org(
        people=[
            {"id": "boss", "name": "Boss"},
            {"id": "mid", "name": "Mid", "manager": "boss", "team": "t-a"},
            {"id": "low", "name": "Low", "manager": "mid", "team": "t-a"},
            {"id": "leaf", "name": "Leaf", "manager": "low", "team": "t-b"},
        ],
        teams=[
            {"id": "t-top", "name": "Top", "owner": "boss"},
            {"id": "t-a", "name": "A", "owner": "mid", "parent": "t-top"},
            {"id": "t-b", "name": "B", "owner": "low", "parent": "t-a"},
        ],
    )


def test_applies_and_its_inverse_restores_the_document():
    doc = small_org()
    before = io.dumps(doc)
    applied = ops.delete_many(doc, [("team", "t-a"), ("person", "leaf")], label="Delete 2").apply(
        doc
    )
    assert doc.team("t-a") is None and doc.person("leaf") is None
    assert doc.team("t-b").parent == "t-top"  # the sub-team moved up to A's parent
    assert doc.person("mid").team is None
    assert index_is_current(doc)
    after = io.dumps(doc)
    redo = applied.inverse.apply(doc)
    assert io.dumps(doc) == before
    assert applied.inverse.label == "Delete 2"
    redo.inverse.apply(doc)
    assert io.dumps(doc) == after


def test_a_manager_and_their_report_deleted_together():
    doc = small_org()
    before = io.dumps(doc)
    applied = ops.delete_many(doc, [("person", "mid"), ("person", "low")]).apply(doc)
    # Low first moved up to Boss when Mid went, then went too: Leaf ends under Boss.
    assert doc.person("mid") is None and doc.person("low") is None
    assert doc.person("leaf").manager == "boss"
    assert doc.team("t-a").owner is None and doc.team("t-b").owner is None
    assert index_is_current(doc)
    applied.inverse.apply(doc)
    assert io.dumps(doc) == before


def test_a_refused_delete_undoes_the_ones_before_it():
    doc = small_org()
    before = io.dumps(doc)
    op = ops.delete_many(doc, [("person", "mid"), ("person", "nobody")])
    with pytest.raises(OpRefused):
        op.apply(doc)
    assert io.dumps(doc) == before
    assert ops.preview(op, doc) is not None
