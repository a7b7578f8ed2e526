"""Functions view: dropping a person on a functional leader makes them their functional manager."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from orgdesigner.core import io  # noqa: E402


@pytest.fixture
def functions(window):
    window.set_view("functions")
    return window


def _column(win, card_id):
    """The function head above the column showing ``card_id``."""
    x = win.scene.cards[card_id].pos().x()
    heads = [c for c in win.scene.cards.values() if c.kind == "header"]
    return next(h.ref for h in heads if h.pos().x() <= x < h.pos().x() + h.rect.width())


def test_person_onto_a_leader_of_another_craft_lands_under_that_leader(functions, qtbot, g):
    before = io.dumps(functions.controller.doc)
    assert _column(functions, "bob") == "engineering"
    a, b = g.both_visible(functions, "bob", "pia")
    g.press_and_move(qtbot, functions, a, b)
    assert g.status(functions) == (
        "Pia Lund will be Bob Baker's functional manager; Bob Baker moves to Product"
    )
    g.release(qtbot, functions, b)

    doc = functions.controller.doc
    assert doc.person("bob").functional_manager == "pia"
    assert doc.function_of(doc.person("bob")) == "product"
    assert functions.controller.undo_stack.count() == 1
    assert functions.controller.undo_stack.text(0) == "Pia Lund coaches Bob Baker in Product"
    # The card now sits in the leader's column, one level in, below the leader's card.
    bob, pia = functions.scene.cards["bob"], functions.scene.cards["pia"]
    assert _column(functions, "bob") == "product"
    assert bob.pos().y() > pia.pos().y()
    assert bob.pos().x() > pia.pos().x()
    assert ("pia", "bob", "bus") in functions.scene.chart.edges
    assert "FUNC-COACH-MISMATCH" not in {f.rule for f in functions.controller.report.about("bob")}

    functions.controller.undo_stack.undo()
    assert io.dumps(functions.controller.doc) == before
    assert _column(functions, "bob") == "engineering"


def test_person_onto_a_function_head_goes_to_its_leader(functions, qtbot, g):
    a, b = g.both_visible(functions, "pat", "engineering")
    g.drag(qtbot, functions, a, b)
    assert functions.controller.doc.person("pat").functional_manager == "cto"


def test_person_onto_their_own_functional_manager_changes_nothing(functions, qtbot, g):
    before = io.dumps(functions.controller.doc)
    a, b = g.both_visible(functions, "bob", "cto")
    g.drag(qtbot, functions, a, b)
    assert io.dumps(functions.controller.doc) == before
    assert "already Bob Baker's functional manager" in g.status(functions)
    assert functions.controller.undo_stack.count() == 0
