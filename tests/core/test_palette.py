"""Function colours: twelve that stay apart, none that reads as an error."""

from __future__ import annotations

import itertools

import pytest

from orgdesigner.core.importer import import_file
from orgdesigner.core.palette import (
    NO_FUNCTION,
    SEVERITY_COLOURS,
    SWATCHES,
    function_swatch,
    function_swatches,
)

D3_SAMPLE = "/work/shared/data/d3-org-chart-sample.csv"
ERROR_REDS = (SEVERITY_COLOURS["error"], "#dc2626", "#ff0000")


def _lab(colour: str) -> tuple[float, float, float]:
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def _delta_e(a: str, b: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b), strict=True)) ** 0.5


def _luminance(colour: str) -> float:
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    lo, hi = sorted((_luminance(a), _luminance(b)))
    return (hi + 0.05) / (lo + 0.05)


def test_twelve_function_colours_every_pair_tells_apart() -> None:
    assert len(SWATCHES) == 12
    assert len({s.name for s in SWATCHES}) == 12
    closest = min(_delta_e(a.accent, b.accent) for a, b in itertools.combinations(SWATCHES, 2))
    assert closest >= 20


def test_no_function_colour_is_the_red_of_errors() -> None:
    for s in SWATCHES:
        for red in ERROR_REDS:
            assert _delta_e(s.accent, red) >= 40, (s.name, red)
    for red in ERROR_REDS:
        assert _delta_e(NO_FUNCTION.accent, red) >= 40


@pytest.mark.parametrize("dark", [False, True])
def test_text_on_every_function_fill_is_readable(dark: bool) -> None:
    for s in SWATCHES:
        _accent, fill, ink = s.for_mode(dark)
        assert _contrast(fill, ink) >= 4.5, s.name


def test_the_d3_sample_is_not_coloured_error_red() -> None:
    doc = import_file(D3_SAMPLE).document
    colours = function_swatches(f.id for f in doc.functions)
    assert colours
    for swatch in colours.values():
        assert _delta_e(swatch.accent, SEVERITY_COLOURS["error"]) >= 40


def test_people_function_is_no_longer_red() -> None:
    assert _delta_e(function_swatch("people").accent, SEVERITY_COLOURS["error"]) >= 40


def test_the_common_crafts_get_clearly_different_colours() -> None:
    crafts = function_swatches(["engineering", "product", "design", "data", "people"])
    assert len({s.name for s in crafts.values()}) == 5
    for a, b in itertools.combinations(crafts.values(), 2):
        assert _delta_e(a.accent, b.accent) >= 40, (a.name, b.name)


def test_change_colours_tell_apart_and_none_is_error_red() -> None:
    from orgdesigner.core.palette import CHANGE_COLOURS

    assert set(CHANGE_COLOURS) == {"moved", "added", "removed", "changed"}
    for dark in (False, True):
        accents = [c.for_mode(dark)[0] for c in CHANGE_COLOURS.values()]
        closest = min(_delta_e(a, b) for a, b in itertools.combinations(accents, 2))
        assert closest >= 20, dark
        for accent in accents:
            assert min(_delta_e(accent, red) for red in ERROR_REDS) >= 20
        for colour in CHANGE_COLOURS.values():
            accent, ink = colour.for_mode(dark)
            assert _contrast(accent, ink) >= 4.5  # the tag's word stays readable
    # An outline stands out from a light page and from a dark one.
    for colour in CHANGE_COLOURS.values():
        assert _contrast(colour.accent, "#ffffff") >= 2.0
        assert _contrast(colour.dark_accent, "#111318") >= 3.0
