"""The main window's commands as a table: one :class:`ActionSpec` per menu entry.

A command is named once here, with its text, shortcut, icon, tip and what it
calls; :func:`build_actions` turns the table into QActions on a window, kept
in ``window.actions_by_name``. Menus and the toolbar then place actions by
name. To add a command: a line in :data:`ACTIONS` and, if it needs code, a
method on the window (or one of its rooms, :mod:`.main_files` and
:mod:`.main_editing`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from .canvas.readonly import VIEW_TITLES, VIEWS
from .icons import themed, view_icon

SK = QKeySequence.StandardKey
Shortcut = str | QKeySequence.StandardKey | tuple[str | QKeySequence.StandardKey, ...] | None

VIEW_TIPS = {
    "people": "People by line manager; drag a person onto their new manager",
    "teams": "Teams by parent team; drag a member chip onto another team, or a team onto "
    "its new parent",
    "functions": "One column per function; drag a person onto their new functional manager",
}
COLOUR_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("function", "by &Function", "Colour each card by its function"),
    ("model", "by Team &model", "Colour by team model: STO, functional or service"),
    ("grade", "by &Grade", "Colour each card by its person's grade (a team: its owner's)"),
    ("findings", "by F&indings", "Colour by the worst finding about each card"),
    ("cost", "by &Cost band", "Colour by cost: each position's, each team's in all"),
)


@dataclass(frozen=True)
class ActionSpec:
    """One command: ``run`` is a window method's name, or a function of the window.

    Actions of one ``group`` exclude each other (the views, the colour modes);
    ``checked`` is the state they start in.
    """

    name: str
    text: str
    run: str | Callable[[Any], Any] | None = None
    shortcut: Shortcut = None
    icon: str | None = None
    tip: str = ""
    checkable: bool = False
    checked: bool = False
    group: str | None = None
    role: QAction.MenuRole | None = None


def _view_specs() -> tuple[ActionSpec, ...]:
    return tuple(
        ActionSpec(
            f"view_{name}",
            f"&{VIEW_TITLES[name]}",
            lambda w, n=name: w.set_view(n),
            shortcut=f"Ctrl+{i}",
            tip=VIEW_TIPS[name],
            checkable=True,
            checked=name == "people",
            group="view",
        )
        for i, name in enumerate(VIEWS, start=1)
    )


def _level_specs() -> tuple[ActionSpec, ...]:
    return tuple(
        ActionSpec(
            f"expand_level_{n}",
            f"Level &{n}" + (" (top only)" if n == 1 else ""),
            lambda w, n=n: w.expand_to_level(n),
            f"Alt+{n}",
            tip=f"Show the first {n} levels of the chart, fold the rest"
            if n > 1
            else "Show only the top of the chart",
        )
        for n in range(1, 7)
    )


def _choice_specs(
    group: str, choices: tuple[tuple[str, str, str], ...], setter: str, default: str
) -> tuple[ActionSpec, ...]:
    """One checkable action per choice of ``group`` (``<group>_<mode>``), calling the
    window's ``setter`` with the mode; ``default`` starts checked."""
    return tuple(
        ActionSpec(
            f"{group}_{mode}",
            text,
            lambda w, m=mode: getattr(w, setter)(m),
            tip=tip,
            checkable=True,
            checked=mode == default,
            group=group,
        )
        for mode, text, tip in choices
    )


LINES_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("off", "&Off", "Draw no functional lines"),
    (
        "selection",
        "For the &selection",
        "Draw the line from the selected person to their functional manager, and from "
        "each person a selected leader coaches",
    ),
    ("all", "&All", "Draw every person's line to their functional manager"),
)


ACTIONS: tuple[ActionSpec, ...] = (
    # -- file
    ActionSpec(
        "new", "&New", "new_document", SK.New, "document-new", "Start an empty organisation"
    ),
    ActionSpec(
        "open",
        "&Open\u2026",
        "open_dialog",
        SK.Open,
        "document-open",
        "Open an organisation design (.orgd)",
    ),
    ActionSpec("save", "&Save", "save", SK.Save, "document-save", "Save this variant"),
    ActionSpec(
        "save_as",
        "Save &As\u2026",
        "save_as",
        SK.SaveAs,
        "document-save-as",
        "Save as a new variant, keeping the original",
    ),
    ActionSpec(
        "import",
        "&Import\u2026",
        "import_dialog",
        "Ctrl+Shift+I",
        tip="Build an organisation from an HR export (CSV or XLSX)",
    ),
    ActionSpec(
        "export_chart",
        "Org &chart\u2026",
        lambda w: w.export_dialog("chart"),
        "Ctrl+E",
        tip="Export the chart as PDF, SVG or PNG",
    ),
    ActionSpec(
        "export_roles",
        "&Role definitions\u2026",
        lambda w: w.export_dialog("roles"),
        tip="Export the role-definition document as PDF or Markdown",
    ),
    ActionSpec(
        "export_findings",
        "&Validation report\u2026",
        lambda w: w.export_dialog("findings"),
        tip="Export the findings as a PDF report",
    ),
    ActionSpec(
        "export_people",
        "&People (CSV)\u2026",
        lambda w: w.export_dialog("people"),
        tip="Export the people as a CSV table that File > Import reads back",
    ),
    ActionSpec(
        "quit",
        "&Quit",
        "close",
        SK.Quit,
        "application-exit",
        "Close the window (asks about unsaved changes)",
        role=QAction.MenuRole.QuitRole,
    ),
    # -- edit (undo and redo come from the undo stack)
    ActionSpec(
        "delete",
        "&Delete",
        "delete_selected",
        SK.Delete,
        "edit-delete",
        "Delete the selected people or teams",
    ),
    ActionSpec(
        "add_person",
        "Add &person\u2026",
        "add_person_here",
        tip="Add a person: a report of the selected person, or at the top",
    ),
    ActionSpec(
        "add_team",
        "Add &team\u2026",
        "add_team_here",
        tip="Add a team: under the selected team, or owned by the selected person",
    ),
    ActionSpec(
        "add_vacancy",
        "Add &vacancy\u2026",
        "add_vacancy_here",
        tip="Add an open position of a role, on the selected team or under the selected person",
    ),
    ActionSpec("select_none", "Select &none", lambda w: w.controller.select([]), "Ctrl+Shift+A"),
    # -- view
    *_view_specs(),
    ActionSpec(
        "zoom_in",
        "Zoom &in",
        lambda w: w.canvas.zoom_in(),
        (SK.ZoomIn, "Ctrl+="),
        "zoom-in",
        "Make the cards bigger",
    ),
    ActionSpec(
        "zoom_out",
        "Zoom &out",
        lambda w: w.canvas.zoom_out(),
        SK.ZoomOut,
        "zoom-out",
        "See more of the organisation",
    ),
    ActionSpec(
        "zoom_reset", "&Actual size", lambda w: w.canvas.reset_zoom(), "Ctrl+0", "zoom-original"
    ),
    ActionSpec(
        "fit",
        "&Fit to window",
        lambda w: w.canvas.fit(max_zoom=1.5),
        "Ctrl+9",
        "zoom-fit-best",
        "Show the whole chart",
    ),
    *_choice_specs("lines", LINES_ACTIONS, "set_lines_mode", "selection"),
    ActionSpec("legend", "Show &legend", "_toggle_legend", checkable=True, checked=True),
    *_choice_specs("colour", COLOUR_ACTIONS, "set_colour_mode", "function"),
    ActionSpec(
        "collapse",
        "&Collapse or expand",
        "toggle_collapse_selected",
        "Ctrl+.",
        tip="Fold or unfold what is below the selected card",
    ),
    ActionSpec(
        "expand_more",
        "Expand one more le&vel",
        "expand_more",
        "Ctrl+Shift+.",
        tip="Show one more level of the selected card's branch",
    ),
    ActionSpec(
        "collapse_all",
        "Collapse &all",
        "collapse_all",
        "Ctrl+Shift+C",
        tip="Fold the chart to its top level",
    ),
    ActionSpec("expand_all", "&Expand all", "expand_all", "Alt+0", tip="Unfold every folded card"),
    *_level_specs(),
    ActionSpec(
        "focus_branch",
        "F&ocus on branch",
        "focus_branch",
        "Ctrl+Shift+F",
        tip="Show only the selected card's branch, with its managers above to step back up",
    ),
    ActionSpec(
        "focus_up",
        "Focus one level &up",
        "focus_up",
        "Alt+Up",
        tip="Show the branch of the focused branch's manager",
    ),
    ActionSpec(
        "focus_clear",
        "Show the &whole chart",
        lambda w: w.focus_on(None),
        "Alt+Home",
        tip="Leave the focus on one branch",
    ),
    ActionSpec(
        "zoom_selection",
        "Zoom to &selection",
        "zoom_to_selection",
        "Ctrl+8",
        tip="Fit the selected cards in the window",
    ),
    ActionSpec(
        "minimap",
        "Show o&verview",
        "_toggle_minimap",
        "Ctrl+Shift+O",
        tip="The whole chart in small, with the window's place on it",
        checkable=True,
        checked=True,
    ),
    ActionSpec(
        "reset_layout",
        "&Reset layout",
        "reset_layout",
        tip="Forget the cards placed by hand in this view and tidy the chart",
    ),
    # -- tools
    ActionSpec(
        "next_finding",
        "&Next finding",
        lambda w: w.step_finding(1),
        "F8",
        tip="Select and centre the subject of the next finding",
    ),
    ActionSpec(
        "prev_finding",
        "&Previous finding",
        lambda w: w.step_finding(-1),
        "Shift+F8",
        tip="Select and centre the subject of the previous finding",
    ),
    # -- help
    ActionSpec("about", "&About Org Designer", "about", role=QAction.MenuRole.AboutRole),
    ActionSpec("gestures", "&Mouse and keyboard", "show_gestures", SK.HelpContents),
)


def make_action(window: Any, spec: ActionSpec) -> QAction:
    """One QAction on ``window`` from ``spec``, connected to what it runs."""
    act = QAction(spec.text, window)
    if spec.shortcut is not None:
        keys = spec.shortcut if isinstance(spec.shortcut, tuple) else (spec.shortcut,)
        act.setShortcuts([QKeySequence(key) for key in keys])
    if spec.tip:
        act.setStatusTip(spec.tip)
        act.setToolTip(f"{spec.text.replace('&', '').rstrip('.…')}: {spec.tip}")
    act.setCheckable(spec.checkable)
    if spec.icon is not None:
        act.setIcon(themed(spec.icon))
    if spec.role is not None:
        act.setMenuRole(spec.role)
    run = spec.run
    if isinstance(run, str):
        act.triggered.connect(getattr(window, run))
    elif run is not None:
        act.triggered.connect(lambda _=False, f=run: f(window))
    return act


def build_actions(window: Any, specs: tuple[ActionSpec, ...] = ACTIONS) -> dict[str, QAction]:
    """The window's actions by name, with undo and redo from its controller's undo stack."""
    actions: dict[str, QAction] = {}
    groups: dict[str, QActionGroup] = {}
    for spec in specs:
        act = make_action(window, spec)
        if spec.group is not None:
            group = groups.get(spec.group)
            if group is None:
                group = groups[spec.group] = QActionGroup(window)
                group.setExclusive(True)
            group.addAction(act)
        if spec.checked:
            act.setChecked(True)
        actions[spec.name] = act
    for spec in specs:
        if spec.name.startswith("view_"):
            actions[spec.name].setIcon(view_icon(spec.name.removeprefix("view_")))
    stack = window.controller.undo_stack
    undo = stack.createUndoAction(window, "&Undo")
    undo.setShortcuts(QKeySequence.keyBindings(SK.Undo))
    undo.setIcon(themed("edit-undo"))
    redo = stack.createRedoAction(window, "&Redo")
    redo.setShortcuts(QKeySequence.keyBindings(SK.Redo))
    redo.setIcon(themed("edit-redo"))
    actions["undo"] = undo
    actions["redo"] = redo
    return actions
