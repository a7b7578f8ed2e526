"""The person form: one person, or the fields several selected people share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...core import edits, ops
from ...core.model import PERSON_FIELDS as LABELS
from ...core.model import Person
from ..document import DocumentController
from ..fields import MIXED, EntityPicker, LevelPicker, name_of, show_text, split_tags
from .base import Form


class PersonForm(Form):
    """One person, or the fields several people share."""

    cost_kind = "person"

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        c = controller
        self.name = QLineEdit()
        self.name.setPlaceholderText("Name (empty for an open position)")
        self.name.editingFinished.connect(self._name_done)
        self.add_row("name", LABELS["name"].label, self.name)

        self.role = EntityPicker(c, "role")
        self.add_row(
            "role",
            LABELS["role"].label,
            self.role,
            "What the position is: its purpose, responsibilities and ladder",
        )
        self.role.picked.connect(lambda v: self._set("role", v))

        self.level = LevelPicker()
        self.level.row = self.add_row(
            "level", LABELS["level"].label, self.level, "A level from the role's career ladder"
        )
        self.level.check = self._level_problem
        self.level.picked.connect(self._level_picked)

        # The person's references: each a picker of one kind of entity, set on pick.
        for name, kind, hint in (
            (
                "function",
                "function",
                "The person's craft; leave empty to follow their role's function",
            ),
            ("manager", "person", "The solid line: in an STO team, the team's owner"),
            (
                "functional_manager",
                "person",
                "The dotted line: a leader of the person's own craft, who coaches them",
            ),
            ("team", "team", "Joining an STO team also makes the person report to its owner"),
        ):
            picker = EntityPicker(c, kind)
            setattr(self, name, picker)
            self.add_row(name, LABELS[name].label, picker, hint)
            picker.picked.connect(lambda v, n=name: self._set(n, v))

        flags = QWidget()
        flags_lay = QVBoxLayout(flags)
        flags_lay.setContentsMargins(0, 0, 0, 0)
        flags_lay.setSpacing(2)
        self.vacant = QCheckBox("Open position (vacancy)")
        self.vacant.clicked.connect(lambda on: self._set("vacant", bool(on)))
        self.embedded = QCheckBox("Embedded exception")
        self.embedded.setToolTip(
            "Sits on the team but reports elsewhere, documented: such as a "
            "principal engineer who reports to the CTO"
        )
        self.embedded.clicked.connect(lambda on: self._set("embedded", bool(on)))
        flags_lay.addWidget(self.vacant)
        flags_lay.addWidget(self.embedded)
        flags_row = self.add_row("flags", "Status", flags)
        self.rows["vacant"] = self.rows["embedded"] = flags_row

        self.tags = QLineEdit()
        self.tags.setPlaceholderText("Comma-separated, e.g. berlin, remote")
        self.tags.editingFinished.connect(self._tags_done)
        self.add_row("tags", LABELS["tags"].label, self.tags)
        for key, picker in (
            ("role", self.role),
            ("function", self.function),
            ("manager", self.manager),
            ("functional_manager", self.functional_manager),
            ("team", self.team),
        ):
            picker.refused.connect(self.rows[key].set_error)

    # -- reading ------------------------------------------------------------------
    def people(self) -> list[Person]:
        return [p for p in (self.doc.person(i) for i in self.ids) if p is not None]

    def load(self, ids: list[str], keep_errors: bool = False) -> None:
        """Fill the fields from the document for the people ``ids``."""
        self.ids = ids
        people = self.people()
        if not people:
            return
        if not keep_errors:
            self.clear_errors()
        single = len(people) == 1
        doc = self.doc
        if single:
            p = people[0]
            self.title.setText(doc.display_name(p))
            kind = "Open position" if p.vacant else "Person"
            self.subtitle.setText(f"{kind} \u00b7 {p.id}")
        else:
            self.title.setText(f"{len(people)} people")
            self.subtitle.setText(
                ", ".join(doc.display_name(p) for p in people[:6])
                + ("\u2026" if len(people) > 6 else "")
                + "\nChanges apply to all of them."
            )
        self.show_row("name", single)

        def same(field: str) -> tuple[Any, bool]:
            values = [getattr(p, field) for p in people]
            first = values[0]
            norm = [tuple(v) if isinstance(v, list) else (v or None) for v in values]
            mixed = any(v != norm[0] for v in norm[1:])
            return first, mixed

        def unless_error(key: str, fill: Callable[[], None]) -> None:
            if not (keep_errors and self.rows[key].has_error):
                fill()

        if single:
            unless_error("name", lambda: show_text(self.name, people[0].name))
        for key, picker in (
            ("role", self.role),
            ("function", self.function),
            ("manager", self.manager),
            ("functional_manager", self.functional_manager),
            ("team", self.team),
        ):
            value, mixed = same(key)
            unless_error(
                key, lambda picker=picker, value=value, mixed=mixed: picker.set_value(value, mixed)
            )
        level, mixed = same("level")
        self.level.set_levels(self._ladder(people))
        unless_error("level", lambda: self.level.set_value(level, mixed))
        for key, box in (("vacant", self.vacant), ("embedded", self.embedded)):
            value, mixed = same(key)
            box.setTristate(mixed)
            box.setCheckState(
                Qt.CheckState.PartiallyChecked
                if mixed
                else Qt.CheckState.Checked
                if value
                else Qt.CheckState.Unchecked
            )
        tags, mixed = same("tags")
        unless_error(
            "tags",
            lambda: (
                show_text(self.tags, "" if mixed else ", ".join(tags)),
                self.tags.setPlaceholderText(MIXED if mixed else "Comma-separated, e.g. berlin"),
            ),
        )
        self._hints(people)
        for extra in self.extras:
            extra.load(people, keep_errors)
        self.show_findings(self.controller.report)

    def _ladder(self, people: list[Person]) -> list[tuple[str, str]]:
        """The levels every selected person's role offers (their common ladder)."""
        ladders = []
        for p in people:
            role = self.doc.role(p.role)
            ladders.append([(lv.code, lv.title) for lv in role.levels] if role else [])
        common = ladders[0]
        for other in ladders[1:]:
            codes = {c for c, _ in other}
            common = [x for x in common if x[0] in codes]
        return common

    def _hints(self, people: list[Person]) -> None:
        doc = self.doc
        if len(people) != 1:
            for row in self.rows.values():
                row.set_hint("")
            return
        p = people[0]
        role = doc.role(p.role)
        level = next((lv for lv in role.levels if lv.code == p.level), None) if role else None
        if role is not None and not role.levels:
            self.rows["level"].set_hint(
                "This role has no career ladder yet (Role library)", warn=True
            )
        elif p.level and role is not None and level is None:
            self.rows["level"].set_hint(
                f"Not on the {role.title or role.id} ladder: "
                + ", ".join(lv.code for lv in role.levels),
                warn=True,
            )
        else:
            self.rows["level"].set_hint(level.title if level and level.title else "")
        fn = doc.function(role.function) if role and role.function else None
        if not p.function and role is not None and role.function:
            self.rows["function"].set_hint(
                f"Follows the role: {fn.name if fn and fn.name else role.function}"
            )
        else:
            self.rows["function"].set_hint("")
        # Say what the validator says (rule switched off, waived or an embedded
        # exception: no warning), not a second opinion worked out here.
        team = doc.team(p.team)
        stray = [
            f
            for f in self.controller.report.about(p.id)
            if f.rule == "STO-REPORTS" and not f.waived and f.severity != "info"
        ]
        if team is not None and team.owner and stray:
            self.rows["manager"].set_hint(
                f"{team.name or team.id} is an STO team: its members report to "
                f"{name_of(doc, 'person', team.owner)}",
                warn=True,
            )
        else:
            self.rows["manager"].set_hint("")

    # -- checking -----------------------------------------------------------------
    def _level_problem(self, code: str, people: list[Person] | None = None) -> str:
        """Why ``code`` cannot be the level of the selected people, or ""."""
        ids = [p.id for p in (people or self.people())]
        return edits.ladder_problem(self.doc, ids, code)

    # -- writing ------------------------------------------------------------------
    def _set(self, field: str, value: Any) -> None:
        ids = [p.id for p in self.people()]
        if not ids:
            return
        op = edits.edit_people(self.doc, ids, field, value)
        if not self._apply(op, field) and field in ("vacant", "embedded"):
            self.load(self.ids, keep_errors=True)  # put the box back

    def _name_done(self) -> None:
        people = self.people()
        new = self.name.text().strip()
        if len(people) != 1 or new == people[0].name:  # stray spaces are no rename
            return
        p = people[0]
        try:
            ops.validate_value("person", "name", new)
        except ops.OpRefused as exc:
            self.rows["name"].set_error(str(exc))
            return
        old = self.doc.display_name(p)
        label = f"Rename {old} to {new}" if new else f"Clear {old}'s name"
        self._apply(ops.SetField("person", p.id, "name", new, label=label), "name")

    def _level_picked(self, code: str | None) -> None:
        problem = self._level_problem(code or "")
        if problem:
            self.rows["level"].set_error(problem)
            return
        self._set("level", code)

    def _tags_done(self) -> None:
        people = self.people()
        if not people:
            return
        text = self.tags.text()
        if not text.strip() and self.tags.placeholderText() == MIXED:
            return
        self._set("tags", split_tags(text))
