"""The import dialog: guessed mapping shown, edits re-run the import live, OK creates."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QTableWidget  # noqa: E402

from orgdesigner.core.importer import ImportFailed  # noqa: E402
from orgdesigner.qt.import_dialog import IGNORE_LABEL, ImportDialog  # noqa: E402

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
ORACLE = SHARED / "oracle-hr-sample.csv"
FIXTURES = Path(__file__).resolve().parents[1] / "data" / "import"

needs_shared = pytest.mark.skipif(
    not ORACLE.exists(), reason=f"the shared HR sample exports are not in {SHARED}"
)


def make_dialog(qtbot, path, **kw) -> ImportDialog:
    dialog = ImportDialog(path, **kw)
    qtbot.addWidget(dialog)
    return dialog


def ok_button(dialog: ImportDialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def people_cell(dialog: ImportDialog, row: int, column: int) -> str:
    return dialog.findChild(QTableWidget, "people").item(row, column).text()


@needs_shared
def test_shows_the_guessed_mapping_preview_and_summary(qtbot):
    dialog = make_dialog(qtbot, ORACLE)
    assert dialog.combo("id").currentData() == "id"
    assert dialog.combo("name").currentText() == "First name"
    assert dialog.combo("lastName").currentData() == "last_name"
    assert dialog.combo("department_name").currentData() == "function"
    assert dialog.combo("salary").currentData() == "cost"  # a salary column is the cost
    preview = dialog.findChild(QTableWidget, "preview")
    assert preview.rowCount() == 1 + 20  # the choosers, then the first 20 rows
    assert preview.verticalHeaderItem(1).text() == "line 2"
    assert preview.item(1, 0).text() == "100"
    # The people preview shows the joined name and the department as function.
    assert people_cell(dialog, 0, 1) == "Steven King"
    assert people_cell(dialog, 0, 6) == "Executive"
    assert "107 people" in dialog.findChild(QLabel, "summary").text()
    assert dialog.warning_texts() == []
    assert ok_button(dialog).isEnabled()


@needs_shared
def test_changing_a_combo_updates_warnings_and_preview_live(qtbot):
    dialog = make_dialog(qtbot, ORACLE)
    with qtbot.waitSignal(dialog.mappingChanged):
        dialog.combo("parentId").setCurrentIndex(0)  # (ignore)
    assert "parentId" not in dialog.mapping()
    assert dialog.warning_texts() == [
        "line 1: no column gives the line managers; everyone is at the top"
    ]
    assert people_cell(dialog, 1, 3) == ""  # Neena's manager is gone from the preview

    # Choosing a field another column has takes it from that column.
    dialog.set_field("job_id", "title")
    assert dialog.combo("position").currentText() == IGNORE_LABEL
    assert people_cell(dialog, 0, 2) == "AD_PRES"

    # A full name replaces the first/last pair.
    dialog.set_field("email", "name")
    assert dialog.combo("name").currentText() == IGNORE_LABEL
    assert dialog.combo("lastName").currentText() == IGNORE_LABEL
    assert people_cell(dialog, 0, 1) == "SKING"


@needs_shared
def test_ignoring_the_id_column_disables_import(qtbot):
    dialog = make_dialog(qtbot, ORACLE)
    dialog.show()
    dialog.set_field("id", "")
    assert not ok_button(dialog).isEnabled()
    assert dialog.result_document() is None
    assert dialog.warning_texts()[0].startswith("Cannot import: no column gives the ID")
    dialog.accept()  # a stray Enter must not close the dialog with nothing
    assert dialog.isVisible()
    dialog.set_field("id", "id")
    assert ok_button(dialog).isEnabled()


def test_duplicate_id_is_shown_with_its_line(qtbot, tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("id,name,manager\nE1,Ann,\nE12,Bob,E1\nE12,Cy,E1\n", encoding="utf-8")
    dialog = make_dialog(qtbot, path)
    assert dialog.error() == "line 4: duplicate ID 'E12' (first on line 3)"
    assert dialog.warning_texts() == ["Cannot import: line 4: duplicate ID 'E12' (first on line 3)"]
    assert not ok_button(dialog).isEnabled()
    # Mapping the names as IDs makes every row a person again.
    dialog.set_field("name", "id")
    assert dialog.error() is None and ok_button(dialog).isEnabled()


def test_warnings_name_their_lines_before_anything_is_created(qtbot, tmp_path):
    path = tmp_path / "w.csv"
    path.write_text(
        "id,name,manager,vacant\n1,Ann,,no\n2,Bob,99,no\n3,,1,perhaps\n", encoding="utf-8"
    )
    dialog = make_dialog(qtbot, path)
    texts = dialog.warning_texts()
    assert any(t.startswith("line 3: line manager '99' of '2' is not in the file") for t in texts)
    assert (
        "line 4: vacant value 'perhaps' not understood; read as not vacant (use yes or no)" in texts
    )
    assert "3 warnings" in dialog.findChild(QLabel, "summary").text()


def test_ok_creates_the_document(qtbot):
    dialog = make_dialog(qtbot, FIXTURES / "teams.csv")
    dialog.show()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    doc = dialog.result_document()
    assert doc is not None and doc.name == "teams"
    assert len(doc.people) == 12
    assert {t.name for t in doc.teams} == {"Leadership", "Payments", "Search"}


def test_xlsx_sheet_chooser_rereads_and_reguesses(qtbot, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.title = "Readme"
    wb.active.append(["about", "this file"])
    staff = wb.create_sheet("Staff")
    staff.append(["Employee ID", "Full Name", "Reports To"])
    staff.append([1.0, "Ann", None])
    staff.append([2.0, "Bob", 1.0])
    wb.save(tmp_path / "hr.xlsx")

    dialog = make_dialog(qtbot, tmp_path / "hr.xlsx")
    assert dialog.table().sheet == "Readme"
    assert dialog.error() is not None  # no ID column on the first sheet
    sheet = dialog.findChild(QComboBox, "sheet")
    sheet.setCurrentText("Staff")
    assert dialog.error() is None
    assert dialog.combo("Employee ID").currentData() == "id"
    assert [(p.id, p.manager) for p in dialog.result_document().people] == [("1", None), ("2", "1")]


def test_unreadable_file_raises_before_showing(tmp_path):
    with pytest.raises(ImportFailed, match="no such file"):
        ImportDialog(tmp_path / "absent.csv")


def test_departments_offered_as_teams_when_no_column_gives_teams(qtbot, tmp_path):
    src = tmp_path / "dept.csv"
    src.write_text("id,name,manager,department\nA,Ann,,Sales\nB,Bob,A,Sales\nC,Cy,A,Support\n")
    dialog = make_dialog(qtbot, src)
    choice = dialog.departments_as_teams()
    assert not choice.isHidden() and not choice.isChecked()
    assert "department" in choice.text()
    assert dialog.import_result().summary["teams"] == 0

    with qtbot.waitSignal(dialog.mappingChanged):
        qtbot.mouseClick(choice, Qt.MouseButton.LeftButton)
    assert choice.isChecked()
    assert dialog.mapping()["department"] == "team,function"
    assert dialog.combo("department").currentText() == "Team and function"
    doc = dialog.import_result().document
    assert sorted(t.name for t in doc.teams) == ["Sales", "Support"]
    assert sorted(f.name for f in doc.functions) == ["Sales", "Support"]

    # The chooser says the same: back to the function alone unticks the choice.
    dialog.set_field("department", "function")
    assert not choice.isChecked() and dialog.import_result().summary["teams"] == 0


def test_no_department_choice_when_a_column_gives_the_teams(qtbot):
    dialog = make_dialog(qtbot, FIXTURES / "teams.csv")
    assert dialog.departments_as_teams().isHidden()
