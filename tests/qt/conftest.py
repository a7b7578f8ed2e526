"""Fixtures for the main window and canvas tests: a small organisation and real gestures.

The repository's tests/conftest.py already points every user folder (and
QSettings) at a temporary directory, so nothing here touches the real ones.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from orgdesigner.core import io
from orgdesigner.core.model import Document, Function, Level, Person, Role, Team


def org() -> Document:
    """Carla (CTO) over two STO teams, Payments (Ann) and Checkout (Dan), and a PM leader.

    Payments: Ann owns it; Bob, Cy and Pat report to her. Checkout: Dan owns it;
    Eve reports to him. Functions: engineering led by Carla, product led by Pia.
    """
    d = Document.new("Test org")
    d.functions = [
        Function(
            id="engineering",
            name="Engineering",
            leader="cto",
            standards={
                "leveling": "cto",
                "career_path": "cto",
                "promotion": "cto",
                "hiring": "cto",
                "code_review": "cto",
            },
        ),
        Function(
            id="product",
            name="Product",
            leader="pia",
            standards={
                "leveling": "pia",
                "career_path": "pia",
                "promotion": "pia",
                "hiring": "pia",
            },
        ),
    ]
    ladder = [
        Level(code="L1", title="One", expectations="x"),
        Level(code="L2", title="Two", expectations="y"),
    ]
    d.roles = [
        Role(
            id="cto",
            title="CTO",
            function="engineering",
            people_manager=True,
            purpose="p",
            responsibilities=["r"],
            levels=ladder,
        ),
        Role(
            id="em",
            title="Engineering Manager",
            function="engineering",
            people_manager=True,
            purpose="p",
            responsibilities=["r"],
            levels=ladder,
        ),
        Role(
            id="eng",
            title="Software Engineer",
            function="engineering",
            purpose="p",
            responsibilities=["r"],
            levels=ladder,
        ),
        Role(
            id="pm",
            title="Product Manager",
            function="product",
            purpose="p",
            responsibilities=["r"],
            levels=ladder,
        ),
    ]
    d.teams = [
        Team(id="t-top", name="Product Development", mission="Build the product", owner="cto"),
        Team(
            id="t-pay",
            name="Payments",
            mission="Customers pay in one step",
            owner="ann",
            parent="t-top",
            model="sto",
        ),
        Team(
            id="t-chk",
            name="Checkout",
            mission="Checkout never fails",
            owner="dan",
            parent="t-top",
            model="sto",
        ),
    ]
    d.people = [
        Person(id="cto", name="Carla Diaz", role="cto", level="L2", team="t-top"),
        Person(id="pia", name="Pia Lund", role="pm", level="L2", manager="cto", team="t-top"),
        Person(id="ann", name="Ann Archer", role="em", level="L1", manager="cto", team="t-pay"),
        Person(
            id="bob",
            name="Bob Baker",
            role="eng",
            level="L1",
            manager="ann",
            team="t-pay",
            functional_manager="cto",
        ),
        Person(id="cy", name="Cy Clark", role="eng", level="L1", manager="ann", team="t-pay"),
        Person(
            id="pat",
            name="Pat Price",
            role="pm",
            level="L1",
            manager="ann",
            team="t-pay",
            functional_manager="pia",
        ),
        Person(id="dan", name="Dan Dorsey", role="em", level="L1", manager="cto", team="t-chk"),
        Person(id="eve", name="Eve Evans", role="eng", level="L1", manager="dan", team="t-chk"),
    ]
    d.forget_index()
    return d


@pytest.fixture
def window(qtbot, tmp_path):
    """A shown main window on :func:`org`, saved at tmp_path/org.orgd, without extensions."""
    from orgdesigner.qt.main_window import MainWindow

    path = tmp_path / "org.orgd"
    io.save(org(), path)
    win = MainWindow(extensions=False)
    qtbot.addWidget(win)
    win.scene.animate = False  # a refused drop snaps back at once
    win.show_error = lambda title, text: win.errors.append((title, text))  # type: ignore
    win.errors = []  # type: ignore[attr-defined]
    # Closing at teardown must not wait on a modal "save changes?" box.
    win.ask_save_changes = lambda: "discard"  # type: ignore[method-assign]
    assert win.open_path(str(path))
    win.resize(1300, 850)
    win.show()
    qtbot.waitExposed(win)
    QApplication.processEvents()
    return win


class Gestures:
    """Real mouse gestures on the canvas viewport, addressed by scene points and card IDs."""

    @staticmethod
    def card_centre(win, id_: str) -> QPointF:
        """Scene point in the middle of ``id_``'s card (or chip), after centring it on screen."""
        win.canvas.centre_on(id_)
        QApplication.processEvents()
        rect = win.scene.card_rect(id_)
        assert rect is not None, f"{id_} has no card in the {win.current_view()} view"
        return rect.center()

    @staticmethod
    def view_point(win, scene_point: QPointF) -> QPoint:
        return win.canvas.mapFromScene(scene_point)

    @classmethod
    def press_and_move(cls, qtbot, win, start: QPointF, end: QPointF, steps: int = 6) -> None:
        """Press on ``start`` and move to ``end`` (scene points) with the button held."""
        vp = win.canvas.viewport()
        a = cls.view_point(win, start)
        b = cls.view_point(win, end)
        qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=a)
        for i in range(1, steps + 1):
            p = QPoint(a.x() + (b.x() - a.x()) * i // steps, a.y() + (b.y() - a.y()) * i // steps)
            qtbot.mouseMove(vp, p)
        QApplication.processEvents()

    @classmethod
    def release(cls, qtbot, win, end: QPointF) -> None:
        qtbot.mouseRelease(
            win.canvas.viewport(), Qt.MouseButton.LeftButton, pos=cls.view_point(win, end)
        )
        QApplication.processEvents()

    @classmethod
    def drag(cls, qtbot, win, start: QPointF, end: QPointF) -> None:
        """A whole drag gesture on the canvas viewport, from scene point to scene point."""
        cls.press_and_move(qtbot, win, start, end)
        cls.release(qtbot, win, end)

    @staticmethod
    def both_visible(win, a: str, b: str) -> tuple[QPointF, QPointF]:
        """Scene centres of two cards (or chips), zoomed so that both are on screen."""
        ra = win.scene.card_rect(a)
        rb = win.scene.card_rect(b)
        assert ra is not None and rb is not None
        win.canvas.fit(ra.united(rb), max_zoom=1.0)
        QApplication.processEvents()
        return ra.center(), rb.center()

    @staticmethod
    def status(win) -> str:
        return win.statusBar().currentMessage()


@pytest.fixture
def g() -> type[Gestures]:
    """The gesture helpers (a fixture, so test modules need not import this conftest)."""
    return Gestures


@pytest.fixture
def org_doc() -> Document:
    """A fresh copy of the small organisation of ``org()`` (a fixture, for the same reason)."""
    return org()


@pytest.fixture
def main(qtbot, tmp_path):
    """A shown main window on a copy of the bundled stool example, with the compare
    commands installed: (window, compare actions)."""
    from orgdesigner.qt.compare import install_compare_actions
    from orgdesigner.qt.main_window import MainWindow
    from orgdesigner.resources_path import resource

    path = tmp_path / "stool.orgd"
    path.write_bytes(resource("examples", "product-stool.orgd").read_bytes())
    win = MainWindow(extensions=False)
    qtbot.addWidget(win)
    win.errors = []  # type: ignore[attr-defined]
    win.show_error = lambda title, text: win.errors.append((title, text))  # type: ignore
    assert win.open_path(str(path))
    win.show()
    qtbot.waitExposed(win)
    # Closing a window with unsaved changes must not wait for a modal answer.
    win.ask_save_changes = lambda: "discard"  # type: ignore[method-assign]
    return win, install_compare_actions(win)
