"""Colours and fonts of the canvas, shared by every card of a scene.

Function colours come from :mod:`orgdesigner.core.palette`, so a function
looks the same on screen and in every export. Neutrals follow the system's
light or dark palette; the selection colour is the palette's highlight.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QPalette

# Sizes in chart points (the layout's unit) are the one card look every format draws:
# see orgdesigner.core.card_look.
from ...core.card_look import BADGE_SIZE, CHIP_SIZE, LINE_SIZE, SUBTITLE_SIZE, TITLE_SIZE
from ...core.model import Document
from ...core.palette import (
    DARK,
    LIGHT,
    NO_FUNCTION,
    SEVERITY_COLOURS,
    TEAM_MODEL_BADGES,
    Swatch,
    function_swatch,
    function_swatches,
    grade_colour,
)

COLOUR_MODE_LABELS = {
    "function": "Function",
    "model": "Team model",
    "grade": "Grade",
    "findings": "Findings",
    "cost": "Cost band",
}
COLOUR_MODES = tuple(COLOUR_MODE_LABELS)
NO_FINDINGS_COLOUR = "#16a34a"


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the system palette is dark (window colour darker than its text)."""
    pal = palette or QGuiApplication.palette()
    return (
        pal.color(QPalette.ColorRole.Window).lightness()
        < pal.color(QPalette.ColorRole.WindowText).lightness()
    )


def _dpi() -> float:
    screen = QGuiApplication.primaryScreen()
    dpi = screen.logicalDotsPerInchY() if screen is not None else 96.0
    return dpi if dpi > 0 else 96.0


def _font(size: float, bold: bool = False) -> QFont:
    f = QFont(QGuiApplication.font())
    # The chart's unit is the scene unit: a 9 pt title in the layout must be 9
    # scene units tall, so undo the screen's point-to-pixel conversion.
    f.setPointSizeF(size * 72.0 / _dpi())
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


class CanvasStyle:
    """What the cards of one scene are painted with; rebuilt when the palette or document changes."""

    def __init__(self, doc: Document, dark: bool | None = None) -> None:
        self.dark = is_dark() if dark is None else dark
        t = DARK if self.dark else LIGHT
        self.theme = t
        pal = QGuiApplication.palette()
        self.page = QColor(t.page)
        self.card = QColor(t.card)
        self.card_border = QColor(t.card_border)
        self.ink = QColor(t.ink)
        self.muted = QColor(t.muted)
        self.line = QColor(t.line)
        self.functional_line = QColor(t.functional_line)
        self.vacant = QColor(t.vacant)
        self.vacant_fill = QColor(t.vacant_fill)
        self.highlight = pal.color(QPalette.ColorRole.Highlight)
        if self.highlight.lightness() > 200 or self.highlight.saturation() < 40:
            self.highlight = QColor("#2563eb")
        self.ok = QColor("#16a34a")
        self.bad = QColor("#dc2626")
        self.severity = {k: QColor(v) for k, v in SEVERITY_COLOURS.items()}
        self.no_findings = QColor(NO_FINDINGS_COLOUR)
        self.swatches = function_swatches(f.id for f in doc.functions)
        self._colours: dict[str | None, tuple[QColor, QColor, QColor]] = {}
        self.models = {
            name: (
                QColor(b.dark_fill if self.dark else b.fill),
                QColor(b.dark_ink if self.dark else b.ink),
                b.label,
            )
            for name, b in TEAM_MODEL_BADGES.items()
        }
        self.title_font = _font(TITLE_SIZE, True)
        self.subtitle_font = _font(SUBTITLE_SIZE)
        self.line_font = _font(LINE_SIZE)
        self.chip_font = _font(CHIP_SIZE)
        self.badge_font = _font(BADGE_SIZE, True)
        self.title_metrics = QFontMetricsF(self.title_font)
        self.subtitle_metrics = QFontMetricsF(self.subtitle_font)
        self.line_metrics = QFontMetricsF(self.line_font)
        self.chip_metrics = QFontMetricsF(self.chip_font)
        self.badge_metrics = QFontMetricsF(self.badge_font)
        self.colour_mode = "function"
        self.grade_count = len(doc.grades)
        self._grade_colours: dict[tuple[int | None, int], QColor] = {}
        self._sized: dict[int, tuple[QFont, QFontMetricsF]] = {}
        self._fonts: dict[tuple[float, bool], tuple[QFont, QFontMetricsF]] = {}

    def font(self, size: float, bold: bool = False) -> tuple[QFont, QFontMetricsF]:
        """A card font of ``size`` chart points and its metrics (cached)."""
        got = self._fonts.get((size, bold))
        if got is None:
            font = _font(size, bold)
            got = (font, QFontMetricsF(font))
            self._fonts[(size, bold)] = got
        return got

    def measure(self, text: str, size: float, bold: bool = False) -> float:
        """Width of ``text`` in chart points, by Qt's font metrics (for the card look)."""
        return self.font(size, bold)[1].horizontalAdvance(text)

    def title_font_at(self, size: int) -> tuple[QFont, QFontMetricsF]:
        """A bold title font of ``size`` scene units, for names drawn large when zoomed out."""
        got = self._sized.get(size)
        if got is None:
            font = _font(float(size), True)
            got = (font, QFontMetricsF(font))
            self._sized[size] = got
        return got

    def swatch(self, function_id: str | None) -> Swatch:
        if not function_id:
            return NO_FUNCTION
        return self.swatches.get(function_id) or function_swatch(function_id)

    def function_colours(self, function_id: str | None) -> tuple[QColor, QColor, QColor]:
        """(accent, fill, ink) of a function in the current light or dark mode."""
        got = self._colours.get(function_id)
        if got is None:
            accent, fill, ink = self.swatch(function_id).for_mode(self.dark)
            got = (QColor(accent), QColor(fill), QColor(ink))
            self._colours[function_id] = got
        return got

    def model_colour(self, model: str | None) -> QColor:
        entry = self.models.get(model or "")
        return entry[0] if entry else self.muted

    def grade_colour(self, rank: int | None) -> QColor:
        """The colour of grade ``rank`` (0 the most junior) on the document's scale."""
        key = (rank, self.grade_count)
        got = self._grade_colours.get(key)
        if got is None:
            got = QColor(grade_colour(rank, self.grade_count))
            self._grade_colours[key] = got
        return got

    def severity_colour(self, severity: str | None) -> QColor:
        if severity is None:
            return self.no_findings
        return self.severity.get(severity, self.muted)
