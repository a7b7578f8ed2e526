"""The canvas after edits is the canvas drawn afresh, and a drop touches only what it changes.

After every edit the scene updates its items in place (moves the cards that shifted,
repaints those whose content changed, adds and removes the rest). The property test
drives drops, folds, undos and redos as the app does them (the core's drop effects
through the controller) and compares every card, badge and connector with a scene
built from scratch on a copy of the document.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from PySide6.QtCore import QRectF  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from orgdesigner.core import drops, io  # noqa: E402
from orgdesigner.core.generate import generate  # noqa: E402
from orgdesigner.qt.canvas.items import CardItem  # noqa: E402
from orgdesigner.qt.canvas.readonly import card_key  # noqa: E402
from orgdesigner.qt.canvas.scene import ChartScene  # noqa: E402
from orgdesigner.qt.document import DocumentController  # noqa: E402


def picture(scene: ChartScene) -> dict:
    """Everything the scene shows, in plain values."""
    cards = {}
    for cid, item in scene.cards.items():
        cards[cid] = (
            round(item.pos().x(), 3),
            round(item.pos().y(), 3),
            card_key(item.card),
            (item.errors, item.warnings, item.worst),
            item.children_count,
            item.ref,
            item.team_model,
            item.selected,
        )
    edges = {}
    for key, (_sig, item) in scene.edges.items():
        path = item.path()
        points = [
            (
                round(item.pos().x() + path.elementAt(i).x, 3),
                round(item.pos().y() + path.elementAt(i).y, 3),
            )
            for i in range(path.elementCount())
        ]
        edges[key] = (item.dotted, points)
    return {
        "cards": cards,
        "edges": edges,
        "chips": dict(scene.chip_owner),
        "entities": dict(scene.entity_card),
        "rect": scene.chart_rect().getRect(),
    }


class AsSaved(ChartScene):
    """A scene that shows the document as it is (a large one is not folded on arrival)."""

    def prepare_document(self) -> None:
        pass


def fresh_picture(scene: ChartScene) -> dict:
    """The picture of a scene built from scratch on a copy of the document."""
    doc = io.loads(io.dumps(scene.controller.doc))
    other = DocumentController(doc)
    fresh = AsSaved(other)
    aspect = scene.aspect_used
    fresh.window_aspect = lambda: aspect  # laid out for the same window shape
    fresh.set_functional_lines(scene.functional_lines)
    fresh.set_view(scene.view_name)
    fresh.rebuild()
    other.select(list(scene.controller.selection))
    out = picture(fresh)
    fresh.deleteLater()
    return out


steps = st.lists(
    st.one_of(
        st.tuples(st.just("drop"), st.integers(0, 10**6), st.integers(0, 10**6)),
        st.tuples(st.just("chip"), st.integers(0, 10**6), st.integers(0, 10**6)),
        st.tuples(st.just("fold"), st.integers(0, 10**6), st.just(0)),
        st.tuples(st.just("view"), st.sampled_from(["people", "teams", "functions"]), st.just(0)),
        st.tuples(st.just("undo"), st.just(0), st.just(0)),
        st.tuples(st.just("redo"), st.just(0), st.just(0)),
        st.tuples(st.just("lines"), st.just(0), st.just(0)),
    ),
    min_size=1,
    max_size=14,
)


def apply_step(scene: ChartScene, step) -> None:
    controller = scene.controller
    doc = controller.doc
    kind, a, b = step
    cards = sorted(scene.cards)
    if kind == "view":
        scene.set_view(a)
    elif kind == "undo":
        controller.undo_stack.undo()
    elif kind == "redo":
        controller.undo_stack.redo()
    elif kind == "lines":
        scene.set_functional_lines(not scene.functional_lines)
    elif kind == "fold" and cards:
        scene.toggle_collapsed(scene.entity_of(cards[a % len(cards)]))
    elif kind == "drop" and cards:
        # A card onto a card, as a drag on the canvas does it.
        source = scene.cards[cards[a % len(cards)]]
        target = scene.cards[cards[b % len(cards)]]
        if source is target or source.kind not in ("person", "team"):
            return
        op, ok, _ = scene.drop_effect(
            scene.entity_of(source.id), "card", target, scene.entity_of(target.id)
        )
        if ok and op is not None:
            controller.do(op)
    elif kind == "chip":
        chips = sorted(scene.chip_owner)
        teams = [c for c in cards if scene.cards[c].kind == "team"]
        if not chips or not teams:
            return
        target = scene.cards[teams[b % len(teams)]]
        op, ok, _ = drops.drop_effect(
            doc, scene.view_name, "chip", chips[a % len(chips)], target.kind, target.id
        )
        if ok and op is not None:
            controller.do(op)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps, st.integers(0, 3))
# A drop that moved a card into a functional line's way left the line where it was.
@example(actions=[("lines", 0, 0), ("drop", 192, 100)], seed=3)
def test_scene_after_drops_and_undos_equals_a_scene_built_from_scratch(qtbot, actions, seed):
    doc = generate(40, seed=seed)
    controller = DocumentController(doc)
    scene = ChartScene(controller)
    scene.animate = False
    controller.select([doc.people[seed].id])
    for step in actions:
        apply_step(scene, step)
        QApplication.processEvents()
        wrong = differences(picture(scene), fresh_picture(scene))
        assert not wrong, (step, wrong)
    scene.deleteLater()


def differences(got: dict, want: dict, limit: int = 5) -> list[str]:
    """A few short lines naming what differs between two pictures (a failing example is
    shrunk many times: a full diff of two whole pictures each time would take hours)."""
    out: list[str] = []
    for part in sorted(set(got) | set(want)):
        a, b = got.get(part), want.get(part)
        if a == b:
            continue
        if not (isinstance(a, dict) and isinstance(b, dict)):
            out.append(f"{part}: {str(a)[:200]} != {str(b)[:200]}")
            continue
        for key in sorted(set(a) | set(b), key=str):
            if a.get(key) != b.get(key):
                out.append(f"{part}[{key}]: {str(a.get(key))[:200]} != {str(b.get(key))[:200]}")
                if len(out) >= limit:
                    return out
    return out


# -- a real drag: only what changed is touched ------------------------------------------


def finding_keys(controller) -> set:
    return {(f.rule, f.subjects, f.waived) for f in controller.report.findings}


def count_set_card(monkeypatch) -> list[str]:
    calls: list[str] = []
    original = CardItem.set_card

    def counting(self, card, *args, **kwargs):
        if not kwargs.get("fresh"):  # a new item paints itself the first time
            calls.append(self.id)
        return original(self, card, *args, **kwargs)

    monkeypatch.setattr(CardItem, "set_card", counting)
    return calls


def test_a_drag_in_the_people_view_keeps_every_other_card_item(window, qtbot, g, monkeypatch):
    scene = window.scene
    before = dict(scene.cards)
    edges_before = {k: item for k, (_s, item) in scene.edges.items()}
    repainted = count_set_card(monkeypatch)
    a, b = g.both_visible(window, "eve", "ann")

    g.drag(qtbot, window, a, b)

    doc = window.controller.doc
    assert doc.person("eve").manager == "ann"
    assert window.controller.undo_stack.count() == 1
    # The same items, moved where the new layout puts them; only the two managers whose
    # reports line changed are drawn again.
    assert scene.cards == before
    assert all(scene.cards[c] is before[c] for c in before)
    assert sorted(repainted) == ["ann", "dan"]
    # Connectors: Ann's are rerouted in place, the other managers' are the same items.
    assert all(scene.edges[k][1] is item for k, item in edges_before.items() if k in scene.edges)
    assert picture(scene) == fresh_picture(scene)
    # The findings are those of the edited document, checked afresh.
    fresh = DocumentController(io.loads(io.dumps(doc)))
    assert finding_keys(window.controller) == finding_keys(fresh)

    window.controller.undo_stack.undo()
    QApplication.processEvents()
    assert doc.person("eve").manager == "dan"
    assert all(scene.cards[c] is before[c] for c in before)
    assert picture(scene) == fresh_picture(scene)


def test_a_chip_drag_in_the_teams_view_redraws_only_the_two_teams(window, qtbot, g, monkeypatch):
    window.actions_by_name["view_teams"].trigger()
    QApplication.processEvents()
    scene = window.scene
    assert scene.view_name == "teams"
    before = dict(scene.cards)
    repainted = count_set_card(monkeypatch)
    findings_before = finding_keys(window.controller)
    a, b = g.both_visible(window, "eve", "t-pay")

    g.drag(qtbot, window, a, b)

    assert window.controller.doc.person("eve").team == "t-pay"
    assert window.controller.undo_stack.count() == 1
    assert sorted(repainted) == ["t-chk", "t-pay"]
    assert all(scene.cards[c] is before[c] for c in before)
    assert scene.chip_owner["eve"] == "t-pay"
    assert picture(scene) == fresh_picture(scene)
    findings_after = finding_keys(window.controller)
    fresh = DocumentController(io.loads(io.dumps(window.controller.doc)))
    assert findings_after == finding_keys(fresh)
    assert findings_after != findings_before  # Checkout is left with its owner alone

    window.controller.undo_stack.undo()
    QApplication.processEvents()
    assert window.controller.doc.person("eve").team == "t-chk"
    assert finding_keys(window.controller) == findings_before
    assert picture(scene) == fresh_picture(scene)


# -- a large chart makes its card items as they come into sight ----------------------------


@pytest.fixture
def big_window(qtbot, tmp_path):
    from orgdesigner.qt.main_window import MainWindow

    path = tmp_path / "big.orgd"
    io.save(generate(2500, seed=2), path)
    win = MainWindow(extensions=False)
    qtbot.addWidget(win)
    win.ask_save_changes = lambda: "discard"  # type: ignore[method-assign]
    win.resize(1300, 850)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_path(str(path))
    QApplication.processEvents()
    return win


def test_a_large_chart_shows_the_cards_in_sight_first_and_the_rest_just_after(big_window, qtbot):
    win = big_window
    scene = win.scene
    scene._filler.stop()  # hold the batches back to look at the chart in between
    win.actions_by_name["expand_all"].trigger()
    scene._filler.stop()
    doc = win.controller.doc
    assert len(scene.chart.cards) == len(doc.people)
    waiting = set(scene._pending)
    assert waiting and len(scene.cards) < len(doc.people)
    # What is on screen has its items.
    shown = win.canvas.mapToScene(win.canvas.viewport().rect()).boundingRect()
    assert not waiting & set(scene.cards)
    assert all(
        not shown.intersects(QRectF(c.box.x, c.box.y, c.box.w, c.box.h))
        for cid, c in scene.chart.cards.items()
        if cid in waiting
    )
    # Search and the arrow keys reach a card not yet made: it is made on the way.
    far = sorted(waiting)[0]
    assert win.canvas.centre_on(far)
    assert far in scene.cards and scene.card_rect(far) is not None
    win.controller.select([far])
    assert scene.cards[far].selected
    # Scrolling to another part of the chart makes its cards as it is painted.
    other = next(cid for cid in sorted(waiting) if cid in scene._pending)
    box = scene.chart.cards[other].box
    win.canvas.centerOn(box.x, box.y)
    win.canvas.viewport().repaint()
    assert other in scene.cards
    # The rest follow in batches, and then the canvas is the one drawn afresh.
    scene._filler.start()
    qtbot.waitUntil(lambda: not scene._pending, timeout=20000)
    assert set(scene.cards) == set(scene.chart.cards)
    assert picture(scene) == fresh_picture(scene)
