"""How a card looks, whoever draws it: sizes, padding, fonts and what text fits.

The canvas and every exporter draw cards from this one description. What each
brings is its own way to measure text (:data:`Measure`): Qt's font metrics on
screen, the PDF fonts' widths in the exporters. Given that, :func:`fit_card`
decides which lines of a card are drawn, at which size, and where a line is
cut with an ellipsis, so a card reads the same on screen and on paper.
Colours come from :mod:`orgdesigner.core.palette`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# Sizes in chart points (the layout's unit).
TITLE_SIZE = 10.0
SUBTITLE_SIZE = 8.4
LINE_SIZE = 7.8
CHIP_SIZE = 6.4
BADGE_SIZE = 6.0
PAD = 5.0  # inside the card's edge
BAR = 3.0  # the function's colour bar on a person's or team's left
RADIUS = 4.0  # rounded corners
# Line heights, as a multiple of the font size.
TITLE_LEADING = 1.18
SUBTITLE_LEADING = 1.2
LINE_LEADING = 1.22
# The name is what a reader looks for: up to three lines, and two smaller sizes,
# before anything of it is cut. The role takes up to two lines, each detail line two.
TITLE_LINES = 3
TITLE_STEPS = (0.0, 1.0, 2.0)  # points below TITLE_SIZE tried in turn
SUBTITLE_LINES = 2
DETAIL_ROWS = 2
ELLIPSIS = "\u2026"

# measure(text, size, bold) -> width in chart points
Measure = Callable[[str, float, bool], float]

SEP = " \u00b7 "  # between the parts of one line of a card


# -- what a card says ------------------------------------------------------------------------
# The words are chosen here once; the chart puts them on its cards (core.chart), and the
# canvas and every export draw those cards.


def role_line(role_title: str, level: str = "", grade: str = "") -> str:
    """A person card's second line: the role, the ladder level and its grade, as present
    ("Level E1" where there is no role title to say what the code belongs to)."""
    if level and not role_title:
        level = f"Level {level}"
    return SEP.join(part for part in (role_title, level, grade) if part)


def people_count(filled: int, open_: int = 0) -> str:
    """ "6 people", "1 person, 2 open": the people in a group and its open positions."""
    text = f"{filled} {'person' if filled == 1 else 'people'}"
    return text + (f", {open_} open" if open_ else "")


def reports_line(reports: int, filled_below: int, open_below: int) -> str:
    """A manager card's line: direct reports, then everyone below when that says more.

    ``reports`` counts the positions reporting directly (open ones too);
    ``filled_below`` and ``open_below`` everyone in the whole line below.
    "5 reports", "5 reports, 1 open", "5 reports \u00b7 42 people \u00b7 3 open".
    """
    if reports <= 0:
        return ""
    text = f"{reports} {'report' if reports == 1 else 'reports'}"
    if filled_below + open_below == reports:  # nobody further down: the count says it all
        return text + (f", {open_below} open" if open_below else "")
    text += SEP + f"{filled_below} {'person' if filled_below == 1 else 'people'}"
    return text + (SEP + f"{open_below} open" if open_below else "")


def team_count_line(filled: int, open_: int, total: int | None = None) -> str:
    """A team card's headcount, with everyone in its sub-teams when it has any."""
    text = people_count(filled, open_)
    if total is not None and total != filled:
        text += SEP + f"{total} with sub-teams"
    return text


def leader_line(leader: str, count: int) -> str:
    """A function column's head: its leader and how many people the column lists."""
    return SEP.join(part for part in (leader, people_count(count)) if part)


def full_text(title: str, subtitle: str, lines: Sequence[str]) -> str:
    """Everything a card says, one part a line: what a hover shows where the card cuts it."""
    parts = [" ".join(t.split()) for t in (title, subtitle, *lines)]
    return "\n".join(t for t in parts if t)


def text_left(kind: str, has_function: bool = True) -> float:
    """Where text starts inside a card: after the padding and the function bar."""
    return PAD + (BAR + 1.5 if kind in ("person", "team") and has_function else 0.0)


def collapsed_label(count: int) -> str:
    """The mark of a folded card: how many are folded under it."""
    return f"+{count}"


def badge_width(label: str, measure: Measure) -> float:
    """The width of a badge (team model, folded count) around ``label``."""
    return measure(label, BADGE_SIZE, True) + 6


def ellipsize(
    text: str, size: float, max_width: float, measure: Measure, bold: bool = False
) -> str:
    """``text`` cut with an ellipsis so it fits ``max_width`` ("" if not even that fits)."""
    if measure(text, size, bold) <= max_width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if measure(text[:mid].rstrip() + ELLIPSIS, size, bold) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    if lo:
        return text[:lo].rstrip() + ELLIPSIS
    return ELLIPSIS if measure(ELLIPSIS, size, bold) <= max_width else ""


def _break_word(
    word: str, size: float, max_width: float, measure: Measure, bold: bool
) -> list[str]:
    """Hard-break a word wider than the line (long names without spaces, CJK)."""
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and measure(current + ch, size, bold) > max_width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def wrap(
    text: str,
    size: float,
    max_width: float,
    measure: Measure,
    *,
    bold: bool = False,
    max_lines: int | None = None,
) -> list[str]:
    """Lines of ``text`` that each fit ``max_width``; the last is ellipsized past ``max_lines``."""
    text = " ".join(text.split())
    if not text:
        return []
    if measure(text, size, bold) <= max_width:
        return [text]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if measure(candidate, size, bold) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if measure(word, size, bold) <= max_width:
            current = word
        else:
            *full, current = _break_word(word, size, max_width, measure, bold)
            lines.extend(full)
    if current:
        lines.append(current)
    if max_lines is not None and len(lines) > max_lines:
        kept = lines[:max_lines]
        rest = " ".join(lines[max_lines - 1 :])
        kept[-1] = ellipsize(rest, size, max_width, measure, bold)
        return kept
    return lines


def fit_lines(
    text: str, size: float, width: float, measure: Measure, bold: bool, max_lines: int
) -> list[str]:
    """``wrap`` within ``max_lines``; nothing when no line or no width is left."""
    if max_lines <= 0 or width <= 4:
        return []
    return wrap(text, size, width, measure, bold=bold, max_lines=max_lines)


@dataclass
class CardText:
    """What a card's text box shows: each part's lines, size and line height."""

    title: list[str] = field(default_factory=list)
    title_size: float = TITLE_SIZE
    title_height: float = TITLE_SIZE * TITLE_LEADING
    subtitle: list[str] = field(default_factory=list)
    details: list[list[str]] = field(default_factory=list)  # the rows of each detail line

    @property
    def lines(self) -> list[str]:
        """Every detail row, in order."""
        return [row for rows in self.details for row in rows]

    @property
    def height(self) -> float:
        """The height the text takes."""
        return (
            len(self.title) * self.title_height
            + len(self.subtitle) * SUBTITLE_SIZE * SUBTITLE_LEADING
            + len(self.lines) * LINE_SIZE * LINE_LEADING
        )


def fit_card(
    title: str,
    subtitle: str,
    lines: Sequence[str],
    width: float,
    height: float,
    measure: Measure,
    *,
    title_width: float | None = None,
) -> CardText:
    """What fits in a text box ``width`` by ``height``, most important first.

    The title first (up to three lines, trying two smaller sizes before it is
    cut), then the subtitle (two lines), then each detail line (two rows when
    that still leaves a row for each line after it). ``title_width`` narrows the
    title's lines (a badge beside it).
    """
    out = CardText()
    title_w = width if title_width is None else title_width
    sub_lh = SUBTITLE_SIZE * SUBTITLE_LEADING
    line_lh = LINE_SIZE * LINE_LEADING
    for step in TITLE_STEPS:
        size = TITLE_SIZE - step
        lh = size * TITLE_LEADING
        got = fit_lines(title, size, title_w, measure, True, min(TITLE_LINES, int(height // lh)))
        out.title, out.title_size, out.title_height = got, size, lh
        if not got or not got[-1].endswith(ELLIPSIS):
            break
    used = len(out.title) * out.title_height
    out.subtitle = fit_lines(
        subtitle,
        SUBTITLE_SIZE,
        width,
        measure,
        False,
        min(SUBTITLE_LINES, int((height - used) // sub_lh)),
    )
    used += len(out.subtitle) * sub_lh
    for i, line in enumerate(lines):
        room = int((height - used + 0.01) // line_lh) - (len(lines) - 1 - i)
        if room <= 0:
            room = int((height - used + 0.01) // line_lh)
            if room <= 0:
                break
        got = fit_lines(line, LINE_SIZE, width, measure, False, min(DETAIL_ROWS, room))
        out.details.append(got)
        used += line_lh * len(got)
    return out
