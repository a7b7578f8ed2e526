"""Tooltips that show users' text as typed.

Qt reads a tooltip as rich text when it looks like markup (a ``<`` tag
before the first line break), so a function named ``<b>Ops</b>`` would show
bold and lose its brackets. Every tooltip holding a name goes through
:func:`plain_tip`, which makes it rich text that says exactly the plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt


def plain_tip(text: str) -> str:
    """``text`` as a tooltip that shows it literally (line breaks kept; "" stays "")."""
    if not text:
        return ""
    return GuiQt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)
