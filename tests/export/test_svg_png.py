"""SVG and PNG of a view: the same picture as the PDF, as XML text and as pixels."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from export_helpers import CJK_NAME, TRICKY

from orgdesigner.core.io import dumps
from orgdesigner.export import ExportError, export_chart

SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(path) -> list[str]:
    root = ET.parse(path).getroot()  # raises if the file is not well-formed XML
    assert root.tag == f"{SVG}svg"
    return [t.text or "" for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("view", ["people", "functions"])
def test_svg_parses_and_holds_every_name(org, tmp_path, view):
    out = tmp_path / "chart.svg"
    export_chart(org, out, view=view)
    texts = svg_texts(out)
    joined = " ".join(texts)  # a long name wraps onto two lines
    for person in org.people:
        assert org.display_name(person) in joined
    assert TRICKY in texts and CJK_NAME in texts  # markup and CJK come back literally
    assert "Acme <Org> & Co" in texts
    assert "Legend" in texts


def test_svg_teams_view_names_teams_and_members(org, tmp_path):
    out = tmp_path / "teams.svg"
    export_chart(org, out, view="teams")
    texts = svg_texts(out)
    for team in ("Leadership", "Payments", "Platform & Tools"):
        assert team in texts
    from orgdesigner.core.chart import build_chart

    chips = [chip.label for card in build_chart(org, "teams").cards.values() for chip in card.chips]
    assert len(chips) == len(org.people)
    assert all(label in texts for label in chips)  # every member's chip, labelled
    root = ET.parse(out).getroot()
    assert root.find(f"{SVG}title").text == "Acme <Org> & Co: org chart (teams view)"


def test_svg_drops_characters_xml_cannot_hold(org, tmp_path):
    org.people[0].name = "Ada\x00 \x07Chief\x1b"
    out = tmp_path / "chart.svg"
    export_chart(org, out)
    assert "Ada Chief" in svg_texts(out)


def test_svg_and_pdf_share_the_layout(org, tmp_path):
    from orgdesigner.core.chart import build_chart

    out = tmp_path / "chart.svg"
    export_chart(org, out)
    root = ET.parse(out).getroot()
    chart = build_chart(org, "people")
    card_rects = [r for r in root.iter(f"{SVG}rect") if r.get("rx") == "4"]
    sizes = {(float(r.get("width")), float(r.get("height"))) for r in card_rects}
    assert {(c.box.w, c.box.h) for c in chart.cards.values()} <= sizes
    assert len(card_rects) == len(chart.cards)


def test_png_at_the_chosen_resolution_and_not_blank(org, tmp_path):
    from PIL import Image

    low, high = tmp_path / "low.png", tmp_path / "high.png"
    export_chart(org, low, dpi=72)
    export_chart(org, high, dpi=144)
    with Image.open(low) as a, Image.open(high) as b:
        assert a.format == "PNG" and b.format == "PNG"
        assert abs(b.width - 2 * a.width) <= 2 and abs(b.height - 2 * a.height) <= 2
        assert round(b.info["dpi"][0]) == 144
        grey = b.convert("L")
        hist = grey.histogram()
    dark = sum(hist[:100]) / sum(hist)  # text and lines
    assert 0.001 < dark < 0.5


def test_png_of_a_huge_chart_lowers_the_resolution_instead_of_failing(tmp_path, monkeypatch):
    from PIL import Image

    from orgdesigner.core.generate import generate
    from orgdesigner.export import png

    monkeypatch.setattr(png, "MAX_PIXELS", 2_000_000)
    doc = generate(300, seed=1)
    out = tmp_path / "big.png"
    export_chart(doc, out, dpi=300)
    with Image.open(out) as im:
        assert im.width * im.height <= 2_000_000 * 1.01
        assert im.info["dpi"][0] < 300


def test_one_svg_holds_one_view(org, tmp_path):
    with pytest.raises(ExportError, match="one view"):
        export_chart(org, tmp_path / "x.svg", view=["people", "teams"])


def test_failed_png_leaves_earlier_file(org, tmp_path, monkeypatch):
    from orgdesigner.export import draw

    target = tmp_path / "chart.png"
    target.write_bytes(b"earlier")
    before = dumps(org)

    def broken(self, path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(draw.PngPainter, "save", broken)
    with pytest.raises(ExportError, match="No space left on device"):
        export_chart(org, target)
    assert target.read_bytes() == b"earlier"
    assert dumps(org) == before
    assert [p.name for p in tmp_path.iterdir()] == ["chart.png"]


def test_svg_drops_non_characters_xml_cannot_hold(org, tmp_path):
    org.people[0].name = "Ada\ufffe Chief\uffff"
    org.teams[0].name = "Lead\uffffership"
    org.description = "Plan \ufffeB"
    for view, name in (("people", "Ada Chief"), ("teams", "Leadership")):
        out = tmp_path / f"{view}.svg"
        export_chart(org, out, view=view)
        texts = svg_texts(out)  # well-formed XML
        assert name in texts and "Plan B" in " ".join(texts)


def test_characters_without_ink_do_not_crowd_a_name_off_its_card(org, tmp_path):
    # Measured as they would be drawn: control characters take no room on the card.
    org.people[0].name = "\x07" * 200 + "Ada Chief"
    out = tmp_path / "chart.svg"
    export_chart(org, out)
    assert "Ada Chief" in svg_texts(out)


def test_svg_names_the_teams_a_service_team_serves(org, tmp_path):
    out = tmp_path / "teams.svg"
    platform = next(t for t in org.teams if t.name == "Platform & Tools")
    payments = next(t for t in org.teams if t.name == "Payments")
    platform.model = "service"
    platform.serves = [payments.id]
    export_chart(org, out, view="teams")
    texts = svg_texts(out)
    assert "Serves Payments" in texts
    assert texts.count("SVC") == 2  # the badge on its card, and in the legend
