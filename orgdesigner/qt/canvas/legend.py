"""The legend, a strip under the canvas (never over a card): what the colours and lines mean."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core.palette import TEAM_MODEL_BADGES
from ..costs import costs_of
from .readonly import ReadOnlyScene
from .style import COLOUR_MODE_LABELS

ROW = 18
PAD = 8
SWATCH = 10
LEAD = 21  # room for the swatch or line sample before a label
GAP = 14
MAX_ROWS = 14


class Legend(QWidget):
    """A small, painted key; rebuilt when the view, colour mode or functions change."""

    def __init__(self, scene: ReadOnlyScene, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.scene = scene
        self.enabled = True
        self.entries: list[tuple[str, QColor | None, str]] = []  # (kind, colour, label)
        self.title = ""
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.refresh()

    def refresh(self) -> None:
        s = self.scene.style
        doc = self.scene.doc
        mode = s.colour_mode
        view = self.scene.view_name
        entries: list[tuple[str, QColor | None, str]] = []
        if mode == "function":
            used: set[str | None] = set()
            for item in self.scene.cards.values():
                if item.kind == "person" or item.function:
                    used.add(item.function)
                for _, _, chip in item.chips:
                    used.add(getattr(chip, "function", None))
            names = [(f.id, f.name or f.id) for f in doc.functions if f.id in used]
            known = {f.id for f in doc.functions}
            names += [
                (f, f"{f} (unknown)") for f in sorted(x for x in used if x and x not in known)
            ]
            if len(names) > MAX_ROWS - 1:
                names = names[: MAX_ROWS - 2] + [("", f"... {len(names) - MAX_ROWS + 2} more")]
            for fid, name in names:
                entries.append(("swatch", s.function_colours(fid)[0] if fid else None, name))
            if None in used and self.scene.cards:
                entries.append(("swatch", s.function_colours(None)[0], "No function"))
        elif mode == "grade":
            grades = doc.grades
            shown = grades if len(grades) <= MAX_ROWS - 2 else grades[: MAX_ROWS - 3]
            s.grade_count = len(grades)
            for i, g in enumerate(shown):
                entries.append(("swatch", s.grade_colour(i), f"{i + 1}. {g.name or g.id}"))
            if len(shown) < len(grades):
                entries.append(("swatch", None, f"... {len(grades) - len(shown)} more"))
            entries.append(
                ("swatch", s.grade_colour(None), "No grade" if grades else "No grades defined")
            )
        elif mode == "model":
            for name in ("sto", "functional", "service"):
                badge = TEAM_MODEL_BADGES[name]
                entries.append(
                    (
                        "swatch",
                        s.model_colour(name),
                        f"{badge.label}: {badge.description.split(':')[0]}",
                    )
                )
            if view != "teams":
                entries.append(("swatch", s.model_colour(None), "No team"))
        elif mode == "cost":
            bands = costs_of(self.scene.controller).legend(teams=view == "teams")
            entries += [("swatch", colour, label) for colour, label in bands]
        else:
            entries += [
                ("swatch", s.severity_colour("error"), "Has errors"),
                ("swatch", s.severity_colour("warning"), "Has warnings"),
                ("swatch", s.severity_colour("info"), "Information only"),
                ("swatch", s.severity_colour(None), "No findings"),
            ]
        if view == "people":
            entries.append(("line", s.line, "Line manager"))
        entries += self._lines_entries(view)
        if any(item.vacant for item in self.scene.cards.values()) or any(
            getattr(chip, "vacant", False)
            for item in self.scene.cards.values()
            for _, _, chip in item.chips
        ):
            entries.append(("vacant", s.vacant, "Open position"))
        self.entries = entries
        self.title = f"Colour: {COLOUR_MODE_LABELS.get(mode, mode)}"
        self.setVisible(self.enabled and bool(self.scene.cards))
        self.place()
        self.update()

    def _lines_entries(self, view: str) -> list[tuple[str, QColor | None, str]]:
        """What the functional lines look like in this view, when any are drawn."""
        s = self.scene.style
        layer = getattr(self.scene, "lines_layer", None)
        mode = (
            layer.mode if layer is not None else ("all" if self.scene.functional_lines else "off")
        )
        if mode == "off":
            return []
        if view == "teams":
            # People are chips here: the chips of the selection's functional relations are ringed.
            return [("ring", s.functional_line, "Functional manager or coached (selection)")]
        if layer is None:
            return [("dotted", s.functional_line, "Functional manager")]
        if mode == "selection":
            return [("fline", s.functional_line, "Functional manager (selection)")]
        return [("fline", s.functional_line, "Functional manager")]

    def _font(self, bold: bool = False) -> QFont:
        f = QFont(self.font())
        f.setPointSizeF(f.pointSizeF() * 0.9)
        f.setBold(bold)
        return f

    def _max_width(self) -> int:
        return max(160, self.width() if self.isVisible() else 760)

    def _layout(self, max_width: int) -> tuple[list[tuple[int, int, int]], int, int]:
        """Where each entry goes, flowing left to right in rows: (index, x, row); size."""
        fm = QFontMetrics(self._font())
        x = PAD + QFontMetrics(self._font(True)).horizontalAdvance(self.title) + GAP
        row = 0
        out = []
        widest = x
        for i, (_, _, label) in enumerate(self.entries):
            w = LEAD + fm.horizontalAdvance(label)
            if x + w > max_width - PAD and x > PAD:
                row += 1
                x = PAD
            out.append((i, x, row))
            x += w + GAP
            widest = max(widest, x - GAP)
        return out, widest + PAD, PAD * 2 + ROW * (row + 1)

    def sizeHint(self) -> QSize:  # noqa: N802
        _, w, h = self._layout(self._max_width())
        return QSize(int(w), int(h))

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return int(self._layout(max(160, width))[2])

    def place(self) -> None:
        """The strip is as tall as its rows need at its width."""
        height = self.heightForWidth(self.width())
        if self.height() != height or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.place()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        p.drawLine(QPointF(0, 0.5), QPointF(self.width(), 0.5))
        text = pal.color(QPalette.ColorRole.Text)
        p.setFont(self._font(True))
        p.setPen(text)
        p.drawText(QRectF(PAD, PAD, self.width(), ROW), Qt.AlignmentFlag.AlignVCenter, self.title)
        p.setFont(self._font())
        fm = QFontMetrics(self._font())
        places, _, _ = self._layout(self.width())
        for i, x, row in places:
            kind, colour, label = self.entries[i]
            y = PAD + row * ROW
            mid = y + ROW / 2
            if kind == "swatch":
                if colour is not None:
                    p.setPen(Qt.PenStyle.NoPen)
                    p.setBrush(colour)
                    p.drawRoundedRect(QRectF(x, mid - SWATCH / 2, SWATCH, SWATCH), 2.5, 2.5)
            elif kind in ("line", "dotted"):
                pen = QPen(colour, 1.5)
                if kind == "dotted":
                    pen.setStyle(Qt.PenStyle.DotLine)
                p.setPen(pen)
                p.drawLine(QPointF(x, mid), QPointF(x + 16, mid))
            elif kind == "fline":
                pen = QPen(colour, 2.0, Qt.PenStyle.CustomDashLine)
                pen.setDashPattern([4.0, 2.5])
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                p.setPen(pen)
                p.drawLine(QPointF(x, mid), QPointF(x + 12, mid))
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(colour)
                p.drawPolygon(
                    QPolygonF(
                        [
                            QPointF(x + 17, mid),
                            QPointF(x + 11, mid - 3.5),
                            QPointF(x + 11, mid + 3.5),
                        ]
                    )
                )
            elif kind == "ring":
                pen = QPen(colour, 1.6, Qt.PenStyle.CustomDashLine)
                pen.setDashPattern([2.5, 1.5])
                p.setPen(pen)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRoundedRect(QRectF(x + 1, mid - 5, 15, 10), 3, 3)
            elif kind == "vacant":
                p.setPen(QPen(colour, 1.2, Qt.PenStyle.DashLine))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRoundedRect(QRectF(x, mid - 5, 16, 10), 2, 2)
            p.setPen(text)
            lx = x + (SWATCH + 5 if kind == "swatch" else 21)
            p.drawText(
                QRectF(lx, y, fm.horizontalAdvance(label) + 2, ROW),
                Qt.AlignmentFlag.AlignVCenter,
                label,
            )
        p.end()
