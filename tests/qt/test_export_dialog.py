"""File > Export: the people CSV is listed; charts choose the paper's turn and finding badges."""

from __future__ import annotations

import csv

import pytest

pytest.importorskip("PySide6")

from pypdf import PdfReader  # noqa: E402

from orgdesigner.core.importer import import_file  # noqa: E402
from orgdesigner.qt.export_dialog import ExportDialog  # noqa: E402


def test_file_export_lists_the_people_csv(window, tmp_path):
    export_menu = next(
        a.menu()
        for a in window.menuBar().actions()
        for a in a.menu().actions()
        if a.menu() is not None and a.menu().title().replace("&", "") == "Export"
    )
    labels = [a.text().replace("&", "") for a in export_menu.actions()]
    assert "People (CSV)\u2026" in labels

    dlg = ExportDialog("people", window.controller, window)
    assert dlg.target().suffix == ".csv"
    out = tmp_path / "people.csv"
    dlg.path_edit.setText(str(out))
    assert dlg.export(), dlg.note.text()
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["id"] for r in rows] == [p.id for p in window.controller.doc.people]
    assert all(r["cost"] == "" for r in rows)  # salaries only when asked
    # What File > Import reads back: the same people.
    back = import_file(out).document
    assert [p.id for p in back.people] == [p.id for p in window.controller.doc.people]
    dlg.deleteLater()


def test_chart_paper_turns_by_itself_and_prints_findings_when_asked(window, tmp_path):
    dlg = ExportDialog("chart", window.controller, window)
    dlg.path_edit.setText(str(tmp_path / "chart.pdf"))
    assert dlg.options()["landscape"] is None  # the way that takes fewer pages
    assert not dlg.options()["with_findings"]
    dlg.orientation.setCurrentIndex(dlg.orientation.findData(True))
    dlg.with_findings.setChecked(True)
    assert dlg.options()["landscape"] is True and dlg.options()["with_findings"]
    assert dlg.export(), dlg.note.text()
    page = PdfReader(str(tmp_path / "chart.pdf")).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    if window.controller.report.findings:
        assert "findings (how many)" in page.extract_text()
    dlg.path_edit.setText(str(tmp_path / "chart.svg"))
    assert not dlg.with_findings.isEnabled() and not dlg.orientation.isEnabled()
    dlg.deleteLater()
