"""Folding a chart to a depth, the depth a large chart opens at, and the focus on one branch."""

from __future__ import annotations

import pytest
from core_helpers import random_docs
from hypothesis import given, settings

from orgdesigner.core.chart import (
    OPENING_CARDS,
    ancestors,
    build_chart,
    depths,
    folded_at,
    hierarchy,
    opening_depth,
)
from orgdesigner.core.generate import generate


@pytest.fixture(scope="module")
def big():
    return generate(1000, seed=1)


def test_a_thousand_people_open_folded_to_about_the_first_screen(big):
    depth = opening_depth(big, "people")
    assert depth is not None
    chart = build_chart(big, "people", collapsed=folded_at(big, "people", depth))
    assert 1 <= len(chart.cards) <= OPENING_CARDS
    # one level deeper would have been too many: the budget is used, not wasted
    deeper = build_chart(big, "people", collapsed=folded_at(big, "people", depth + 1))
    assert len(deeper.cards) > OPENING_CARDS
    # every folded card says how many people it hides, and they add up to the rest
    hidden = sum(c.collapsed_count for c in chart.cards.values())
    assert hidden + len(chart.cards) == len(big.people)


def test_a_small_chart_opens_unfolded(big):
    small = generate(60, seed=2)
    assert opening_depth(small, "people") is None


@pytest.mark.parametrize("view", ["people", "teams"])
@pytest.mark.parametrize("depth", [0, 1, 2, 3])
def test_folding_to_a_depth_shows_exactly_the_levels_down_to_it(big, view, depth):
    roots, kids = hierarchy(big, view)
    level = depths(roots, kids)
    chart = build_chart(big, view, collapsed=folded_at(big, view, depth))
    shown = {i for i in chart.cards if i in level}
    assert shown == {i for i, d in level.items() if d <= depth}


@settings(max_examples=30, deadline=None)
@given(random_docs())
def test_focus_shows_one_branch_and_the_breadcrumb_leads_back_to_the_top(doc):
    for p in doc.people:
        chart = build_chart(doc, "people", root=p.id)
        roots, kids = hierarchy(doc, "people")
        expected = set(depths([p.id], kids))
        assert set(chart.cards) == expected
        chain = ancestors(doc, "people", p.id)
        assert p.id not in chain
        if chain:
            assert doc.person(chain[-1]) is not None
            assert chain[-1] == doc.person(p.id).manager
