"""The canvas does only the work an edit needs: no rebuild for what a chart cannot show."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from orgdesigner.core import io, ops  # noqa: E402


def test_edits_the_chart_cannot_show_do_not_rebuild_it(window):
    scene = window.scene
    rebuilt = []
    scene.rebuilt.connect(lambda: rebuilt.append(1))
    doc = window.controller.doc
    window.controller.do(ops.edit(doc, "person", "eve", tags=["remote"], embedded=True))
    window.controller.do(ops.edit(doc, "role", "eng", purpose="Build things well"))
    window.controller.do(ops.edit(doc, "document", None, description="Our plan"))
    window.controller.do(ops.waive(doc, "TEAM-SIZE", "t-chk", "Small on purpose"))
    assert rebuilt == []
    # The badges still follow the findings: Checkout's team-size warning is waived.
    assert scene.cards["dan"].warnings == 0 or "t-chk" not in scene.cards
    assert not any(
        f.rule == "TEAM-SIZE" and "t-chk" in f.subjects and not f.waived
        for f in window.controller.report.findings
    )
    window.controller.do(ops.edit(doc, "person", "eve", name="Eve Everest"))
    assert rebuilt == [1]
    assert scene.cards["eve"].card.title == "Eve Everest"


def test_one_legend_refresh_per_edit(window, monkeypatch):
    calls = []
    original = window.legend.refresh
    monkeypatch.setattr(window.legend, "refresh", lambda: calls.append(1) or original())
    window.controller.do(ops.set_manager(window.controller.doc, "eve", "ann"))
    assert calls == [1]


def test_findings_are_read_once_when_another_document_opens(window, monkeypatch):
    from orgdesigner.qt.canvas.scene import ChartScene
    from orgdesigner.qt.document import DocumentController

    calls = []
    original = ChartScene.update_findings

    def counting(self, report=None):
        calls.append(1)
        return original(self, report)

    monkeypatch.setattr(ChartScene, "update_findings", counting)
    controller = DocumentController()
    scene = ChartScene(controller)
    calls.clear()
    doc = io.loads(io.dumps(window.controller.doc))
    controller.replace(doc)
    assert calls == [1]
    # Dan's Checkout is too small: his card still shows the warning.
    assert scene.cards["dan"].warnings >= 1
    assert io.dumps(controller.doc) == io.dumps(doc)


def test_an_opened_file_is_drawn_first_and_checked_just_after(window, tmp_path, qtbot):
    import gc

    other = tmp_path / "other.orgd"
    io.save(window.controller.doc, other)
    window.controller.findingsChanged.connect(lambda _r: arrived.append(len(window.scene.cards)))
    arrived: list[int] = []
    gc.unfreeze()
    assert window.open_path(str(other))
    # The chart is there at once; Dan's team-size warning is not yet.
    assert window.scene.cards["dan"].warnings == 0
    assert window.findings_dock.summary.text() == "Checking..."
    assert window.findings_dock.empty.text().startswith("Checking")
    assert window.findings_dock.empty.isVisibleTo(window.findings_dock)
    assert not window.counter.isVisibleTo(window)  # no counts of the last file meanwhile
    assert arrived == []
    qtbot.waitUntil(lambda: window.scene.cards["dan"].warnings >= 1)
    assert arrived == [len(window.scene.cards)]
    assert window.findings_dock.summary.text() != "Checking..."
    assert window.findings_dock.tree.isVisibleTo(window.findings_dock)
    assert window.counter.isVisibleTo(window)
    # The loaded document is left out of the collector's scans from then on.
    assert gc.get_freeze_count() > 0


def test_the_findings_of_a_file_not_yet_checked_are_worked_out_when_asked(window, tmp_path):
    other = tmp_path / "other.orgd"
    io.save(window.controller.doc, other)
    assert window.open_path(str(other))
    assert any(
        f.rule == "TEAM-SIZE" and "t-chk" in f.subjects for f in window.controller.report.findings
    )
