"""How fast the app opens and edits a big organisation: figures for the benchmark script.

:func:`measure_open` generates an organisation of ``n`` people, writes it to a
temporary file and opens it the way a user does (load, validate, build the
canvas, show the window, paint it), then times a few things a designer does
next: switching views, one edit with its revalidation and redraw, and the
frames of a drag. It runs offscreen when there is no display.
"""

from __future__ import annotations

import gc
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _peak_mb() -> float:
    """This process's peak resident memory in MB.

    On Linux the kernel's high-water mark of this program (``VmHWM``), since
    ``ru_maxrss`` survives ``exec`` and so would report the parent's peak when
    the benchmark starts the app in a child process.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def measure_open(n: int, seed: int = 1, *, drag_frames: int = 30) -> dict[str, Any]:
    """Open a generated organisation of ``n`` people; seconds (and MB) for each step.

    Keys: ``people``, ``cards``, ``open`` (load + canvas), ``first_paint`` (open, show
    and the first full paint: what the user waits for), ``badges`` (the findings of
    the file, checked after that paint, are on the cards), ``scene_people``,
    ``scene_teams``, ``scene_functions`` (building each view's items from scratch),
    ``switch_teams``, ``switch_functions``, ``switch_people`` (the view menu, to the
    painted chart), ``edit`` (one drop: apply, revalidate, update the canvas; median of 3), ``frame_max`` and
    ``frame_median`` (one step of a drag: move the ghost, find and preview the
    target, repaint what changed; at 100 % zoom), ``frame_fit_max`` (the same
    with the whole chart on screen), ``peak_mb``; then ``expand_shown`` and
    ``expand_all_items`` (Expand all: the chart painted with the cards in sight, and
    every card's item made).
    """
    if (
        "QT_QPA_PLATFORM" not in os.environ
        and not os.environ.get("DISPLAY")
        and sys.platform.startswith("linux")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtWidgets import QApplication

    from ..core import io, ops
    from ..core.generate import generate
    from .canvas.items import GhostItem
    from .canvas.scene import Drag
    from .config import ensure_app
    from .main_window import MainWindow

    app = ensure_app()
    out: dict[str, Any] = {"people": n}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"generated-{n}.orgd"
        io.save(generate(n, seed=seed), path, backup=False)
        gc.collect()

        t0 = time.perf_counter()
        win = MainWindow(extensions=False)
        win.ask_save_changes = lambda: "discard"  # type: ignore[method-assign]
        findings: list[float] = []
        win.controller.findingsChanged.connect(lambda _r: findings.append(time.perf_counter()))
        # As the app starts on a file: open, show, the first look; the file is checked
        # once the chart has been painted.
        win.open_path(str(path), remember=False)
        out["open"] = time.perf_counter() - t0
        win.resize(1400, 900)
        win.show()
        win.canvas.show_start()
        win.canvas.viewport().repaint()
        out["first_paint"] = time.perf_counter() - t0
        while not findings:
            app.processEvents()
        out["badges"] = findings[0] - t0
        out["cards"] = len(win.scene.cards)
        app.processEvents()

        scene = win.scene
        for view in ("teams", "functions", "people"):
            scene.clear_items()
            t = time.perf_counter()
            scene.view_name = view
            scene.rebuild()
            out[f"scene_{view}"] = time.perf_counter() - t
        win.canvas.show_start()
        app.processEvents()

        # Switching views as the user does (menu or toolbar), until the chart is painted.
        for view in ("teams", "functions", "people"):
            t = time.perf_counter()
            win.actions_by_name[f"view_{view}"].trigger()
            win.canvas.viewport().repaint()
            out[f"switch_{view}"] = time.perf_counter() - t
            app.processEvents()

        # One drop: somebody near the top moves under another manager (three times,
        # undone in between; the median).
        doc = win.controller.doc
        mover = next(
            p.id
            for p in doc.people
            if p.manager and sum(1 for q in doc.people if q.manager == p.id) == 0
        )
        target = next(
            p.id
            for p in doc.people
            if p.id != mover
            and ops.preview(ops.set_manager(doc, mover, p.id), doc) is None
            and doc.person(mover).manager != p.id
        )
        drops = []
        for _ in range(3):
            t = time.perf_counter()
            win.controller.do(ops.set_manager(doc, mover, target))
            app.processEvents()
            drops.append(time.perf_counter() - t)
            win.controller.undo_stack.undo()
            app.processEvents()
        win.controller.do(ops.set_manager(doc, mover, target))
        app.processEvents()
        out["edit"] = sorted(drops)[1]

        def drag_frames_at(centre: QPointF) -> list[float]:
            item = scene.cards[target]
            ghost = GhostItem(item)
            scene.addItem(ghost)
            ghost.setPos(centre)
            drag = Drag(
                item, target, "card", centre, QPoint(0, 0), centre, started=True, ghost=ghost
            )
            app.processEvents()
            times = []
            for i in range(drag_frames):
                t = time.perf_counter()
                ghost.setPos(centre + QPointF(7.0 * i, 3.0 * i))
                scene._retarget(drag, ghost.pos())  # what a mouse move does besides painting
                app.processEvents()  # the view repaints what the ghost touched
                times.append(time.perf_counter() - t)
            scene._unlight(drag)
            scene.removeItem(ghost)
            return sorted(times)

        win.canvas.reset_zoom()
        win.canvas.centre_on(target)
        frames = drag_frames_at(scene.card_rect(target).center())
        out["frame_median"] = frames[len(frames) // 2]
        out["frame_max"] = frames[-1]
        win.canvas.fit()
        app.processEvents()
        frames = drag_frames_at(scene.card_rect(target).center())
        out["frame_fit_max"] = frames[-1]
        out["peak_mb"] = _peak_mb()

        # Everything unfolded: the chart is shown with the items in sight, the rest follow.
        win.canvas.reset_zoom()
        app.processEvents()
        t = time.perf_counter()
        win.actions_by_name["expand_all"].trigger()
        win.canvas.viewport().repaint()
        out["expand_shown"] = time.perf_counter() - t
        while scene._pending:
            app.processEvents()
        out["expand_all_items"] = time.perf_counter() - t
        win.controller.undo_stack.clear()
        win.close()
        win.deleteLater()
        QApplication.processEvents()
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m orgdesigner.qt.bench 1000 10000``: print the figures for each size."""
    sizes = [int(a) for a in (argv if argv is not None else sys.argv[1:])] or [1000, 10000]
    for n in sizes:
        r = measure_open(n)
        print(
            f"{n:>6} people, {r['cards']} cards: open {r['open']:.2f} s, first paint "
            f"{r['first_paint']:.2f} s, badges {r['badges']:.2f} s; switch to teams/"
            f"functions/people {r['switch_teams']:.2f}/{r['switch_functions']:.2f}/"
            f"{r['switch_people']:.2f} s; scene people/teams/functions "
            f"{r['scene_people']:.2f}/{r['scene_teams']:.2f}/{r['scene_functions']:.2f} s; "
            f"one edit {r['edit'] * 1000:.0f} ms; drag frame median "
            f"{r['frame_median'] * 1000:.1f} ms, max {r['frame_max'] * 1000:.1f} ms, "
            f"zoomed out max {r['frame_fit_max'] * 1000:.1f} ms; peak {r['peak_mb']:.0f} MB; "
            f"expand all {r['expand_shown']:.2f} s shown, {r['expand_all_items']:.2f} s all items"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
