"""The main window's editing: adding people, teams and vacancies, deleting, the context menu.

:class:`EditingMixin` is one room of :class:`~orgdesigner.qt.main_window.MainWindow`.
What an edit does is decided by the core (:mod:`orgdesigner.core.ops`,
:mod:`orgdesigner.core.edits`); this asks the user for what is missing and
hands the operation to the controller.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QInputDialog,
    QMenu,
    QMessageBox,
)

from ..core import ops
from ..core.model import Person, Team
from ..core.text import slug
from .icons import themed


class EditingMixin:
    """Menu and context-menu edits of the window's document."""

    # -- editing ------------------------------------------------------------------------------
    def ask_text(self, title: str, label: str, default: str = "") -> str | None:
        """One line of text from the user, or None. (Tests replace this.)"""
        text, ok = QInputDialog.getText(self, title, label, text=default)
        text = " ".join(text.split())
        return text if ok and text else None

    def ask_role(self, title: str = "Add vacancy") -> str | None:
        """A role picked from the document's roles, or None. (Tests replace this.)"""
        doc = self.controller.doc
        if not doc.roles:
            self.show_error(
                title,
                "There are no roles in this document yet: add roles in the role library first.",
            )
            return None
        labels = []
        for r in doc.roles:
            fn = doc.function(r.function)
            labels.append(f"{r.title or r.id}" + (f" ({fn.name or fn.id})" if fn else ""))
        # The dialog hands back a label: two roles may share one, so those show their ID too.
        repeated = {lab for lab, n in Counter(labels).items() if n > 1}
        choices = {
            (f"{lab} [{r.id}]" if lab in repeated else lab): r.id
            for lab, r in zip(labels, doc.roles, strict=True)
        }
        choice, ok = QInputDialog.getItem(
            self, title, "Role of the open position:", list(choices), 0, False
        )
        if not ok:
            return None
        return choices.get(choice)

    def _selected(self, kind: str) -> str | None:
        doc = self.controller.doc
        for i in self.controller.selection:
            if doc.get(kind, i) is not None:
                return i
        return None

    def _owned_team(self, person: str) -> str | None:
        return ops.owned_team(self.controller.doc, person)

    def _team_manager(self, team: str) -> str | None:
        """Whom a newcomer to ``team`` reports to: its owner on an STO team, else nobody."""
        return ops.new_line_manager(self.controller.doc, "", team)

    def _do_and_select(self, op: ops.Op, new_id: str) -> bool:
        if self.controller.do(op):
            self.controller.select([new_id])
            self.canvas.centre_on(new_id)
            self.statusBar().showMessage(op.label, 5000)
            return True
        return False

    def add_person(
        self, *, manager: str | None = None, team: str | None = None, name: str | None = None
    ) -> bool:
        """Add a person reporting to ``manager`` on ``team`` (asks the name if not given)."""
        name = name or self.ask_text("Add person", "Name:", "New person")
        if not name:
            return False
        doc = self.controller.doc
        pid = ops.new_id(doc, "person", f"p-{slug(name, 'new')}")
        person = Person(id=pid, name=name, manager=manager, team=team)
        return self._do_and_select(ops.add_person(doc, person), pid)

    def add_report(self, person: str) -> bool:
        p = self.controller.doc.person(person)
        team = self._owned_team(person) or (p.team if p else None)
        return self.add_person(manager=person, team=team)

    def add_peer(self, person: str) -> bool:
        p = self.controller.doc.person(person)
        if p is None:
            return False
        return self.add_person(manager=p.manager, team=p.team)

    def add_team(
        self, *, parent: str | None = None, owner: str | None = None, name: str | None = None
    ) -> bool:
        name = name or self.ask_text("Add team", "Team name:", "New team")
        if not name:
            return False
        doc = self.controller.doc
        tid = ops.new_id(doc, "team", f"t-{slug(name, 'new')}")
        team = Team(id=tid, name=name, parent=parent, owner=owner)
        return self._do_and_select(ops.add_team(doc, team), tid)

    def add_team_from(self, person: str) -> bool:
        """Add a team owned by ``person``, under the team they own or are on."""
        parent, owner = ops.new_team_for(self.controller.doc, person)
        return self.add_team(parent=parent, owner=owner)

    def add_vacancy(
        self, *, team: str | None = None, manager: str | None = None, role: str | None = None
    ) -> bool:
        role = role or self.ask_role()
        if not role:
            return False
        doc = self.controller.doc
        op = ops.add_vacancy(doc, role, team=team, manager=manager)
        new_id = op.entity.id  # type: ignore[attr-defined]
        return self._do_and_select(op, new_id)

    def add_person_here(self) -> None:
        person = self._selected("person")
        team = self._selected("team")
        if person:
            self.add_report(person)
        elif team:
            self.add_person(manager=self._team_manager(team), team=team)
        else:
            self.add_person()

    def add_team_here(self) -> None:
        person = self._selected("person")
        team = self._selected("team")
        if team:
            self.add_team(parent=team)
        elif person:
            self.add_team_from(person)
        else:
            self.add_team()

    def add_vacancy_here(self) -> None:
        person = self._selected("person")
        team = self._selected("team")
        if team:
            self.add_vacancy(team=team)
        elif person:
            self.add_vacancy(manager=person, team=self._owned_team(person))
        else:
            self.statusBar().showMessage(
                "Select a team or a person first: the open position "
                "goes on that team or reports to that person",
                6000,
            )

    def make_owner(self, team: str, person: str) -> bool:
        try:
            op = ops.make_owner(self.controller.doc, team, person)
        except ops.OpRefused as exc:
            self.statusBar().showMessage(f"Not possible: {exc}", 6000)
            return False
        return self.controller.do(op)

    def confirm_delete(self, title: str, lines: list[str]) -> bool:
        """Ask before deleting, listing what else changes. (Tests replace this.)"""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            title + "?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText("Delete")
        box.setInformativeText("\n".join(lines) if lines else "Nothing else changes.")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def delete_consequences(self, ids: list[tuple[str, str]]) -> list[str]:
        return ops.deletion(self.controller.doc, ids)[2]

    def delete_selected(self) -> bool:
        doc = self.controller.doc
        ids: list[tuple[str, str]] = []
        for i in self.controller.selection:
            if doc.person(i) is not None:
                ids.append(("person", i))
            elif doc.team(i) is not None:
                ids.append(("team", i))
        if not ids:
            self.statusBar().showMessage("Select people or teams to delete", 4000)
            return False
        return self.delete(ids)

    def delete(self, ids: list[tuple[str, str]]) -> bool:
        op, title, lines = ops.deletion(self.controller.doc, ids)
        if not self.confirm_delete(title, lines):
            return False
        ok = self.controller.do(op)
        if ok:
            self.statusBar().showMessage(f"{title}. Undo brings it back.", 6000)
        return ok

    # -- the canvas context menu ---------------------------------------------------------------
    def _context_menu(self, id_: str, kind: str, pos) -> None:
        menu = self.context_menu(id_, kind)
        if not menu.isEmpty():
            menu.exec(pos)

    def context_menu(self, id_: str, kind: str) -> QMenu:
        """The menu for a right-click on ``id_`` (a card or a chip) or on the background."""
        doc = self.controller.doc
        menu = QMenu(self)
        p = doc.person(id_)
        t = doc.team(id_)
        fn = doc.function(id_)
        if p is not None:
            name = doc.display_name(p)
            menu.addAction(f"Add report to {name}\u2026", lambda: self.add_report(id_))
            if p.manager or p.team:
                menu.addAction(f"Add peer of {name}\u2026", lambda: self.add_peer(id_))
            menu.addAction(
                f"Add vacancy under {name}\u2026",
                lambda: self.add_vacancy(manager=id_, team=self._owned_team(id_)),
            )
            menu.addAction(
                f"Add team owned by {name}\u2026",
                lambda: self.add_team_from(id_),
            )
            team = doc.team(p.team)
            if team is not None and team.owner != id_:
                menu.addAction(
                    f"Make owner of {team.name or team.id}", lambda: self.make_owner(team.id, id_)
                )
            menu.addSeparator()
            self._add_collapse(menu, id_)
            menu.addAction(
                self._icon_action(
                    f"Delete {name}\u2026",
                    "edit-delete",
                    lambda: self.delete([("person", id_)]),
                    menu,
                )
            )
        elif t is not None:
            name = t.name or t.id
            menu.addAction(
                f"Add person to {name}\u2026",
                lambda: self.add_person(team=id_, manager=self._team_manager(id_)),
            )
            menu.addAction(f"Add vacancy to {name}\u2026", lambda: self.add_vacancy(team=id_))
            menu.addAction(f"Add sub-team of {name}\u2026", lambda: self.add_team(parent=id_))
            model = doc.model_of(t)
            other = "functional" if model == "sto" else "sto"
            menu.addAction(
                "Make it a single-threaded (STO) team"
                if other == "sto"
                else "Make it a functional (three-legged stool) team",
                lambda: self.controller.do(ops.set_team_model(doc, id_, other)),
            )
            menu.addSeparator()
            self._add_collapse(menu, id_)
            menu.addAction(
                self._icon_action(
                    f"Delete team {name}\u2026",
                    "edit-delete",
                    lambda: self.delete([("team", id_)]),
                    menu,
                )
            )
        elif fn is not None:
            leader = doc.person(fn.leader)
            if leader is not None:
                menu.addAction(
                    f"Show leader: {doc.display_name(leader)}",
                    lambda: (self.controller.select([leader.id]), self.canvas.centre_on(leader.id)),
                )
        else:
            view = self.current_view()
            if view == "teams":
                menu.addAction("Add team\u2026", lambda: self.add_team())
            menu.addAction("Add person\u2026", lambda: self.add_person())
            if view != "teams":
                menu.addAction("Add team\u2026", lambda: self.add_team())
            menu.addSeparator()
            menu.addAction(self.actions_by_name["fit"])
            menu.addAction(self.actions_by_name["reset_layout"])
            menu.addAction(self.actions_by_name["expand_all"])
        return menu

    def _icon_action(self, text: str, icon: str, slot, parent) -> QAction:
        act = QAction(themed(icon), text, parent)
        act.triggered.connect(slot)
        return act

    def _add_collapse(self, menu: QMenu, id_: str) -> None:
        collapsed = id_ in self.controller.doc.view.collapsed
        item = self.scene.card_for(id_)
        has_children = (
            item is not None
            and item.children_count > 0
            and item.id == self.scene.entity_card.get(id_, id_)
        )
        if collapsed:
            menu.addAction("Expand subtree", lambda: self.scene.toggle_collapsed(id_))
        elif has_children:
            menu.addAction("Collapse subtree", lambda: self.scene.toggle_collapsed(id_))
