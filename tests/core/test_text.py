"""One slug for IDs, file names and anchors."""

from __future__ import annotations

from orgdesigner.core import importer
from orgdesigner.core.text import slug


def test_slug_folds_case_drops_accents_and_joins_words():
    assert slug("Product Manager") == "product-manager"
    assert slug("Café Crew") == "cafe-crew"
    assert slug("a_b  c!") == "a-b-c"
    assert len(slug("x" * 100)) == 60


def test_slug_falls_back_when_nothing_is_left():
    assert slug("  ") == ""
    assert slug("  ", "item") == "item"
    assert slug("!!!", "org") == "org"


def test_the_importer_makes_ids_with_the_same_slug():
    assert importer.slug is slug
