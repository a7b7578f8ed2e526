"""The compare window's Plan and Decisions tabs, and File > Export > Transition plan."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from orgdesigner.core import io  # noqa: E402
from orgdesigner.core.plan import plan  # noqa: E402
from orgdesigner.qt.compare import CompareWindow  # noqa: E402
from orgdesigner.resources_path import resource  # noqa: E402

STO = resource("examples", "product-sto.orgd")
STOOL = resource("examples", "product-stool.orgd")
JONAS = "p-jonas-berg"  # product manager on Commerce: moves from Mei Lin to Priya Raman


def shown(qtbot, win: CompareWindow) -> CompareWindow:
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    QApplication.processEvents()
    return win


def open_plan_tab(qtbot, cw: CompareWindow):
    bar = cw.tabs.tabBar()
    index = cw.tabs.indexOf(cw.plan_panel)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    QApplication.processEvents()
    assert cw.tabs.currentWidget() is cw.plan_panel
    return cw.plan_panel


def test_plan_tab_shows_the_waves_of_the_plan(qtbot):
    cw = shown(qtbot, CompareWindow(str(STOOL), str(STO)))
    panel = open_plan_tab(qtbot, cw)
    tops = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert tops[0] == "Who is affected"
    assert tops[1].startswith("Wave 1: Move people, top-down (13)")
    assert any(t.startswith("Wave 2: Switch teams to single-threaded ownership") for t in tops)
    expected = plan(io.load(STOOL), io.load(STO))
    assert panel.summary.text().startswith(
        f"{len(expected.steps)} steps in {len(expected.waves)} waves; 22 people affected."
    )
    assert "Mei Lin no longer has line reports" in panel.summary.text()


def test_clicking_a_step_selects_its_subject_on_both_sides(qtbot):
    cw = shown(qtbot, CompareWindow(str(STOOL), str(STO)))
    panel = open_plan_tab(qtbot, cw)
    item = next(
        i for i in panel.step_items() if i.data(0, Qt.ItemDataRole.UserRole) == ("person", JONAS)
    )
    assert item.text(0).startswith("1. Jonas Berg (Commerce): now reports to Priya Raman")
    panel.tree.scrollToItem(item)
    rect = panel.tree.visualItemRect(item)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QApplication.processEvents()
    assert cw.controllers["a"].selection == [JONAS]
    assert cw.controllers["b"].selection == [JONAS]
    # a team's step brings up the Teams view, where teams are drawn
    team = next(i for i in panel.step_items() if i.data(0, Qt.ItemDataRole.UserRole)[0] == "team")
    panel.tree.scrollToItem(team)
    rect = panel.tree.visualItemRect(team)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QApplication.processEvents()
    tid = team.data(0, Qt.ItemDataRole.UserRole)[1]
    assert cw.controllers["a"].selection == [tid] == cw.controllers["b"].selection
    assert cw.current_view() == "teams"


def test_export_button_writes_the_plan(qtbot, tmp_path):
    cw = shown(qtbot, CompareWindow(str(STOOL), str(STO)))
    panel = cw.plan_panel
    out = tmp_path / "plan.csv"
    panel.choose_path = lambda: str(out)  # type: ignore[method-assign]
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    steps = len(plan(io.load(STOOL), io.load(STO)).steps)
    assert lines[0].startswith("wave,wave name,step") and len(lines) == 1 + steps


def test_generated_variant_lists_the_transforms_decisions(qtbot, main):
    win, actions = main
    cw = actions.generate("sto")
    qtbot.addWidget(cw)
    lst = cw.decision_list
    assert lst is not None
    assert cw.tabs.tabText(cw.tabs.indexOf(lst)).startswith("Decisions (")
    done = lst.topLevelItem(lst.topLevelItemCount() - 1)
    texts = [done.child(j).text(0) for j in range(done.childCount())]
    assert any(t.startswith("Jonas Berg now reports to Priya Raman") for t in texts)
    jonas = next(
        done.child(j) for j in range(done.childCount()) if "Jonas Berg now" in done.child(j).text(0)
    )
    assert jonas.text(1).startswith("on an STO team everyone reports to its owner")


def test_file_export_writes_the_plan_of_the_open_comparison(qtbot, main, tmp_path):
    win, actions = main
    export_menu = next(
        a.menu() for a in win.menus["file"].actions() if a.menu() and "Export" in a.menu().title()
    )
    assert win.plan_export.action in export_menu.actions()
    cw = actions.compare_with_path(str(STO))
    qtbot.addWidget(cw)
    out = tmp_path / "plan.md"
    win.plan_export.choose_path = lambda p: str(out)  # type: ignore[method-assign]
    win.plan_export.choose_variant = lambda: pytest.fail("a comparison is open")  # type: ignore
    win.plan_export.action.trigger()
    assert out.read_text(encoding="utf-8").startswith("# Transition plan: Product development")
    # with no comparison open, it asks for the variant to plan the transition to
    cw.close()
    QApplication.processEvents()
    out2 = tmp_path / "plan2.pdf"
    win.plan_export.choose_variant = lambda: str(STO)  # type: ignore[method-assign]
    win.plan_export.choose_path = lambda p: str(out2)  # type: ignore[method-assign]
    win.plan_export.action.trigger()
    assert out2.read_bytes().startswith(b"%PDF")
