"""Small icons drawn in code, so they follow the palette and stay sharp at any DPI.

Where the platform theme has a standard icon (open, save, undo...) we prefer
it; these cover what themes do not have: severity dots and the three views.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from ..core.palette import SEVERITY_COLOURS

WAIVED_COLOUR = "#6b7280"


def _canvas(size: int = 32) -> tuple[QPixmap, QPainter]:
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pm, p


def draw_severity(p: QPainter, rect: QRectF, severity: str) -> None:
    """The severity mark in ``rect``: the findings list's icon and the cards' badges."""
    k = rect.width() / 32.0
    p.save()
    p.translate(rect.topLeft())
    p.scale(k, k)
    if severity == "waived":
        p.setPen(QPen(QColor(WAIVED_COLOUR), 3))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(QRectF(7, 7, 18, 18))
    else:
        colour = QColor(SEVERITY_COLOURS.get(severity, WAIVED_COLOUR))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawEllipse(QRectF(5, 5, 22, 22))
        pen = QPen(QColor("white"), 3)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        if severity == "error":  # a cross: not only colour tells the severities apart
            p.drawLine(QPointF(11.5, 11.5), QPointF(20.5, 20.5))
            p.drawLine(QPointF(20.5, 11.5), QPointF(11.5, 20.5))
        elif severity == "warning":
            p.drawLine(QPointF(16, 10), QPointF(16, 18))
            p.drawPoint(QPointF(16, 22.5))
        else:
            p.drawPoint(QPointF(16, 10.5))
            p.drawLine(QPointF(16, 15), QPointF(16, 22))
    p.restore()


@cache
def severity_icon(severity: str) -> QIcon:
    """A filled dot in the severity's colour; a hollow grey ring for waived findings."""
    pm, p = _canvas()
    draw_severity(p, QRectF(0, 0, 32, 32), severity)
    p.end()
    return QIcon(pm)


@cache
def view_icon(view: str) -> QIcon:
    """Icons of the three views: a small tree of people, of teams, and columns."""
    pm, p = _canvas()
    ink = QColor("#4b5563")
    p.setPen(QPen(ink, 2))
    p.setBrush(QColor("#93c5fd"))
    if view == "people":
        p.drawEllipse(QRectF(12, 3, 8, 8))
        p.drawLine(QPointF(16, 11), QPointF(16, 16))
        p.drawLine(QPointF(7, 16), QPointF(25, 16))
        p.drawLine(QPointF(7, 16), QPointF(7, 20))
        p.drawLine(QPointF(25, 16), QPointF(25, 20))
        p.drawEllipse(QRectF(3, 20, 8, 8))
        p.drawEllipse(QRectF(21, 20, 8, 8))
    elif view == "teams":
        p.drawRoundedRect(QRectF(9, 3, 14, 9), 2, 2)
        p.drawLine(QPointF(16, 12), QPointF(16, 16))
        p.drawLine(QPointF(8, 16), QPointF(24, 16))
        p.drawLine(QPointF(8, 16), QPointF(8, 19))
        p.drawLine(QPointF(24, 16), QPointF(24, 19))
        p.drawRoundedRect(QRectF(2, 19, 12, 9), 2, 2)
        p.drawRoundedRect(QRectF(18, 19, 12, 9), 2, 2)
    else:
        for i, colour in enumerate(("#93c5fd", "#c4b5fd", "#f9a8d4")):
            p.setBrush(QColor(colour))
            x = 3 + i * 9.5
            p.drawRoundedRect(QRectF(x, 4, 7, 7), 1.5, 1.5)
            p.drawRoundedRect(QRectF(x, 14, 7, 5), 1, 1)
            p.drawRoundedRect(QRectF(x, 22, 7, 5), 1, 1)
    p.end()
    return QIcon(pm)


@cache
def app_icon() -> QIcon:
    """The application icon: two lines meeting at one person."""
    pm, p = _canvas(64)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1e3a8a"))
    p.drawRoundedRect(QRectF(2, 2, 60, 60), 12, 12)
    p.setBrush(QColor("#ffffff"))
    p.drawEllipse(QRectF(24, 8, 16, 16))
    p.drawRoundedRect(QRectF(10, 40, 16, 14), 3, 3)
    p.drawRoundedRect(QRectF(38, 40, 16, 14), 3, 3)
    p.setPen(QPen(QColor("#ffffff"), 3))
    p.drawLine(QPointF(32, 24), QPointF(18, 40))
    dotted = QPen(QColor("#c4b5fd"), 3)
    dotted.setStyle(Qt.PenStyle.DotLine)
    p.setPen(dotted)
    path = QPainterPath(QPointF(32, 24))
    path.lineTo(QPointF(46, 40))
    p.drawPath(path)
    p.end()
    return QIcon(pm)


_THEME_ICONS = {
    "document-new": "DocumentNew",
    "document-open": "DocumentOpen",
    "document-save": "DocumentSave",
    "document-save-as": "DocumentSaveAs",
    "application-exit": "ApplicationExit",
    "edit-undo": "EditUndo",
    "edit-redo": "EditRedo",
    "edit-delete": "EditDelete",
    "zoom-in": "ZoomIn",
    "zoom-out": "ZoomOut",
    "zoom-fit-best": "ZoomFitBest",
    "zoom-original": "ZoomOriginal",
}


def themed(name: str, fallback: QIcon | None = None) -> QIcon:
    """The platform's icon ``name`` (freedesktop naming; Windows and macOS map it), else ours."""
    enum_name = _THEME_ICONS.get(name)
    icon = QIcon()
    theme_icon = getattr(getattr(QIcon, "ThemeIcon", None), enum_name or "", None)
    if theme_icon is not None:
        icon = QIcon.fromTheme(theme_icon)
    if icon.isNull():
        icon = QIcon.fromTheme(name)
    if icon.isNull():
        icon = fallback or drawn_icon(name, _ink())
    return icon


def _ink() -> str:
    """The palette's text colour, so our line icons show on light and dark themes."""
    from PySide6.QtGui import QGuiApplication, QPalette

    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()


@cache
def drawn_icon(name: str, ink_colour: str = "#374151") -> QIcon:
    """Our own line icons for the toolbar when the platform has none."""
    pm, p = _canvas()
    ink = QColor(ink_colour)
    pen = QPen(ink, 2.4)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    if name in ("zoom-in", "zoom-out", "zoom-original"):
        p.drawEllipse(QRectF(5, 5, 16, 16))
        p.drawLine(QPointF(19, 19), QPointF(27, 27))
        p.drawLine(QPointF(9, 13), QPointF(17, 13))
        if name == "zoom-in":
            p.drawLine(QPointF(13, 9), QPointF(13, 17))
    elif name == "zoom-fit-best":
        for x, y, dx, dy in ((5, 5, 1, 1), (27, 5, -1, 1), (5, 27, 1, -1), (27, 27, -1, -1)):
            p.drawLine(QPointF(x, y), QPointF(x + 7 * dx, y))
            p.drawLine(QPointF(x, y), QPointF(x, y + 7 * dy))
        p.drawRect(QRectF(11, 11, 10, 10))
    elif name in ("edit-undo", "edit-redo"):
        path = QPainterPath()
        if name == "edit-undo":
            path.moveTo(QPointF(26, 24))
            path.cubicTo(QPointF(26, 12), QPointF(18, 10), QPointF(8, 12))
            p.drawPath(path)
            p.drawLine(QPointF(8, 12), QPointF(13, 6))
            p.drawLine(QPointF(8, 12), QPointF(14, 17))
        else:
            path.moveTo(QPointF(6, 24))
            path.cubicTo(QPointF(6, 12), QPointF(14, 10), QPointF(24, 12))
            p.drawPath(path)
            p.drawLine(QPointF(24, 12), QPointF(19, 6))
            p.drawLine(QPointF(24, 12), QPointF(18, 17))
    elif name == "edit-delete":
        p.drawLine(QPointF(7, 9), QPointF(25, 9))
        p.drawLine(QPointF(13, 9), QPointF(14, 5))
        p.drawLine(QPointF(14, 5), QPointF(18, 5))
        p.drawLine(QPointF(18, 5), QPointF(19, 9))
        p.drawRoundedRect(QRectF(9, 9, 14, 18), 2, 2)
    else:
        p.end()
        return QIcon()
    p.end()
    return QIcon(pm)
