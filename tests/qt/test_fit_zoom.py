"""Every bundled example and a generated 1,000-person organisation, opened as a user
opens them (folded when large) and fitted in a 1600x1000 window, show their cards at
35 % zoom or more in each view: names read, never a strip of slivers."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from orgdesigner.core import io
from orgdesigner.core.generate import generate

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "examples").glob("*.orgd"))
TARGET = 0.35


@pytest.fixture(scope="module")
def generated():
    return io.dumps(generate(1000, seed=7))


@pytest.mark.parametrize("source", [*(p.name for p in EXAMPLES), "generated 1,000"])
def test_fitted_in_a_1600_by_1000_window_cards_show_at_35_percent(qtbot, source, generated):
    from orgdesigner.qt.canvas.scene import ChartScene
    from orgdesigner.qt.canvas.view import ChartView
    from orgdesigner.qt.document import DocumentController

    text = generated if source == "generated 1,000" else (EXAMPLES[0].parent / source).read_text()
    controller = DocumentController()
    scene = ChartScene(controller)
    view = ChartView(scene)
    qtbot.addWidget(view)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.resize(1600, 1000)
    view.show()
    qtbot.waitExposed(view)
    frame = view.size() - view.viewport().size()
    view.resize(1600 + frame.width(), 1000 + frame.height())
    QApplication.processEvents()
    assert (view.viewport().width(), view.viewport().height()) == (1600, 1000)
    controller.replace(io.loads(text))
    zooms = {}
    for name in ("people", "teams", "functions"):
        scene.set_view(name)
        view.show_start()
        QApplication.processEvents()
        assert scene.cards, name
        zooms[name] = view.fit_factor()
    assert all(z >= TARGET for z in zooms.values()), zooms


@pytest.mark.parametrize("size", [(1600, 1000), (1366, 768)])
def test_a_large_file_in_the_main_window_opens_every_view_readable(
    qtbot, tmp_path, size, generated
):
    # The same, in the real window with its docks: the canvas is narrower than the screen.
    from orgdesigner.qt.main_window import MainWindow

    path = tmp_path / "g1k.orgd"
    path.write_text(generated)
    win = MainWindow(extensions=False)
    qtbot.addWidget(win)
    win.ask_save_changes = lambda: "discard"  # type: ignore[method-assign]
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_path(str(path))
    QApplication.processEvents()
    zooms = {}
    for name in ("people", "teams", "functions"):
        win.set_view(name)
        QApplication.processEvents()
        zooms[name] = win.canvas.fit_factor()
        # The first look never cuts the chart's left edge (the top card's side).
        shown = win.canvas.mapToScene(win.canvas.viewport().rect()).boundingRect()
        assert shown.left() <= win.scene.chart_rect().left() + 1, name
    floor = TARGET if size == (1600, 1000) else TARGET * 0.8  # a laptop screen is smaller
    assert all(z >= floor for z in zooms.values()), zooms
