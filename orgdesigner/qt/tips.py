"""Tooltips that show users' text as typed.

Qt reads a tooltip as rich text when it looks like markup (a ``<`` tag
before the first line break), so a function named ``<b>Ops</b>`` would show
bold and lose its brackets. Every tooltip holding a name goes through
:func:`plain_tip`, which makes it rich text that says exactly the plain text,
laid out as a plain tooltip is: its own line breaks only (Qt would otherwise
wrap rich text in a narrow column).
"""

from __future__ import annotations

import html


def plain_tip(text: str) -> str:
    """``text`` as a tooltip that shows it literally (line breaks kept; "" stays "")."""
    if not text:
        return ""
    body = html.escape(text, quote=False).replace("\n", "<br>")
    return f'<p style="white-space:pre">{body}</p>'
