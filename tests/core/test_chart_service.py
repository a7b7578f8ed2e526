"""A service team's card on the Teams chart: the band naming the teams it serves."""

from __future__ import annotations

from core_helpers import org, random_docs
from hypothesis import given
from hypothesis import strategies as st

from orgdesigner.core.chart import SERVES_H, TEAM_HEAD_H, affects_chart, build_chart
from orgdesigner.core.model import Document
from orgdesigner.core.ops import SetField


def service_doc() -> Document:
    """Payments and Growth, and Studio: a service team serving both, with two members."""
    doc = org(
        people=[
            {"id": "ann", "name": "Ann", "team": "t-pay"},
            {"id": "sid", "name": "Sid", "team": "t-studio"},
            {"id": "sue", "name": "Sue", "team": "t-studio"},
        ],
        teams=[
            {"id": "t-pay", "name": "Payments", "owner": "ann"},
            {"id": "t-grow", "name": "Growth"},
            {"id": "t-studio", "name": "Studio", "owner": "sid", "model": "service"},
        ],
    )
    doc.team("t-studio").serves = ["t-pay", "t-grow"]
    return doc


def test_a_service_team_card_has_a_band_above_its_chips_naming_whom_it_serves():
    doc = service_doc()
    studio = doc.teams[-1]
    chart = build_chart(doc, "teams")
    card = chart.cards[studio.id]
    served = [doc.team(t).name for t in studio.serves]
    assert list(card.serves) == served
    band = card.serves_box
    assert band is not None
    assert band.h == SERVES_H
    assert card.box.x < band.x and band.right < card.box.right
    assert band.y >= card.box.y + TEAM_HEAD_H - SERVES_H
    assert all(chip.box.y >= band.bottom for chip in card.chips)
    # Other teams have no band, and the service card is taller by the band.
    other = next(c for c in chart.cards.values() if c.id != studio.id and c.kind == "team")
    assert other.serves_box is None and other.serves == ()


def test_the_band_moves_with_a_card_placed_by_hand():
    doc = service_doc()
    studio = doc.teams[-1]
    before = build_chart(doc, "teams").cards[studio.id]
    doc.view.positions["teams"] = {studio.id: [before.box.x + 500.0, before.box.y + 40.0]}
    after = build_chart(doc, "teams").cards[studio.id]
    assert after.serves_box is not None and before.serves_box is not None
    assert after.serves_box.x == before.serves_box.x + 500.0
    assert after.serves_box.y == before.serves_box.y + 40.0


def test_whom_a_team_serves_is_on_the_chart():
    doc = service_doc()
    studio = doc.teams[-1]
    change = SetField("team", studio.id, "serves", []).apply(doc).changes
    assert affects_chart(change)


@given(random_docs(), st.data())
def test_on_any_document_the_band_sits_inside_its_card_above_every_chip(doc, data):
    teams = list(doc.teams)
    for t in teams:
        if data.draw(st.booleans()):
            t.model = "service"
            t.serves = data.draw(st.lists(st.sampled_from([x.id for x in teams] + ["t-gone"])))
    chart = build_chart(doc, "teams")
    for t in teams:
        card = chart.cards[t.id]
        band = card.serves_box
        if doc.model_of(t) != "service":
            assert band is None
            continue
        assert band is not None
        box = card.box
        assert box.x <= band.x and band.right <= box.right
        assert box.y <= band.y and band.bottom <= box.bottom
        assert all(chip.box.y >= band.bottom for chip in card.chips)
        assert len(card.serves) == len(t.serves)
