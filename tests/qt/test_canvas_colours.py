"""Colour modes of the canvas: they survive a new document and follow the edits they show."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from orgdesigner.core import io  # noqa: E402


def test_colour_mode_survives_opening_another_document(window, tmp_path):
    window.set_colour_mode("findings")
    other = tmp_path / "other.orgd"
    io.save(window.controller.doc, other)
    assert window.open_path(str(other))
    assert window.scene.style.colour_mode == "findings"
    assert window.actions_by_name["colour_findings"].isChecked()
    item = window.scene.cards["dan"]
    assert item.band_colour().name() == window.scene.style.severity_colour("warning").name()
    assert window.legend.title == "Colour: Findings"
