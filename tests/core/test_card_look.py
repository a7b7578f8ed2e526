"""One card look: what text fits, decided once for the canvas and every exporter."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from orgdesigner.core import card_look as look


def mono(text: str, size: float, bold: bool) -> float:
    """Every character as wide as half its size (bold a little wider): easy to reason about."""
    return len(text) * size * (0.55 if bold else 0.5)


def test_text_that_fits_is_kept_and_text_that_does_not_ends_in_an_ellipsis():
    assert look.ellipsize("Ann", 10, 100, mono) == "Ann"
    cut = look.ellipsize("Annabelle Fitzgerald", 10, 40, mono)
    assert cut.endswith(look.ELLIPSIS) and mono(cut, 10, False) <= 40
    assert look.ellipsize("Ann", 10, 1, mono) == ""


def test_wrapping_breaks_between_words_and_ellipsizes_past_the_last_line():
    assert look.wrap("Head of Platform Engineering", 10, 60, mono) == [
        "Head of",
        "Platform",
        "Engineering",
    ]
    two = look.wrap("Head of Platform Engineering", 10, 60, mono, max_lines=2)
    assert len(two) == 2 and two[-1].endswith(look.ELLIPSIS)
    assert look.wrap("Supercalifragilistic", 10, 30, mono) == [
        "Superc",
        "alifra",
        "gilist",
        "ic",
    ]


def test_the_title_comes_first_and_shrinks_before_it_is_cut():
    # A long name in a narrow box: a smaller size is tried before the ellipsis.
    fitted = look.fit_card("Maximilian Alexander Featherstonehaugh", "", [], 60, 200, mono)
    assert fitted.title_size < look.TITLE_SIZE
    assert len(fitted.title) <= look.TITLE_LINES
    # A short box: the title keeps its room, the subtitle and details give way.
    tight = look.fit_card("Ann Lee", "Engineering Manager", ["Payments", "L3"], 120, 14, mono)
    assert tight.title == ["Ann Lee"] and tight.subtitle == [] and tight.lines == []


def test_every_detail_line_gets_a_row_before_any_takes_two():
    fitted = look.fit_card(
        "Ann", "", ["a very long detail line that wraps", "second"], 80, 60, mono
    )
    assert fitted.lines[-1] == "second"


@given(
    st.text(max_size=60),
    st.text(max_size=60),
    st.lists(st.text(max_size=40), max_size=4),
    st.floats(10, 300),
    st.floats(0, 200),
)
def test_what_is_drawn_always_fits_the_box(title, subtitle, lines, width, height):
    fitted = look.fit_card(title, subtitle, lines, width, height, mono)
    assert fitted.height <= height + 0.01
    for line in fitted.title:
        assert mono(line, fitted.title_size, True) <= width + 1e-6
    for line in fitted.subtitle:
        assert mono(line, look.SUBTITLE_SIZE, False) <= width + 1e-6
    for line in fitted.lines:
        assert mono(line, look.LINE_SIZE, False) <= width + 1e-6


def test_canvas_and_exporters_share_the_sizes():
    from orgdesigner.export import chart_draw

    assert chart_draw.PAD == look.PAD and chart_draw.SUBTITLE_SIZE == look.SUBTITLE_SIZE
    assert look.collapsed_label(4) == "+4"
