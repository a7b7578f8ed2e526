"""Small documents and a stand-in main window for the workbench tests.

The stand-in offers exactly what ``workbench.install`` relies on (controller,
canvas.centre_on, menus, add_dock, current_view), so the workbench is tested
on its own contract.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from orgdesigner.core.model import Document, Function, Level, Person, Role, Team
from orgdesigner.qt.document import DocumentController


def small_org() -> Document:
    """One STO team owned by Ann, with engineers, a product manager and a vacancy."""
    d = Document.new("Small org")
    d.functions = [
        Function(id="engineering", name="Engineering", leader="cto"),
        Function(id="product", name="Product"),
    ]
    d.roles = [
        Role(id="r-cto", title="CTO", function="engineering", people_manager=True),
        Role(
            id="em",
            title="Engineering Manager",
            function="engineering",
            people_manager=True,
            purpose="Leads a team",
            responsibilities=["Hiring", "Delivery"],
            levels=[Level(code="M1", title="Manager"), Level(code="M2")],
        ),
        Role(
            id="eng",
            title="Software Engineer",
            function="engineering",
            purpose="Builds the product",
            responsibilities=["Code"],
            levels=[
                Level(code="L1", title="Engineer"),
                Level(code="L2"),
                Level(code="L3", title="Senior Engineer"),
            ],
        ),
        Role(id="pm", title="Product Manager", function="product", levels=[Level(code="P1")]),
    ]
    d.teams = [
        Team(id="t-pay", name="Payments", mission="Customers pay in one step", owner="ann"),
        Team(id="t-id", name="Identity", mission="Sign in safely", parent="t-pay"),
    ]
    d.people = [
        Person(id="cto", name="Carla Diaz", role="r-cto"),
        Person(id="ann", name="Ann Archer", role="em", level="M1", manager="cto", team="t-pay"),
        Person(
            id="bob",
            name="Bob Baker",
            role="eng",
            level="L2",
            manager="ann",
            team="t-pay",
            tags=["berlin"],
        ),
        Person(id="cy", name="Cy Clark", role="eng", level="L1", manager="ann", team="t-pay"),
        Person(id="pat", name="Pat Price", role="pm", manager="ann", team="t-pay"),
        Person(id="v1", vacant=True, role="eng", manager="ann", team="t-pay"),
    ]
    d.forget_index()
    return d


class FakeCanvas(QLabel):
    """Records what it was asked to centre on."""

    def __init__(self) -> None:
        super().__init__("canvas")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.centred: list[str] = []

    def centre_on(self, id_: str) -> None:
        self.centred.append(id_)


class StubWindow(QMainWindow):
    """The main window's contract for the workbench, and nothing else."""

    def __init__(self, controller: DocumentController | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.controller = controller or DocumentController()
        self.canvas = FakeCanvas()
        self.setCentralWidget(self.canvas)
        bar = self.menuBar()
        self.menus = {
            name: bar.addMenu(title)
            for name, title in (
                ("file", "&File"),
                ("edit", "&Edit"),
                ("view", "&View"),
                ("tools", "&Tools"),
                ("help", "&Help"),
            )
        }
        self.view = "people"

    def add_dock(self, dock, area) -> None:
        self.addDockWidget(area, dock)

    def current_view(self) -> str:
        return self.view

    def set_view(self, name: str) -> None:
        if name not in ("people", "teams", "functions"):
            raise ValueError(name)
        self.view = name
