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


# Twelve hues from the Okabe-Ito and Paul Tol palettes, chosen to stay apart
# for the common forms of colour blindness (every pair at least 20 apart in
# CIELAB) and far from the red of errors (``SEVERITY_COLOURS``), so a
# function's colour never reads as a finding. The legend names each one.
SWATCHES: tuple[Swatch, ...] = (
    Swatch("blue", "#0072b2", "#d1e6f1", "#004a74", "#66aad1", "#0c2e43", "#d1e6f1"),
    Swatch("orange", "#e69f00", "#faeed1", "#684800", "#e69f00", "#4d3a11", "#faeed1"),
    Swatch("sky", "#56b4e9", "#e1f2fb", "#275169", "#56b4e9", "#244053", "#e1f2fb"),
    Swatch("bluish-green", "#009e73", "#d1eee6", "#00573f", "#009e73", "#0c3a31", "#d1eee6"),
    Swatch("reddish-purple", "#cc79a7", "#f6e7ef", "#663c54", "#cc79a7", "#453040", "#f6e7ef"),
    Swatch("yellow", "#ccbb44", "#f6f3dd", "#524b1b", "#ccbb44", "#454224", "#f6f3dd"),
    Swatch("indigo", "#332288", "#dad7ea", "#24185f", "#857ab8", "#1b1737", "#dad7ea"),
    Swatch("wine", "#882255", "#ead7e0", "#5f183b", "#b87a99", "#321729", "#ead7e0"),
    Swatch("green", "#117733", "#d4e7da", "#0c5324", "#70ad85", "#112f20", "#d4e7da"),
    Swatch("brown", "#7f5539", "#e8e0db", "#593b28", "#b29988", "#302521", "#e8e0db"),
    Swatch("purple", "#aa4499", "#f0dded", "#6e2c63", "#cc8fc2", "#3c213c", "#f0dded"),
    Swatch("dark-teal", "#005f5f", "#d1e2e2", "#004242", "#669f9f", "#0c282c", "#d1e2e2"),
)
_BY_NAME = {s.name: s for s in SWATCHES}

# Crafts that appear in most organisations get a fixed, conventional colour so
# two unrelated files still agree (engineering is always blue).
WELL_KNOWN: dict[str, str] = {
    "engineering": "blue",
    "product": "purple",
    "design": "orange",
    "data": "bluish-green",
    "analytics": "bluish-green",
    "marketing": "yellow",
    "sales": "green",
    "finance": "reddish-purple",
    "operations": "sky",
    "ops": "sky",
    "people": "brown",
    "hr": "brown",
    "security": "indigo",
    "legal": "dark-teal",
    "support": "wine",
    "customer_success": "wine",
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


@dataclass(frozen=True)
class ChangeColour:
    """How a comparison marks one kind of change: outline and tag colour, tag text."""

    accent: str
    ink: str  # the tag's text on ``accent``
    dark_accent: str
    dark_ink: str

    def for_mode(self, dark: bool = False) -> tuple[str, str]:
        """(accent, ink) for light or dark mode."""
        return (self.dark_accent, self.dark_ink) if dark else (self.accent, self.ink)


# The kinds of change a comparison outlines: violet, bluish green, slate grey and
# orange (after Okabe-Ito and Paul Tol). They stay apart for the common forms of
# colour blindness; none is the red of errors, so a plain change never reads as a
# finding, and none is the blue of the selection. Removed is also drawn dashed,
# and every outline carries its word, so nothing rests on colour alone.
CHANGE_COLOURS: dict[str, ChangeColour] = {
    "moved": ChangeColour("#7b3fbf", "#ffffff", "#b48ef0", "#1a0b33"),
    "added": ChangeColour("#007a5e", "#ffffff", "#2ec4a0", "#06231b"),
    "removed": ChangeColour("#5b6470", "#ffffff", "#a3abb7", "#111318"),
    "changed": ChangeColour("#e69f00", "#2b1d00", "#f0b429", "#2b1d00"),
}
