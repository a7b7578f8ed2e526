"""A chart built after edits from the cached tree is the chart built from scratch."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from orgdesigner.core import ops
from orgdesigner.core.chart import ChartCache, build_chart, sorted_forest
from orgdesigner.core.generate import generate

IDS = [f"n{i}" for i in range(12)]


def plain(tree):
    return tree.roots, {k: v for k, v in tree.kids.items() if v}, tree.sizes()


@given(
    st.lists(
        st.tuples(
            st.sampled_from(IDS),
            st.one_of(st.none(), st.sampled_from([*IDS, "missing"])),
            st.sampled_from(["Ann", "bob", "Cy", "ann", ""]),
        ),
        max_size=30,
    ),
    st.booleans(),
)
def test_edited_tree_equals_fresh_tree(edits, sizes_first):
    parents: dict[str, str | None] = {i: None for i in IDS}
    names = {i: "" for i in IDS}
    cache = ChartCache()
    tree = sorted_forest(dict(parents), dict(names), cache, "x")
    if sizes_first:
        tree.sizes()
    for node, parent, name in edits:
        parents[node] = parent
        names[node] = name or node
        got = sorted_forest(dict(parents), dict(names), cache, "x")
        want = sorted_forest(dict(parents), dict(names))
        assert plain(got) == plain(want)
        assert got.loops == want.loops


def chart_facts(chart):
    return (
        {
            cid: (c.box, c.title, c.subtitle, tuple(c.lines), c.collapsed_count)
            for cid, c in chart.cards.items()
        },
        sorted(chart.edges),
    )


VIEWS = ("people", "teams", "functions")


@given(
    st.lists(
        st.tuples(st.integers(0, 119), st.integers(0, 119), st.booleans()),
        max_size=12,
    )
)
def test_charts_after_drops_equal_charts_from_scratch(moves):
    # Cards, their words (the managers' headcounts among them) and lines equal a chart
    # built afresh, after moves and after positions are opened or filled.
    doc = generate(120, seed=3)
    people = [p.id for p in doc.people]
    collapsed = [p.id for p in doc.people[:40:7]]
    cache = ChartCache()
    for view in VIEWS:
        build_chart(doc, view, collapsed=collapsed, cache=cache)
    for a, b, toggle in moves:
        try:
            if toggle:
                p = doc.people[a]
                ops.SetField("person", p.id, "vacant", not p.vacant).apply(doc)
            else:
                ops.set_manager(doc, people[a], people[b]).apply(doc)
        except ops.OpRefused:
            continue
        for view in VIEWS:
            got = build_chart(doc, view, collapsed=collapsed, cache=cache)
            want = build_chart(doc, view, collapsed=collapsed)
            assert chart_facts(got) == chart_facts(want)
