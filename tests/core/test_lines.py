"""Functional lines: which are shown, and that their routes keep to the gaps between cards."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_helpers import healthy
from hypothesis import given
from hypothesis import strategies as st

from orgdesigner.core import io
from orgdesigner.core.chart import build_chart
from orgdesigner.core.generate import generate
from orgdesigner.core.layout import Box
from orgdesigner.core.lines import (
    Router,
    crosses_card,
    functional_pairs,
    route_all,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "product-sto.orgd"


def on_edge(p, b: Box) -> bool:
    x, y = p
    on_x = b.x - 1e-6 <= x <= b.right + 1e-6
    on_y = b.y - 1e-6 <= y <= b.bottom + 1e-6
    return (
        on_x
        and on_y
        and (
            abs(x - b.x) < 1e-6
            or abs(x - b.right) < 1e-6
            or abs(y - b.y) < 1e-6
            or abs(y - b.bottom) < 1e-6
        )
    )


def check(pts, a: Box, b: Box, boxes) -> None:
    assert len(pts) >= 2
    for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
        assert ax == bx or ay == by, pts  # across or down, never diagonal
    assert on_edge(pts[0], a) and on_edge(pts[-1], b)
    assert not crosses_card(pts, boxes), pts


# -- which lines ---------------------------------------------------------------------------


def test_the_selection_shows_its_own_line_and_the_lines_of_everyone_it_coaches():
    doc = healthy()
    assert functional_pairs(doc, "selection", ["pm-a"]) == [("pm-a", "cpo")]
    assert set(functional_pairs(doc, "selection", ["cpo"])) == {("pm-a", "cpo"), ("pm-b", "cpo")}
    assert set(functional_pairs(doc, "selection", ["cpo", "des-b"])) == {
        ("pm-a", "cpo"),
        ("pm-b", "cpo"),
        ("des-b", "cdo"),
    }
    assert functional_pairs(doc, "selection", ["a1", "t-a", "nobody"]) == []
    assert functional_pairs(doc, "off", ["cpo"]) == []
    assert set(functional_pairs(doc, "all")) == {
        ("pm-a", "cpo"),
        ("pm-b", "cpo"),
        ("des-b", "cdo"),
    }


def test_a_missing_or_own_functional_manager_draws_no_line():
    doc = healthy()
    doc.person("pm-a").functional_manager = "gone"
    doc.person("des-b").functional_manager = "des-b"
    assert functional_pairs(doc, "all") == [("pm-b", "cpo")]
    assert functional_pairs(doc, "selection", ["pm-a", "des-b"]) == []


# -- where they run ------------------------------------------------------------------------


def test_a_line_between_two_rows_runs_round_the_cards_between():
    # A wall of cards between the person and the leader: the line goes round it.
    cards = {"leader": Box(0, 0, 100, 40), "person": Box(0, 200, 100, 40)}
    for i in range(-3, 4):
        cards[f"w{i}"] = Box(i * 120.0, 100, 100, 40)
    pts = Router(cards).route("person", "leader")
    assert pts is not None
    check(pts, cards["person"], cards["leader"], cards.values())


def test_lines_to_one_leader_meet_it_at_the_same_port():
    cards = {"leader": Box(200, 0, 100, 40)}
    cards.update({f"p{i}": Box(i * 130.0, 150, 100, 40) for i in range(5)})
    router = Router(cards)
    ends = {tuple(router.route(f"p{i}", "leader")[-1]) for i in range(5)}
    assert len(ends) == 1


def test_every_line_of_the_example_keeps_out_of_the_cards():
    doc = io.load(EXAMPLE)
    pairs = functional_pairs(doc, "all")
    assert pairs
    for view in ("people", "functions"):
        chart = build_chart(doc, view)
        boxes = {k: c.box for k, c in chart.cards.items()}
        routes = route_all(boxes, pairs)
        assert len(routes) == len([p for p in pairs if p[0] in boxes and p[1] in boxes])
        for (a, b), pts in routes.items():
            check(pts, boxes[a], boxes[b], boxes.values())
        # The chart's own dotted edges (the exports draw them) take the same routes.
        lined = build_chart(doc, view, functional_lines=True)
        for a, b, style in lined.edges:
            if style == "dotted":
                assert lined.route(a, b, style) == routes[(a, b)]


def test_cards_moved_by_hand_are_routed_round_too():
    doc = generate(300, seed=3)
    chart = build_chart(doc, "people")
    # Move a few cards by hand into odd places, as a designer might.
    for k, cid in enumerate(list(chart.cards)[5:40:5]):
        b = chart.cards[cid].box
        chart.cards[cid].box = b.moved_to(b.x + 37.0 * k, b.y + 53.0)
    boxes = {k: c.box for k, c in chart.cards.items() if not _overlaps_any(c.box, chart, k)}
    pairs = [p for p in functional_pairs(doc, "all") if p[0] in boxes and p[1] in boxes][:40]
    for (a, b), pts in route_all(boxes, pairs).items():
        check(pts, boxes[a], boxes[b], boxes.values())


def _overlaps_any(box: Box, chart, own: str) -> bool:
    return any(c.box.overlaps(box) for k, c in chart.cards.items() if k != own)


@st.composite
def card_fields(draw):
    """Cards that do not overlap: one per cell of a grid, jittered inside its cell."""
    cols = draw(st.integers(2, 7))
    rows = draw(st.integers(1, 5))
    cards: dict[str, Box] = {}
    for r in range(rows):
        for c in range(cols):
            if not draw(st.booleans()) and len(cards) > 1:
                continue
            w = draw(st.floats(20, 150))
            h = draw(st.floats(10, 90))
            x = c * 200.0 + draw(st.floats(0, 200 - w - 4))
            y = r * 120.0 + draw(st.floats(0, 120 - h - 4))
            cards[f"c{r}_{c}"] = Box(x, y, w, h)
    ids = sorted(cards)
    a = draw(st.sampled_from(ids))
    b = draw(st.sampled_from([i for i in ids if i != a]))
    return cards, a, b


@given(card_fields())
def test_routes_never_pass_through_a_card(field):
    cards, a, b = field
    pts = Router(cards).route(a, b)
    assert pts is not None  # the cards never wall anyone in: there is always a way round
    check(pts, cards[a], cards[b], cards.values())


@given(card_fields(), st.floats(2, 30))
def test_routes_find_their_way_through_narrow_gaps(field, gap):
    # Cards packed side by side, ``gap`` apart, in rows ``gap`` apart.
    cards, a, b = field
    packed = {
        k: Box(int(k.split("_")[1]) * (100 + gap), int(k[1:].split("_")[0]) * (60 + gap), 100, 60)
        for k in cards
    }
    pts = Router(packed).route(a, b)
    assert pts is not None
    check(pts, packed[a], packed[b], packed.values())


def test_a_missing_card_has_no_route():
    cards = {"a": Box(0, 0, 10, 10)}
    assert Router(cards).route("a", "b") is None
    assert Router(cards).route("a", "a") is None


@pytest.mark.parametrize("mode", ["off", "selection", "all"])
def test_modes_are_known(mode):
    from orgdesigner.core.lines import MODE_LABELS, MODES

    assert mode in MODES and MODE_LABELS[mode]


def test_someone_folded_away_is_reached_at_the_card_that_hides_them():
    from orgdesigner.core.lines import holder, shown_pairs

    doc = healthy()
    people = build_chart(doc, "people", collapsed=["em-a"])
    assert "pm-a" not in people.cards
    assert holder(doc, "people", people.cards, "pm-a") == "em-a"
    pairs = functional_pairs(doc, "selection", ["cpo"])
    assert set(shown_pairs(doc, "people", people.cards, pairs)) == {
        ("em-a", "cpo"),
        ("pm-b", "cpo"),
    }
    # Folded with their leader under one card: no line from a card to itself.
    functions = build_chart(doc, "functions", collapsed=["product"])
    assert holder(doc, "functions", functions.cards, "pm-a") == "product"
    assert holder(doc, "functions", functions.cards, "cpo") == "product"
    assert shown_pairs(doc, "functions", functions.cards, pairs) == []
    # The teams view has no person cards.
    teams = build_chart(doc, "teams")
    assert shown_pairs(doc, "teams", teams.cards, pairs) == []
