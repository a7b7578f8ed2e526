"""Colours shared by the exports and the Qt canvas: pure data, no drawing library.

Every function gets a colour that depends only on its ID, so the same function
looks the same in every chart, file and session. Colours are hex strings
(``#rrggbb``); each swatch has a light-mode and a dark-mode variant chosen so
text on the fill stays readable (contrast above 4.5:1 for ``ink`` on ``fill``).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Swatch:
    """One colour in its roles: ``accent`` for stripes and borders, ``fill`` behind text."""

    name: str
    accent: str  # saturated: card stripe, chip border, legend dot
    fill: str  # light tint behind dark text (light mode)
    ink: str  # text drawn on ``fill``
    dark_accent: str  # the same roles in dark mode
    dark_fill: str
    dark_ink: str

    def for_mode(self, dark: bool = False) -> tuple[str, str, str]:
        """(accent, fill, ink) for light or dark mode."""
        if dark:
            return self.dark_accent, self.dark_fill, self.dark_ink
        return self.accent, self.fill, self.ink


# Twelve hues far enough apart to tell apart side by side, also for the common
# forms of colour blindness when paired with the function name in the legend.
SWATCHES: tuple[Swatch, ...] = (
    Swatch("blue", "#2563eb", "#dbeafe", "#1e3a8a", "#60a5fa", "#1e3a5f", "#dbeafe"),
    Swatch("violet", "#7c3aed", "#ede9fe", "#4c1d95", "#a78bfa", "#3b2a63", "#ede9fe"),
    Swatch("pink", "#db2777", "#fce7f3", "#831843", "#f472b6", "#5a2142", "#fce7f3"),
    Swatch("teal", "#0d9488", "#ccfbf1", "#134e4a", "#2dd4bf", "#133f3c", "#ccfbf1"),
    Swatch("orange", "#ea580c", "#ffedd5", "#7c2d12", "#fb923c", "#5a2e16", "#ffedd5"),
    Swatch("green", "#16a34a", "#dcfce7", "#14532d", "#4ade80", "#17402a", "#dcfce7"),
    Swatch("red", "#dc2626", "#fee2e2", "#7f1d1d", "#f87171", "#5c2020", "#fee2e2"),
    Swatch("amber", "#b45309", "#fef3c7", "#78350f", "#fbbf24", "#523a12", "#fef3c7"),
    Swatch("cyan", "#0891b2", "#cffafe", "#164e63", "#22d3ee", "#14404f", "#cffafe"),
    Swatch("indigo", "#4f46e5", "#e0e7ff", "#312e81", "#818cf8", "#2e2f63", "#e0e7ff"),
    Swatch("lime", "#4d7c0f", "#ecfccb", "#365314", "#a3e635", "#34461a", "#ecfccb"),
    Swatch("brown", "#92400e", "#f5e6d8", "#5b2a0a", "#d6a77a", "#4a3222", "#f5e6d8"),
)
_BY_NAME = {s.name: s for s in SWATCHES}

# Crafts that appear in most organisations get a fixed, conventional colour so
# two unrelated files still agree (engineering is always blue).
WELL_KNOWN: dict[str, str] = {
    "engineering": "blue",
    "product": "violet",
    "design": "pink",
    "data": "teal",
    "analytics": "teal",
    "marketing": "orange",
    "sales": "green",
    "finance": "amber",
    "operations": "cyan",
    "ops": "cyan",
    "people": "red",
    "hr": "red",
    "security": "indigo",
    "legal": "brown",
    "support": "lime",
    "customer_success": "lime",
}

NO_FUNCTION = Swatch("grey", "#6b7280", "#f3f4f6", "#111827", "#9ca3af", "#2b2f36", "#f3f4f6")


def function_swatch(function_id: str | None) -> Swatch:
    """The swatch of a function, the same for the same ID everywhere; grey for none."""
    if not function_id:
        return NO_FUNCTION
    known = WELL_KNOWN.get(function_id.lower())
    if known:
        return _BY_NAME[known]
    return SWATCHES[zlib.crc32(function_id.encode("utf-8")) % len(SWATCHES)]


def function_swatches(function_ids: Iterable[str]) -> dict[str, Swatch]:
    """Swatches for a document's functions, distinct while there are colours left.

    Each function keeps its own colour (``function_swatch``) unless an earlier
    function in sorted-ID order took it; then it moves to the next free
    colour. The result depends only on the set of IDs, so the canvas and every
    export agree.
    """
    ids = sorted({f for f in function_ids if f})
    taken: set[str] = set()
    out: dict[str, Swatch] = {}
    # Well-known functions claim their colour first so "engineering" stays blue.
    order = sorted(ids, key=lambda f: (f.lower() not in WELL_KNOWN, f))
    for fid in order:
        swatch = function_swatch(fid)
        if swatch.name in taken and len(taken) < len(SWATCHES):
            start = SWATCHES.index(swatch)
            for step in range(1, len(SWATCHES)):
                candidate = SWATCHES[(start + step) % len(SWATCHES)]
                if candidate.name not in taken:
                    swatch = candidate
                    break
        taken.add(swatch.name)
        out[fid] = swatch
    return out


@dataclass(frozen=True)
class Badge:
    """A team-model badge: a short label on a coloured pill."""

    label: str
    description: str
    fill: str
    ink: str
    dark_fill: str
    dark_ink: str


TEAM_MODEL_BADGES: dict[str, Badge] = {
    "sto": Badge(
        "STO",
        "single-threaded owner: everyone reports to the team's owner",
        "#0f766e",
        "#ffffff",
        "#5eead4",
        "#042f2e",
    ),
    "functional": Badge(
        "FUNC",
        "functional (three-legged stool): people report up their function",
        "#a16207",
        "#ffffff",
        "#fcd34d",
        "#422006",
    ),
    "service": Badge(
        "SVC",
        "service team: supplies its craft to the teams it serves",
        "#4338ca",
        "#ffffff",
        "#a5b4fc",
        "#1e1b4b",
    ),
}

# Grades from junior to senior along a perceptually even ramp that also reads
# for the common forms of colour blindness (yellow-green to deep blue-violet).
GRADE_RAMP: tuple[str, ...] = (
    "#b5de2b",
    "#6ece58",
    "#35b779",
    "#1f9e89",
    "#26828e",
    "#31688e",
    "#3e4989",
    "#482878",
)
NO_GRADE = "#9ca3af"


def grade_colour(rank: int | None, count: int) -> str:
    """The colour of grade ``rank`` (0 the most junior) on a scale of ``count`` grades."""
    if rank is None or count <= 0:
        return NO_GRADE
    if count == 1:
        return GRADE_RAMP[len(GRADE_RAMP) // 2]
    t = min(max(rank / (count - 1), 0.0), 1.0) * (len(GRADE_RAMP) - 1)
    lo = int(t)
    hi = min(lo + 1, len(GRADE_RAMP) - 1)
    f = t - lo
    a, b = GRADE_RAMP[lo], GRADE_RAMP[hi]
    mix = (round(int(a[i : i + 2], 16) * (1 - f) + int(b[i : i + 2], 16) * f) for i in (1, 3, 5))
    return "#" + "".join(f"{c:02x}" for c in mix)


@dataclass(frozen=True)
class Theme:
    """Neutral colours of a chart: page, cards, lines and text."""

    page: str
    card: str
    card_border: str
    ink: str
    muted: str
    line: str
    functional_line: str
    vacant: str
    marker: str  # "continued on page N" tags
    vacant_fill: str  # inside an open position's card


LIGHT = Theme(
    page="#ffffff",
    card="#ffffff",
    card_border="#9ca3af",
    ink="#111827",
    muted="#4b5563",
    line="#6b7280",
    functional_line="#7c3aed",
    vacant="#b45309",
    marker="#1d4ed8",
    vacant_fill="#fffbeb",
)
DARK = Theme(
    page="#111318",
    card="#1c1f26",
    card_border="#4b5563",
    ink="#f3f4f6",
    muted="#c2c7d0",
    line="#9ca3af",
    functional_line="#c4b5fd",
    vacant="#fbbf24",
    marker="#93c5fd",
    vacant_fill="#3a2f14",
)

SEVERITY_COLOURS: dict[str, str] = {"error": "#b91c1c", "warning": "#b45309", "info": "#1d4ed8"}


def theme(dark: bool = False) -> Theme:
    """The light or dark neutral colours."""
    return DARK if dark else LIGHT
