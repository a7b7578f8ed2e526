"""Functions view: dropping a person on a functional leader makes them their functional manager."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from orgdesigner.core import io  # noqa: E402


@pytest.fixture
def functions(window):
    window.set_view("functions")
    return window


def test_person_onto_leader_sets_functional_manager_and_findings_follow(functions, qtbot, g):
    before = io.dumps(functions.controller.doc)
    a, b = g.both_visible(functions, "bob", "pia")
    g.press_and_move(qtbot, functions, a, b)
    assert g.status(functions) == "Pia Lund will be Bob Baker's functional manager"
    g.release(qtbot, functions, b)

    assert functions.controller.doc.person("bob").functional_manager == "pia"
    assert functions.controller.undo_stack.text(0) == "Pia Lund coaches Bob Baker"
    # An engineer coached by the product leader: a mismatch the validator reports.
    assert "FUNC-COACH-MISMATCH" in {f.rule for f in functions.controller.report.about("bob")}

    functions.controller.undo_stack.undo()
    assert io.dumps(functions.controller.doc) == before
    assert "FUNC-COACH-MISMATCH" not in {f.rule for f in functions.controller.report.about("bob")}


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
