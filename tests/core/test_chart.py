"""The three charts of a document: who is drawn, where, with what text and lines."""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest
from core_helpers import healthy, org, random_docs
from hypothesis import given

from orgdesigner.core.chart import (
    CHIPS_PER_ROW,
    NO_FUNCTION,
    UNASSIGNED,
    Chart,
    build_chart,
)
from orgdesigner.core.io import load
from orgdesigner.core.layout import Box
from orgdesigner.core.model import Document, Person
from orgdesigner.resources_path import examples

VIEWS = ("people", "teams", "functions")


def overlaps(chart: Chart) -> list[tuple[str, str]]:
    boxes = sorted(chart.cards.items(), key=lambda kv: kv[1].box.x)
    active: list[tuple[str, Box]] = []
    found = []
    for key, card in boxes:
        b = card.box
        active = [(k, a) for k, a in active if a.right > b.x]
        found += [(k, key) for k, a in active if a.overlaps(b)]
        active.append((key, b))
    return found


def tree_edges(chart: Chart) -> list[tuple[str, str]]:
    return [(a, b) for a, b, style in chart.edges if style != "dotted"]


def assert_forest(chart: Chart) -> None:
    """Solid and bus edges join existing cards, each card has at most one parent, no loops."""
    parent: dict[str, str] = {}
    for a, b in tree_edges(chart):
        assert a in chart.cards and b in chart.cards
        assert b not in parent, f"{b} drawn under two cards"
        parent[b] = a
    for start in parent:
        seen = {start}
        u = start
        while u in parent:
            u = parent[u]
            assert u not in seen, f"loop through {u}"
            seen.add(u)


def chip_ids(chart: Chart) -> list[str]:
    return [chip.id for card in chart.cards.values() for chip in card.chips]


def people_doc(n: int, seed: int = 0) -> Document:
    """A random but valid line tree of ``n`` people, in a handful of teams and functions."""
    rnd = random.Random(seed)
    people = [{"id": "p0", "name": "Boss", "team": "t0", "function": "f0"}]
    for i in range(1, n):
        people.append(
            {
                "id": f"p{i}",
                "name": f"Person {i:05}",
                "manager": f"p{rnd.randrange(max(0, i - 40), i)}",
                "functional_manager": f"p{rnd.randrange(i)}" if rnd.random() < 0.3 else None,
                "team": f"t{rnd.randrange(8)}",
                "function": f"f{rnd.randrange(4)}",
                "vacant": rnd.random() < 0.05,
            }
        )
    teams = [{"id": f"t{i}", "name": f"Team {i}", "parent": "t0" if i else None} for i in range(8)]
    functions = [{"id": f"f{i}", "name": f"Craft {i}", "leader": f"p{i}"} for i in range(4)]
    return org(people=people, teams=teams, functions=functions)


# -- every view: everyone drawn once, nothing overlaps, lines join real cards ------------------


@given(random_docs())
def test_random_documents_draw_everyone_once_in_every_view(doc):
    people = set(doc.by_id("person"))
    for view in VIEWS:
        chart = build_chart(doc, view, functional_lines=True)
        assert overlaps(chart) == []
        assert_forest(chart)
        for a, b, style in chart.edges:
            assert style in ("solid", "dotted", "bus")
            assert chart.route(a, b, style)
        if view == "people":
            assert set(chart.cards) == people
        elif view == "teams":
            assert Counter(chip_ids(chart)) == Counter(people)
            assert set(chart.cards) - {UNASSIGNED} == set(doc.by_id("team"))
        else:
            persons = [c.id for c in chart.cards.values() if c.kind == "person"]
            assert Counter(persons) == Counter(people)
            headers = {c.ref for c in chart.cards.values() if c.kind == "header"}
            assert set(doc.by_id("function")) <= headers


@pytest.mark.parametrize("view", VIEWS)
def test_a_chart_is_the_same_every_time(view):
    doc = people_doc(300, seed=3)
    a, b = build_chart(doc, view), build_chart(doc, view)
    assert a.cards == b.cards and a.edges == b.edges


# -- people view ---------------------------------------------------------------------------------


def test_people_cards_show_name_role_team_function_and_vacancy():
    doc = healthy()
    doc.people.append(Person(id="open1", role="eng", manager="em-a", team="t-a", vacant=True))
    doc.forget_index()
    chart = build_chart(doc, "people")
    em = chart.cards["em-a"]
    assert (em.kind, em.title, em.subtitle, em.lines, em.function) == (
        "person",
        "Em A",
        "EM",
        ["Payments", "6 reports, 1 open"],
        "engineering",
    )
    vacancy = chart.cards["open1"]
    assert vacancy.vacant and vacancy.title == "Open: ENG"
    assert vacancy.subtitle == ""  # the role is in the title: not said twice
    assert not em.vacant


def test_a_manager_card_counts_direct_reports_and_everyone_below():
    doc = healthy()
    doc.people.append(Person(id="open1", role="eng", manager="em-a", team="t-a", vacant=True))
    doc.forget_index()
    for view in ("people", "functions"):
        cto = build_chart(doc, view).cards["cto"]
        # 8 report directly; 16 people below (the open position is counted apart).
        assert cto.lines[-1] == "8 reports \u00b7 16 people \u00b7 1 open", view
    cards = build_chart(doc, "people").cards
    assert cards["em-b"].lines == ["Search", "3 reports"]
    assert all("report" not in line for line in cards["a1"].lines)  # no reports, no line


def test_headcounts_follow_an_edit_and_survive_a_manager_loop():
    from orgdesigner.core import ops

    doc = healthy()
    ops.edit(doc, "person", "b1", manager="a1").apply(doc)
    cards = build_chart(doc, "people").cards
    assert cards["a1"].lines[-1] == "1 report"
    assert cards["em-a"].lines[-1] == "5 reports \u00b7 6 people"
    # A loop (a1 -> b1 -> a1) is cut where the chart cuts it, and counted as drawn.
    next(p for p in doc.people if p.id == "a1").manager = "b1"  # as a damaged file has it
    doc.forget_index()
    cards = build_chart(doc, "people").cards
    assert cards["a1"].lines[-1] == "1 report"
    assert cards["b1"].lines == ["Search"]


def test_an_open_position_is_titled_by_its_role():
    doc = healthy()
    doc.roles[0].title = "Product Designer"
    rid = doc.roles[0].id
    doc.people.append(Person(id="open1", role=rid, manager="cto", vacant=True))
    doc.people.append(Person(id="open2", name="Hire 2", role=rid, manager="cto", vacant=True))
    doc.forget_index()
    cards = build_chart(doc, "people").cards
    assert cards["open1"].title == "Open: Product Designer"
    assert (cards["open2"].title, cards["open2"].subtitle) == ("Hire 2", "Product Designer")


def test_a_card_shows_the_level_and_its_grade_only_when_grades_exist():
    from orgdesigner.core.model import Grade

    doc = healthy()
    assert not doc.grades
    assert build_chart(doc, "people").cards["a1"].subtitle == "ENG \u00b7 L1"
    doc.grades = [Grade(id="g1", name="Associate"), Grade(id="g2", name="Senior")]
    role = next(r for r in doc.roles if r.id == "eng")
    role.levels[0].grade = "g2"
    doc.forget_index()
    for view in ("people", "functions"):
        card = build_chart(doc, view).cards["a1"]
        assert card.subtitle == "ENG \u00b7 L1 \u00b7 Senior", view
    # A level whose grade is not on the scale shows the level alone.
    role.levels[0].grade = "g9"
    doc.forget_index()
    assert build_chart(doc, "people").cards["a1"].subtitle == "ENG \u00b7 L1"
    assert build_chart(doc, "people").cards["em-a"].subtitle == "EM"  # no level: the role


def test_team_cards_count_their_sub_teams_and_function_heads_their_people():
    doc = healthy()
    cards = build_chart(doc, "teams").cards
    lead = cards["t-lead"]
    assert lead.lines[-1] == "5 people \u00b7 17 with sub-teams"  # everyone
    assert "sub-teams" not in cards["t-a"].lines[-1]
    heads = build_chart(doc, "functions").cards
    assert heads["engineering"].subtitle.endswith(" people")


def test_people_tree_follows_the_line_managers_managers_first_then_by_name():
    chart = build_chart(healthy(), "people", compact=None)
    assert overlaps(chart) == []
    under_cto = [b for a, b in tree_edges(chart) if a == "cto"]
    assert set(under_cto) == {"cpo", "cdo", "pe1", "pe2", "em-a", "em-b", "pm-b", "des-b"}
    # Managers first (em-a, em-b have reports), then the rest by name, left to right.
    assert under_cto == ["em-a", "em-b", "cdo", "cpo", "des-b", "pe1", "pe2", "pm-b"]
    xs = [chart.cards[p].box.x for p in under_cto]
    assert xs == sorted(xs)
    cto = chart.cards["cto"].box
    assert all(chart.cards[p].box.y > cto.bottom for p in under_cto)


def test_by_default_leaf_reports_are_listed_one_under_another_in_name_order():
    chart = build_chart(healthy(), "people")
    assert overlaps(chart) == []
    leaves = ["cdo", "cpo", "des-b", "pe1", "pe2", "pm-b"]
    boxes = [chart.cards[p].box for p in leaves]
    assert len({b.x for b in boxes}) == 1  # one column
    assert [b.y for b in boxes] == sorted(b.y for b in boxes)
    assert {b for a, b, style in chart.edges if style == "bus"} >= set(leaves)
    wide = build_chart(healthy(), "people", compact=None)
    assert chart.width < wide.width


def test_functional_lines_are_dotted_from_person_to_functional_manager_on_demand():
    doc = healthy()
    plain = build_chart(doc, "people")
    assert all(style != "dotted" for _, _, style in plain.edges)
    dotted = {
        (a, b)
        for a, b, s in build_chart(doc, "people", functional_lines=True).edges
        if s == "dotted"
    }
    assert dotted == {("pm-a", "cpo"), ("pm-b", "cpo"), ("des-b", "cdo")}


def test_manager_loops_and_missing_managers_still_draw_everyone_once():
    doc = org(
        people=[
            {"id": "a", "name": "A", "manager": "c"},  # a -> c -> b -> a: a loop
            {"id": "b", "name": "B", "manager": "a"},
            {"id": "c", "name": "C", "manager": "b"},
            {"id": "x", "name": "X", "manager": "c"},  # hangs off the loop
            {"id": "d", "name": "D", "manager": "ghost"},  # dangling
            {"id": "e", "name": "E", "manager": "e"},  # manages themselves
            {"id": "f", "name": "F", "manager": "d"},
        ]
    )
    chart = build_chart(doc, "people")
    assert set(chart.cards) == {"a", "b", "c", "d", "e", "f", "x"}
    assert_forest(chart)
    assert overlaps(chart) == []
    parents = {b: a for a, b in tree_edges(chart)}
    # The loop is broken at its member listed first; the rest keep their managers.
    assert "a" not in parents
    assert parents == {"b": "a", "c": "b", "x": "c", "f": "d"}


def test_a_manager_of_40_is_stacked_not_40_cards_wide():
    people = [{"id": "boss", "name": "Boss"}] + [
        {"id": f"r{i}", "name": f"Report {i:02}", "manager": "boss"} for i in range(40)
    ]
    doc = org(people=people)
    wide = build_chart(doc, "people", compact=None, aspect=None)  # one long row
    compact = build_chart(doc, "people")
    assert compact.width < wide.width / 10
    assert {s for _, _, s in compact.edges} == {"bus"}
    assert overlaps(compact) == []
    for _, b, _ in compact.edges:
        pts = compact.route("boss", b)
        assert pts[0] == (compact.cards["boss"].box.cx, compact.cards["boss"].box.bottom)
        assert pts[-1][1] == pytest.approx(compact.cards[b].box.cy)


# -- collapsing ----------------------------------------------------------------------------------


def test_collapsed_people_hide_their_reports_and_count_them():
    doc = healthy()
    chart = build_chart(doc, "people", collapsed=["em-a"])
    assert not {"a1", "a2", "a3", "a4", "pm-a"} & set(chart.cards)
    assert chart.cards["em-a"].collapsed_count == 5
    assert chart.cards["em-b"].collapsed_count == 0
    assert all(a != "em-a" for a, _ in tree_edges(chart))
    top = build_chart(doc, "people", collapsed=["cto"])
    assert set(top.cards) == {"cto"}
    assert top.cards["cto"].collapsed_count == len(doc.people) - 1
    # Collapsing a leaf, or someone unknown, changes nothing.
    assert set(build_chart(doc, "people", collapsed=["a1", "ghost"]).cards) == set(
        doc.by_id("person")
    )


def test_a_collapsed_manager_is_not_stacked_with_the_leaves():
    people = [{"id": "boss", "name": "Boss"}, {"id": "m", "name": "M", "manager": "boss"}]
    people += [{"id": f"m{i}", "name": f"M{i}", "manager": "m"} for i in range(3)]
    people += [{"id": f"r{i}", "name": f"R{i}", "manager": "boss"} for i in range(8)]
    chart = build_chart(org(people=people), "people", collapsed=["m"])
    styles = {b: s for _, b, s in chart.edges}
    assert styles["m"] == "solid" and styles["r0"] == "bus"
    assert chart.cards["m"].collapsed_count == 3


def test_collapsed_teams_and_function_columns():
    doc = healthy()
    teams = build_chart(doc, "teams", collapsed=["t-lead"])
    assert set(teams.cards) == {"t-lead"}
    assert teams.cards["t-lead"].collapsed_count == 2
    functions = build_chart(doc, "functions", collapsed=["engineering", "cpo"])
    eng = [
        c for c in functions.cards.values() if c.kind == "person" and c.function == "engineering"
    ]
    assert eng == []
    assert functions.cards["engineering"].collapsed_count == 12
    assert "cpo" in functions.cards and not {"pm-a", "pm-b"} & set(functions.cards)
    assert functions.cards["cpo"].collapsed_count == 2


# -- saved positions -----------------------------------------------------------------------------


def test_saved_positions_move_only_their_cards():
    doc = healthy()
    auto = build_chart(doc, "people")
    doc.view.positions["people"] = {"em-a": [5000.0, 7000.0], "ghost": [1.0, 2.0]}
    doc.view.positions["teams"] = {"em-b": [0.0, 0.0]}
    moved = build_chart(doc, "people")
    assert (moved.cards["em-a"].box.x, moved.cards["em-a"].box.y) == (5000.0, 7000.0)
    assert moved.cards["em-a"].box.w == auto.cards["em-a"].box.w
    assert all(moved.cards[k].box == auto.cards[k].box for k in auto.cards if k != "em-a")
    assert moved.width >= 5180 and moved.height >= 7064
    # The connector still joins the moved card.
    pts = moved.route("cto", "em-a")
    assert pts[-1] == (moved.cards["em-a"].box.cx, 7000.0)
    assert build_chart(doc, "people", use_saved_positions=False).cards == auto.cards


def test_saved_positions_move_team_chips_with_their_card():
    doc = healthy()
    auto = build_chart(doc, "teams").cards["t-a"]
    doc.view.positions["teams"] = {"t-a": [auto.box.x + 100, auto.box.y + 50]}
    card = build_chart(doc, "teams").cards["t-a"]
    for before, after in zip(auto.chips, card.chips, strict=True):
        assert (after.box.x - before.box.x, after.box.y - before.box.y) == (100, 50)


def test_saved_positions_that_are_not_numbers_are_ignored():
    doc = healthy()
    auto = build_chart(doc, "people")
    doc.view.positions["people"] = {"em-a": [math.nan, 1.0], "em-b": [1e300, 0.0]}
    chart = build_chart(doc, "people")
    assert chart.cards["em-a"].box == auto.cards["em-a"].box
    assert chart.cards["em-b"].box == auto.cards["em-b"].box


# -- teams view ----------------------------------------------------------------------------------


def test_team_cards_show_owner_mission_model_headcount_and_member_chips():
    doc = healthy()
    chart = build_chart(doc, "teams")
    assert set(chart.cards) == {"t-lead", "t-a", "t-b"}  # everyone is on a team
    assert [b for a, b in tree_edges(chart) if a == "t-lead"] == ["t-a", "t-b"]
    pay = chart.cards["t-a"]
    assert (pay.title, pay.subtitle, pay.model, pay.headcount) == ("Payments", "Em A", "sto", 6)
    assert pay.lines[0] == "Customers pay in one step"
    assert chart.cards["t-b"].model == "functional"
    assert [c.id for c in pay.chips][0] == "em-a"  # the owner first
    assert {c.id for c in pay.chips} == {"em-a", "a1", "a2", "a3", "a4", "pm-a"}
    by_id = {c.id: c for c in pay.chips}
    assert by_id["pm-a"].function == "product" and by_id["a1"].function == "engineering"
    assert by_id["em-a"].label == "Em A"
    for chip in pay.chips:
        b = chip.box
        assert pay.box.x <= b.x and b.right <= pay.box.right
        assert pay.box.y <= b.y and b.bottom <= pay.box.bottom
    assert len({c.box.y for c in pay.chips}) == math.ceil(6 / CHIPS_PER_ROW)
    chips = [c.box for c in pay.chips]
    assert not any(a.overlaps(b) for i, a in enumerate(chips) for b in chips[:i])


def test_team_cards_grow_with_their_members_and_people_on_no_team_get_a_card():
    people = [{"id": f"p{i}", "name": f"P{i}", "team": "big"} for i in range(12)]
    people += [{"id": "s0", "name": "S0", "team": "small"}, {"id": "lost", "team": "ghost"}]
    people += [{"id": "free", "vacant": True}]
    teams = [{"id": "big", "name": "Big"}, {"id": "small", "name": "Small", "parent": "big"}]
    chart = build_chart(org(people=people, teams=teams), "teams")
    assert chart.cards["big"].box.h > chart.cards["small"].box.h
    loose = chart.cards[UNASSIGNED]
    assert loose.title == "No team"
    assert {c.id for c in loose.chips} == {"lost", "free"}
    assert loose.headcount == 1  # the vacancy is a chip, not a head
    assert [c.label for c in loose.chips if c.id == "free"] == ["Open"]
    assert overlaps(chart) == []


def test_team_loops_are_broken_so_every_team_is_drawn():
    teams = [
        {"id": "a", "name": "A", "parent": "b"},
        {"id": "b", "name": "B", "parent": "a"},
        {"id": "c", "name": "C", "parent": "nowhere"},
    ]
    chart = build_chart(org(people=["p"], teams=teams), "teams")
    assert set(chart.cards) == {"a", "b", "c", UNASSIGNED}
    assert_forest(chart)


# -- functions view ------------------------------------------------------------------------------


def test_one_column_per_function_leader_first_then_their_craft_line():
    doc = healthy()
    chart = build_chart(doc, "functions")
    headers = [c for c in chart.cards.values() if c.kind == "header"]
    assert [h.ref for h in headers] == ["engineering", "product", "design"]
    assert [h.box.x for h in headers] == sorted(h.box.x for h in headers)
    eng = chart.cards["engineering"]
    # The leader, then how many people the column lists.
    assert (eng.title, eng.subtitle) == ("Engineering", "Cto \u00b7 12 people")
    assert any("code review" in line for line in eng.lines)

    def column(header):
        return sorted(
            (
                c
                for c in chart.cards.values()
                if c.kind == "person" and header.box.x <= c.box.x < header.box.right
            ),
            key=lambda c: c.box.y,
        )

    product = [c.id for c in column(chart.cards["product"])]
    assert product == ["cpo", "pm-a", "pm-b"]  # the leader, then whom they coach
    assert ("cpo", "pm-a", "bus") in chart.edges
    # Coached people are indented under their functional manager.
    assert chart.cards["pm-a"].box.x > chart.cards["cpo"].box.x
    engineering = [c.id for c in column(eng)]
    assert engineering[0] == "cto"
    assert engineering.index("em-a") < engineering.index("a1") < engineering.index("em-b")
    for card in column(eng):
        assert card.box.y > eng.box.bottom
    assert overlaps(chart) == []


def test_people_with_no_function_get_a_last_column_and_headers_name_standard_owners():
    doc = org(
        people=[
            {"id": "lead", "name": "Lead", "function": "eng"},
            {"id": "coach", "name": "Coach", "function": "eng", "functional_manager": "lead"},
            {"id": "drifter", "name": "Drifter"},
            {"id": "pupil", "name": "Pupil", "functional_manager": "coach"},
        ],
        functions=[
            {
                "id": "eng",
                "name": "Engineering",
                "leader": "lead",
                "standards": {"leveling": "lead", "hiring": "coach", "promotion": None},
            },
            {"id": "ops", "name": "Ops", "leader": "ghost"},
        ],
    )
    chart = build_chart(doc, "functions")
    heads = [c for c in chart.cards.values() if c.kind == "header"]
    assert [h.id for h in heads] == ["eng", "ops", NO_FUNCTION]
    assert chart.cards["eng"].lines == ["Keeps leveling", "Hiring: Coach", "Promotion: no owner"]
    assert chart.cards["ops"].subtitle.startswith("ghost (missing) \u00b7 ")
    # No function of their own: the column of their functional manager.
    assert ("coach", "pupil", "bus") in chart.edges
    nofn = chart.cards[NO_FUNCTION].box
    assert nofn.x <= chart.cards["drifter"].box.x < nofn.right


def test_a_function_id_shared_with_a_person_keeps_both_cards():
    doc = org(
        people=[{"id": "eng", "name": "Eng", "function": "eng"}],
        functions=[{"id": "eng", "name": "E"}],
    )
    chart = build_chart(doc, "functions")
    assert chart.cards["eng"].kind == "person"
    assert chart.cards["function:eng"].kind == "header" and chart.cards["function:eng"].ref == "eng"


# -- odds and ends -------------------------------------------------------------------------------


def test_card_at_finds_the_card_under_a_point():
    chart = build_chart(healthy(), "people")
    b = chart.cards["em-a"].box
    assert chart.card_at(b.cx, b.cy).id == "em-a"
    assert chart.card_at(-10, -10) is None


def test_unknown_view_is_refused():
    with pytest.raises(ValueError, match="unknown view"):
        build_chart(healthy(), "org")  # type: ignore[arg-type]


def test_empty_document():
    doc = Document.new()
    for view in VIEWS:
        chart = build_chart(doc, view)
        assert chart.cards == {} and chart.edges == [] and chart.bounds() == Box(0, 0, 0, 0)


@pytest.mark.slow
def test_fifty_thousand_people_in_every_view():
    doc = people_doc(50_000, seed=1)
    people = set(doc.by_id("person"))
    chart = build_chart(doc, "people")
    assert set(chart.cards) == people
    assert len(tree_edges(chart)) == len(people) - 1
    assert Counter(chip_ids(build_chart(doc, "teams"))) == Counter(people)
    functions = build_chart(doc, "functions")
    assert {c.id for c in functions.cards.values() if c.kind == "person"} == people


# -- which edits can change a chart ------------------------------------------------------------

IGNORED_EDITS = [
    ("person", "a1", "tags", ["remote", "new"]),
    ("person", "pm-a", "embedded", True),
    ("role", "eng", "purpose", "Something else entirely"),
    ("role", "eng", "responsibilities", ["One", "Two"]),
    ("role", "pm", "people_manager", True),
    ("team", "t-a", "required_functions", ["engineering"]),
    ("document", None, "name", "Another name"),
    ("document", None, "description", "Another description"),
]


def charts(doc: Document) -> list[Chart]:
    return [build_chart(doc, view, functional_lines=True) for view in VIEWS]


@pytest.mark.parametrize("kind, id_, field_name, value", IGNORED_EDITS)
def test_edits_a_chart_cannot_show_leave_every_view_identical(kind, id_, field_name, value):
    from orgdesigner.core import ops
    from orgdesigner.core.chart import affects_chart

    doc = healthy()
    before = charts(doc)
    applied = ops.edit(doc, kind, id_, **{field_name: value}).apply(doc)
    assert applied.changes
    assert not affects_chart(applied.changes)
    assert charts(doc) == before


def test_rules_edits_leave_the_charts_alone_and_shown_fields_do_not():
    from orgdesigner.core import ops
    from orgdesigner.core.chart import CHART_FIELDS, affects_chart

    doc = healthy()
    waived = ops.waive(doc, "TEAM-SIZE", "t-b", "A small team on purpose").apply(doc)
    assert not affects_chart(waived.changes)
    values = {
        "name": "Renamed",
        "level": "L3",
        "title": "Retitled",
        "mission": "Another mission",
        "vacant": True,
        "model": "functional",
        "default_team_model": "functional",
        "standards": {"leveling": None},
    }
    samples = {"person": "a1", "team": "t-a", "role": "eng", "function": "design"}
    for kind, fields in CHART_FIELDS.items():
        for name in fields & values.keys():
            op = ops.edit(doc, kind, samples.get(kind), **{name: values[name]})
            assert affects_chart(op.apply(doc).changes), (kind, name)
    assert affects_chart([ops.Change("remove", "person", "a1", None, None, None)])
    assert affects_chart([ops.Change("set", "view", "people", "positions")])


# -- fitted to a window's shape ------------------------------------------------------------------


def bad_lines(chart: Chart) -> list[tuple[str, str, str]]:
    """Tree lines that do not start and end on their cards' edges, or pass through a card."""
    found = []
    eps = 1e-6

    def on_edge(box: Box, x: float, y: float) -> bool:
        inside = box.x - eps <= x <= box.right + eps and box.y - eps <= y <= box.bottom + eps
        near = min(abs(x - box.x), abs(x - box.right), abs(y - box.y), abs(y - box.bottom))
        return inside and near < eps

    boxes = [(k, c.box) for k, c in chart.cards.items()]
    for a, b, style in chart.edges:
        if style == "dotted":
            continue
        pts = chart.route(a, b, style)
        assert pts is not None
        if not on_edge(chart.cards[a].box, *pts[0]) or not on_edge(chart.cards[b].box, *pts[-1]):
            found.append((a, b, "ends"))
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            lo_x, hi_x, lo_y, hi_y = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
            for key, box in boxes:
                if (
                    lo_x < box.right - eps
                    and hi_x > box.x + eps
                    and lo_y < box.bottom - eps
                    and hi_y > box.y + eps
                ):
                    found.append((a, b, key))
    return found


@pytest.mark.parametrize(
    ("n", "seed", "aspect"), [(120, 1, 1.6), (400, 2, 1.6), (400, 3, 1.0), (900, 4, 2.2)]
)
@pytest.mark.parametrize("view", VIEWS)
def test_a_fitted_chart_keeps_cards_apart_and_lines_on_their_cards(view, n, seed, aspect):
    doc = people_doc(n, seed)
    plain = build_chart(doc, view, aspect=None)
    chart = build_chart(doc, view, aspect=aspect)
    assert set(chart.cards) == set(plain.cards)
    assert overlaps(chart) == []
    assert bad_lines(chart) == []
    assert {(a, b) for a, b, _ in chart.edges} == {(a, b) for a, b, _ in plain.edges}

    def scale(c: Chart) -> float:  # how large it shows in a window of that shape
        box = c.bounds()
        return min(aspect / box.w, 1 / box.h)

    assert scale(chart) >= scale(plain)


def test_a_long_function_column_splits_under_its_widened_header():
    doc = people_doc(400, seed=2)
    plain = build_chart(doc, "functions", aspect=None)
    chart = build_chart(doc, "functions", aspect=1.6)
    assert chart.height < plain.height / 2
    headers = sorted((c for c in chart.cards.values() if c.kind == "header"), key=lambda c: c.box.x)
    # each column's people lie under its header, which spans its sub-columns
    for h in headers:
        plain_ids = {
            c.id
            for c in plain.cards.values()
            if c.kind == "person"
            and plain.cards[h.id].box.x <= c.box.x < plain.cards[h.id].box.right
        }
        assert all(h.box.x <= chart.cards[i].box.x < h.box.right for i in plain_ids)
    assert any(h.box.w > plain.cards[h.id].box.w for h in headers)


def test_a_chart_that_shows_well_as_it_is_keeps_its_plain_layout():
    # Product development's nine teams: a short, wide tree a window shows whole.
    doc = load(next(p for p in examples() if p.name == "product-sto.orgd"))
    plain = build_chart(doc, "teams", aspect=None)
    fitted = build_chart(doc, "teams", aspect=1.6)
    assert plain.width > 1.6 * plain.height  # wider than the window, yet small
    assert {k: c.box for k, c in fitted.cards.items()} == {k: c.box for k, c in plain.cards.items()}
