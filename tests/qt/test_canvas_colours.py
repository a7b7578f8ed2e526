"""Colour modes of the canvas: they survive a new document and follow the edits they show."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from orgdesigner.core import io  # noqa: E402


def test_colour_mode_survives_opening_another_document(window, tmp_path, qtbot):
    window.set_colour_mode("findings")
    other = tmp_path / "other.orgd"
    io.save(window.controller.doc, other)
    assert window.open_path(str(other))
    assert window.scene.style.colour_mode == "findings"
    assert window.actions_by_name["colour_findings"].isChecked()
    item = window.scene.cards["dan"]
    # The file is checked once the chart is on screen: the findings colour follows.
    warning = window.scene.style.severity_colour("warning").name()
    qtbot.waitUntil(lambda: item.band_colour().name() == warning)
    assert window.legend.title == "Colour: Findings"


def _repainted(window, qtbot, op) -> set[str]:
    """Cards whose area the scene marks for repainting when ``op`` is done."""
    from PySide6.QtCore import QRectF
    from PySide6.QtWidgets import QApplication

    scene = window.scene
    QApplication.processEvents()
    regions: list[QRectF] = []
    scene.changed.connect(regions.extend)
    window.controller.do(op)
    QApplication.processEvents()
    scene.changed.disconnect(regions.extend)
    return {
        cid
        for cid, item in scene.cards.items()
        if any(r.intersects(item.sceneBoundingRect()) for r in regions)
    }


@pytest.mark.parametrize("how", ["team", "default"])
def test_person_cards_repaint_when_their_team_model_changes(window, qtbot, how):
    from orgdesigner.core import ops

    window.set_colour_mode("model")
    scene = window.scene
    doc = window.controller.doc
    eve = scene.cards["eve"]
    assert eve.band_colour().name() == scene.style.model_colour("sto").name()
    if how == "team":
        op = ops.set_team_model(doc, "t-chk", "functional")
    else:
        doc.teams[2].model = None  # Checkout takes the document's default
        doc.forget_index()
        window.controller.replace(doc, window.controller.path)
        window.set_colour_mode("model")
        op = ops.edit(doc, "document", None, default_team_model="functional")
    assert "eve" in _repainted(window, qtbot, op)
    eve = scene.cards["eve"]
    assert eve.band_colour().name() == scene.style.model_colour("functional").name()


def test_overview_tiles_recolour_when_a_team_model_changes(window):
    from orgdesigner.core import ops

    window.set_colour_mode("model")
    window.canvas.set_zoom(0.05)
    scene = window.scene
    assert scene.overview
    for tile in scene.overview:
        tile._paths = tile._build()  # as painted before the edit
    window.controller.do(ops.set_team_model(window.controller.doc, "t-chk", "functional"))
    functional = scene.style.model_colour("functional").rgba()
    colours = {
        c.rgba()
        for tile in scene.overview
        for c, _ in (tile._paths if tile._paths is not None else tile._build())
    }
    assert functional in colours


@pytest.mark.parametrize("dark", [False, True])
def test_open_positions_are_filled_with_the_palette_colour(window, dark):
    from orgdesigner.core.palette import theme
    from orgdesigner.qt.canvas.style import CanvasStyle

    style = CanvasStyle(window.controller.doc, dark=dark)
    assert style.vacant_fill.name() == theme(dark).vacant_fill
