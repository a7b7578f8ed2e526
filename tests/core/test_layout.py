"""The tidy-tree layout: what a reader of the chart would notice if it went wrong.

Cards never overlap, every node is drawn exactly once, parents sit centred
over their children, rows line up by depth, a manager of 40 does not make the
chart 40 cards wide, bad input does not crash, and the work grows linearly.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgdesigner.core.layout import Box, TreeLayout, route, tidy_tree

CARD = (180.0, 64.0)


def card(_id: str) -> tuple[float, float]:
    return CARD


def overlapping(boxes: Mapping[str, Box]) -> list[tuple[str, str]]:
    """Pairs of boxes whose interiors meet (a sweep over x, so big layouts are cheap)."""
    items = sorted(boxes.items(), key=lambda kv: kv[1].x)
    active: list[tuple[str, Box]] = []
    found = []
    for key, b in items:
        active = [(k, a) for k, a in active if a.right > b.x]
        found += [(k, key) for k, a in active if a.overlaps(b)]
        active.append((key, b))
    return found


def reachable(roots: Sequence[str], children: Mapping[str, Sequence[str]]) -> set[str]:
    seen = set(roots)
    stack = list(roots)
    while stack:
        for c in children.get(stack.pop(), ()):
            if c not in seen:
                seen.add(c)
                stack.append(c)
    return seen


def child_lists(lay: TreeLayout) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for a, b in lay.edges:
        out.setdefault(a, []).append(b)
    return out


def depths(lay: TreeLayout, roots: Sequence[str]) -> dict[str, int]:
    kids = child_lists(lay)
    d = {r: 0 for r in roots if r in lay.boxes}
    stack = list(d)
    while stack:
        u = stack.pop()
        for c in kids.get(u, ()):
            d[c] = d[u] + 1
            stack.append(c)
    return d


def random_forest(n: int, seed: int, roots: int = 1) -> tuple[list[str], dict[str, list[str]]]:
    """A random forest of ``n`` nodes: each node's parent is an earlier node."""
    rnd = random.Random(seed)
    children: dict[str, list[str]] = {}
    for i in range(roots, n):
        # Half the time a recent node (deep, narrow), half any node (bushy).
        p = rnd.randrange(max(0, i - 30), i) if rnd.random() < 0.5 else rnd.randrange(i)
        children.setdefault(str(p), []).append(str(i))
    return [str(i) for i in range(roots)], children


@st.composite
def forests(draw) -> tuple[list[str], dict[str, list[str]], dict[str, tuple[float, float]]]:
    n = draw(st.integers(1, 60))
    nroots = draw(st.integers(1, min(n, 4)))
    parents = [draw(st.integers(0, i - 1)) for i in range(nroots, n)]
    children: dict[str, list[str]] = {}
    for i, p in enumerate(parents, start=nroots):
        children.setdefault(f"n{p}", []).append(f"n{i}")
    widths = st.sampled_from([40.0, 120.0, 180.0, 260.0])
    heights = st.sampled_from([16.0, 64.0, 96.0, 200.0])
    sizes = {f"n{i}": (draw(widths), draw(heights)) for i in range(n)}
    return [f"n{i}" for i in range(nroots)], children, sizes


# -- the properties every layout has ------------------------------------------------------


@given(
    forests(),
    st.sampled_from([None, 0, 2, 6]),
    st.integers(1, 3),
)
def test_every_node_once_no_overlaps_parents_centred_rows_aligned(forest, compact, columns):
    roots, children, sizes = forest
    lay = tidy_tree(roots, children, sizes.__getitem__, compact=compact, compact_columns=columns)

    assert set(lay.boxes) == set(sizes)
    assert overlapping(lay.boxes) == []
    assert {b for _, b in lay.edges} == set(sizes) - set(roots)
    for key, b in lay.boxes.items():
        assert (b.w, b.h) == sizes[key]
        assert b.x >= -1e-6 and b.y >= -1e-6
        assert b.right <= lay.width + 1e-6 and b.bottom <= lay.height + 1e-6

    # Parents are centred over their (non-stacked) children, kept in order.
    kids = child_lists(lay)
    for parent, cs in kids.items():
        free = [c for c in cs if c not in lay.stacked]
        p = lay.boxes[parent]
        if len(free) == len(cs):
            first, last = lay.boxes[cs[0]], lay.boxes[cs[-1]]
            assert p.cx == pytest.approx((first.cx + last.cx) / 2)
        xs = [lay.boxes[c].x for c in free]
        assert xs == sorted(xs)

    # Rows by depth: same top within a row, each row below the one above.
    d = depths(lay, roots)
    tops: dict[int, set[float]] = {}
    bottoms: dict[int, float] = {}
    for key, level in d.items():
        if key in lay.stacked:
            continue
        b = lay.boxes[key]
        tops.setdefault(level, set()).add(round(b.y, 6))
        bottoms[level] = max(bottoms.get(level, 0.0), b.bottom)
    for level, ys in tops.items():
        assert len(ys) == 1
        if level > 0 and level - 1 in bottoms:
            assert min(ys) >= bottoms[level - 1] + 48 - 1e-6


def test_siblings_are_packed_h_gap_apart_and_the_parent_is_centred():
    lay = tidy_tree(["boss"], {"boss": ["a", "b", "c"]}, card, compact=None)
    a, b, c = (lay.boxes[k] for k in "abc")
    assert b.x - a.right == pytest.approx(20)
    assert c.x - b.right == pytest.approx(20)
    assert lay.boxes["boss"].cx == pytest.approx(b.cx)
    assert a.y == b.y == c.y == pytest.approx(64 + 48)
    assert lay.width == pytest.approx(3 * 180 + 2 * 20)


def test_small_subtrees_between_big_ones_are_spread_evenly():
    # Walker's point: a leaf between two wide subtrees is not left hugging one side.
    children = {
        "r": ["big1", "x", "y", "big2"],
        "big1": [f"b1-{i}" for i in range(4)],
        "big2": [f"b2-{i}" for i in range(4)],
    }
    lay = tidy_tree(["r"], children, card, compact=None)
    b1, x, y, b2 = (lay.boxes[k] for k in ("big1", "x", "y", "big2"))
    assert x.cx - b1.cx == pytest.approx(y.cx - x.cx)
    assert y.cx - x.cx == pytest.approx(b2.cx - y.cx)


def test_variable_heights_top_align_in_a_row_and_push_the_next_row_down():
    sizes = {"r": (100.0, 40.0), "tall": (100.0, 300.0), "short": (100.0, 20.0), "k": (100.0, 10.0)}
    lay = tidy_tree(["r"], {"r": ["tall", "short"], "short": ["k"]}, sizes.__getitem__)
    assert lay.boxes["tall"].y == lay.boxes["short"].y == 40 + 48
    assert lay.boxes["k"].y == pytest.approx(40 + 48 + 300 + 48)


def test_trees_of_a_forest_sit_side_by_side_in_order():
    roots, children = ["a", "b", "c"], {"a": ["a1", "a2"], "b": ["b1"], "c": []}
    lay = tidy_tree(roots, children, card, tree_gap=40, compact=None)

    def extent(root: str) -> tuple[float, float]:
        keys = reachable([root], children)
        return min(lay.boxes[k].x for k in keys), max(lay.boxes[k].right for k in keys)

    (a0, a1), (b0, b1), (c0, c1) = extent("a"), extent("b"), extent("c")
    assert a0 == 0
    assert b0 - a1 == pytest.approx(40)
    assert c0 - b1 == pytest.approx(40)
    assert lay.width == pytest.approx(c1)


def test_empty_forest():
    lay = tidy_tree([], {}, card)
    assert lay.boxes == {} and lay.edges == [] and lay.width == 0 and lay.height == 0


# -- compact stacking ---------------------------------------------------------------------


def test_a_manager_of_40_is_two_columns_not_40_cards_wide():
    children = {"boss": [f"r{i:02}" for i in range(40)]}
    wide = tidy_tree(["boss"], children, card, compact=None)
    tall = tidy_tree(["boss"], children, card, compact=6, compact_columns=2)

    assert wide.width == pytest.approx(40 * 180 + 39 * 20)
    assert tall.width == pytest.approx(2 * 180 + 20)
    assert tall.stacked == set(children["boss"])
    assert overlapping(tall.boxes) == []
    # Two columns of 20, filled down the first column, then the second.
    xs = sorted({tall.boxes[k].x for k in children["boss"]})
    assert len(xs) == 2
    assert [tall.boxes[f"r{i:02}"].x for i in (0, 19, 20, 39)] == [xs[0], xs[0], xs[1], xs[1]]
    assert tall.boxes["r00"].y < tall.boxes["r01"].y
    # The manager sits centred over the stack, the stack starts one row down.
    assert tall.boxes["boss"].cx == pytest.approx(tall.width / 2)
    assert tall.boxes["r00"].y == pytest.approx(64 + 48)


def test_at_most_compact_leaves_stay_in_a_row():
    children = {"boss": [f"r{i}" for i in range(6)]}
    lay = tidy_tree(["boss"], children, card, compact=6)
    assert lay.stacked == set()
    assert len({b.y for k, b in lay.boxes.items() if k != "boss"}) == 1


def test_leaves_stack_beside_the_managers_laid_out_normally():
    children = {
        "boss": ["m1", "m2"] + [f"ic{i}" for i in range(10)],
        "m1": ["m1a", "m1b"],
        "m2": ["m2a"],
    }
    lay = tidy_tree(["boss"], children, card, compact=6)
    assert lay.stacked == {f"ic{i}" for i in range(10)}
    assert lay.boxes["m1"].y == lay.boxes["m2"].y == lay.boxes["ic0"].y
    stack_left = min(lay.boxes[f"ic{i}"].x for i in range(10))
    stack_right = max(lay.boxes[f"ic{i}"].right for i in range(10))
    # The stack takes the middle place: m1's subtree on its left, m2's on its right.
    assert lay.boxes["m1"].right < stack_left and stack_right < lay.boxes["m2"].x
    assert overlapping(lay.boxes) == []


def test_a_tall_stack_keeps_deep_neighbours_from_sliding_under_it():
    # Without the stack's chain in the contour, m2's deep subtree would be
    # packed into the space under boss's row, right through the stacked cards.
    deep = {f"d{i}": [f"d{i + 1}"] for i in range(12)}
    children = {"root": ["a", "m2"], "a": [f"ic{i}" for i in range(30)], "m2": ["d0"], **deep}
    lay = tidy_tree(["root"], children, card, compact=6)
    assert lay.stacked == {f"ic{i}" for i in range(30)}
    assert overlapping(lay.boxes) == []


def test_unstackable_leaves_stay_in_the_row():
    children = {"boss": [f"r{i}" for i in range(10)]}
    lay = tidy_tree(["boss"], children, card, compact=6, unstackable={"r0", "r1"})
    assert lay.stacked == {f"r{i}" for i in range(2, 10)}
    assert lay.boxes["r0"].y == lay.boxes["r1"].y == lay.boxes["r2"].y


def test_many_lone_roots_are_stacked_at_the_end_without_connectors():
    roots = ["boss"] + [f"lone{i}" for i in range(10)]
    lay = tidy_tree(roots, {"boss": ["a", "b"]}, card, compact=6)
    assert lay.stacked == {f"lone{i}" for i in range(10)}
    assert all(b not in lay.stacked for _, b in lay.edges)
    assert min(lay.boxes[f"lone{i}"].x for i in range(10)) > lay.boxes["b"].right
    assert overlapping(lay.boxes) == []


def test_stacked_connectors_run_down_a_spine_into_the_card_side():
    children = {"boss": [f"r{i}" for i in range(8)]}
    lay = tidy_tree(["boss"], children, card, compact=6, compact_columns=2)
    boss = lay.boxes["boss"]
    for key in children["boss"]:
        pts = lay.route("boss", key)
        b = lay.boxes[key]
        assert pts[0] == (boss.cx, boss.bottom)
        assert pts[-1][1] == pytest.approx(b.cy)
        assert pts[-1][0] in (pytest.approx(b.x), pytest.approx(b.right))
        # The spine lies in the gap between the two columns, never across a card.
        spine = pts[-2][0]
        assert not any(lay.boxes[o].x < spine < lay.boxes[o].right for o in lay.stacked)
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            assert x0 == x1 or y0 == y1  # orthogonal


def test_one_column_stack_has_its_spine_on_the_left():
    children = {"boss": [f"r{i}" for i in range(8)]}
    lay = tidy_tree(["boss"], children, card, compact=6, compact_columns=1)
    assert len({lay.boxes[k].x for k in children["boss"]}) == 1
    for key in children["boss"]:
        spine = lay.buses[key][0]
        assert spine < lay.boxes[key].x


def test_plain_route_is_an_elbow_through_the_gap_between_rows():
    p, c = Box(100, 0, 180, 64), Box(0, 112, 180, 64)
    assert route(p, c, 48) == [(190, 64), (190, 88), (90, 88), (90, 112)]


# -- bad input ---------------------------------------------------------------------------------


def test_cycles_duplicates_self_loops_and_dangling_children_do_not_crash():
    children = {
        "a": ["b", "c", "b", "a"],  # a child twice, a self loop
        "b": ["a", "d"],  # back to the root
        "c": ["d", "ghost"],  # d already placed; ghost is listed nowhere else
        "d": ["c"],
        "ghost": [],
    }
    lay = tidy_tree(["a", "a", "d"], children, card)
    assert set(lay.boxes) == {"a", "b", "c", "d", "ghost"}
    assert overlapping(lay.boxes) == []
    parents = [b for _, b in lay.edges]
    assert len(parents) == len(set(parents))  # one parent each


def test_odd_sizes_count_as_zero():
    sizes = {"a": (math.nan, 10.0), "b": (-5.0, math.inf), "c": (10.0, 10.0)}
    lay = tidy_tree(["a"], {"a": ["b", "c"]}, sizes.__getitem__)
    assert (lay.boxes["a"].w, lay.boxes["b"].w, lay.boxes["b"].h) == (0.0, 0.0, 0.0)
    assert all(math.isfinite(v) for b in lay.boxes.values() for v in (b.x, b.y, b.w, b.h))


def test_a_path_of_50000_does_not_hit_the_recursion_limit():
    n = 50_000
    children = {str(i): [str(i + 1)] for i in range(n - 1)}
    lay = tidy_tree(["0"], children, card)
    assert len(lay.boxes) == n
    assert lay.boxes[str(n - 1)].y == pytest.approx((n - 1) * (64 + 48))
    assert {b.x for b in lay.boxes.values()} == {0.0}


# -- linear time -------------------------------------------------------------------------------


def _ops(kind: str, n: int, compact: int | None) -> int:
    if kind == "random":
        roots, children = random_forest(n, seed=n)
    elif kind == "forest":
        roots, children = random_forest(n, seed=n, roots=n // 100)
    elif kind == "path":
        roots, children = ["0"], {str(i): [str(i + 1)] for i in range(n - 1)}
    elif kind == "star":
        roots, children = ["0"], {"0": [str(i) for i in range(1, n)]}
    elif kind == "balanced":  # a naive contour comparison is n log n here
        roots = ["0"]
        children = {str(i): [str(c) for c in (2 * i + 1, 2 * i + 2) if c < n] for i in range(n)}
    else:  # caterpillar: a spine with two leaves on every node
        roots = ["s0"]
        children = {f"s{i}": [f"s{i + 1}", f"l{i}a", f"l{i}b"] for i in range(n // 3)}
    lay = tidy_tree(roots, children, card, compact=compact)
    assert len(lay.boxes) == len(reachable(roots, children))
    return lay.operations


@pytest.mark.parametrize("compact", [None, 6])
@pytest.mark.parametrize("kind", ["random", "forest", "path", "star", "balanced", "caterpillar"])
def test_work_grows_linearly(kind, compact):
    small, big = _ops(kind, 2_000, compact), _ops(kind, 20_000, compact)
    assert 8.0 <= big / small <= 12.0, (small, big)


# -- fitting a target shape (``aspect``) -------------------------------------------------------


def crossings(lay: TreeLayout) -> list[tuple[str, str, str]]:
    """(parent, child, card) for every connector segment that passes through a card."""
    found = []
    eps = 1e-6
    for a, b in lay.edges:
        pts = lay.route(a, b)
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            lo_x, hi_x, lo_y, hi_y = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
            for key, box in lay.boxes.items():
                if (
                    lo_x < box.right - eps
                    and hi_x > box.x + eps
                    and lo_y < box.bottom - eps
                    and hi_y > box.y + eps
                ):
                    found.append((a, b, key))
    return found


def on_edge(box: Box, point: tuple[float, float]) -> bool:
    x, y = point
    inside = box.x - 1e-6 <= x <= box.right + 1e-6 and box.y - 1e-6 <= y <= box.bottom + 1e-6
    edge = min(abs(x - box.x), abs(x - box.right), abs(y - box.y), abs(y - box.bottom))
    return inside and edge < 1e-6


def assert_drawable(lay: TreeLayout, roots: Sequence[str], sizes: Mapping[str, tuple]) -> None:
    """What a reader needs: every card once at its size, none over another, every line
    from its manager's card to its report's card, orthogonal, through no card."""
    assert set(lay.boxes) == set(sizes)
    assert overlapping(lay.boxes) == []
    assert {b for _, b in lay.edges} == set(sizes) - set(roots)
    for key, b in lay.boxes.items():
        assert (b.w, b.h) == sizes[key]
        assert b.x >= -1e-6 and b.y >= -1e-6
        assert b.right <= lay.width + 1e-6 and b.bottom <= lay.height + 1e-6
    for a, b in lay.edges:
        pts = lay.route(a, b)
        assert on_edge(lay.boxes[a], pts[0]), (a, b, pts)
        assert on_edge(lay.boxes[b], pts[-1]), (a, b, pts)
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            assert x0 == pytest.approx(x1) or y0 == pytest.approx(y1)
    assert crossings(lay) == []


@given(
    forests(),
    st.sampled_from([None, 0, 2, 6]),
    st.integers(1, 3),
    st.sampled_from([None, 0.4, 1.0, 1.6, 3.0]),
)
def test_fitted_layouts_are_drawable_and_deterministic(forest, compact, columns, aspect):
    roots, children, sizes = forest
    kw = {"compact": compact, "compact_columns": columns, "aspect": aspect}
    lay = tidy_tree(roots, children, sizes.__getitem__, **kw)
    assert_drawable(lay, roots, sizes)
    again = tidy_tree(roots, children, sizes.__getitem__, **kw)
    assert again.boxes == lay.boxes and again.buses == lay.buses and again.edges == lay.edges


@given(
    st.integers(50, 400),
    st.integers(0, 10_000),
    st.integers(1, 6),
    st.sampled_from([0.5, 1.0, 1.6, 2.5]),
)
def test_wide_random_forests_fit_the_target_better_and_stay_drawable(n, seed, nroots, aspect):
    roots, children = random_forest(n, seed, roots=nroots)
    sizes = {str(i): CARD for i in range(n)}
    plain = tidy_tree(roots, children, card)
    lay = tidy_tree(roots, children, card, aspect=aspect)
    assert_drawable(lay, roots, sizes)

    def scale(t: TreeLayout) -> float:  # how large it shows in an aspect x 1 box
        return min(aspect / t.width, 1 / t.height)

    assert scale(lay) >= scale(plain) - 1e-12
    if plain.width <= aspect * plain.height:
        assert lay.boxes == plain.boxes  # not too wide: left alone


def test_a_wide_second_row_is_listed_in_columns_to_fit_a_screen():
    # 40 managers of 5 each under one head: a strip 40 cards wide, plainly.
    children = {"ceo": [f"m{i}" for i in range(40)]}
    for i in range(40):
        children[f"m{i}"] = [f"m{i}r{j}" for j in range(5)]
    plain = tidy_tree(["ceo"], children, card, compact=2, compact_columns=1)
    lay = tidy_tree(["ceo"], children, card, compact=2, compact_columns=1, aspect=1.6)
    assert plain.width / plain.height > 10
    assert 0.8 < lay.width / lay.height < 3.2
    # each manager's card sits next to its column's spine, and its line ends on its side
    for i in range(40):
        pts = lay.route("ceo", f"m{i}")
        m = lay.boxes[f"m{i}"]
        assert pts[-1] == (pytest.approx(m.x), pytest.approx(m.cy))
        assert pts[-1][0] - pts[-2][0] == pytest.approx(20 / 2)  # h_gap / 2 from its spine
    sizes = {k: CARD for k in reachable(["ceo"], children)}
    assert_drawable(lay, ["ceo"], sizes)


def test_a_wide_forest_wraps_its_trees_into_rows():
    roots = [f"t{i}" for i in range(30)]
    children = {r: [f"{r}a", f"{r}b"] for r in roots}
    plain = tidy_tree(roots, children, card, compact=None)
    lay = tidy_tree(roots, children, card, compact=None, aspect=1.6)
    assert len({lay.boxes[r].y for r in roots}) > 1  # rows of trees
    assert lay.width < plain.width / 3
    # reading order: left to right, then the next row
    order = sorted(roots, key=lambda r: (lay.boxes[r].y, lay.boxes[r].x))
    assert order == roots
    sizes = {k: CARD for k in reachable(roots, children)}
    assert_drawable(lay, roots, sizes)


@pytest.mark.parametrize("kind", ["random", "forest", "star", "balanced", "caterpillar"])
def test_fitting_work_grows_linearly(kind):
    def ops(n: int) -> int:
        if kind == "random":
            roots, children = random_forest(n, seed=n)
        elif kind == "forest":
            roots, children = random_forest(n, seed=n, roots=n // 100)
        elif kind == "star":
            roots, children = ["0"], {"0": [str(i) for i in range(1, n)]}
        elif kind == "balanced":
            roots = ["0"]
            children = {str(i): [str(c) for c in (2 * i + 1, 2 * i + 2) if c < n] for i in range(n)}
        else:
            roots = ["s0"]
            children = {f"s{i}": [f"s{i + 1}", f"l{i}a", f"l{i}b"] for i in range(n // 3)}
        return tidy_tree(roots, children, card, compact=6, aspect=1.6).operations

    small, big = ops(1_000), ops(10_000)
    assert 7.0 <= big / small <= 13.0, (small, big)


@given(
    st.lists(st.floats(0, 500, allow_nan=False), min_size=1, max_size=30),
    st.integers(1, 8),
)
def test_balanced_columns_fill_columns_from_the_first_in_order(heights, k):
    from orgdesigner.core.layout import balanced_columns

    cols = balanced_columns(heights, k, 10.0)
    assert len(cols) == len(heights)
    assert cols[0] == 0  # a tall first item still opens the first column
    assert all(b - a in (0, 1) for a, b in zip(cols, cols[1:], strict=False))
    assert max(cols) < k
