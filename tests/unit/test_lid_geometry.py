"""The geometry the text lid and the PDF lid share: label sides, the circle's reach."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jigsaw_tui.core.lid import half_width, layout_text_lid, place, shared_lid, split_sides
from jigsaw_tui.core.model import new_session

counts = st.integers(min_value=0, max_value=60)

# -- which side each label goes on ----------------------------------------------------


@given(counts)
def test_every_slot_gets_exactly_one_side(n):
    sides = split_sides(place(n))
    assert set(sides) == {"right", "left"}
    assert sorted(s.index for members in sides.values() for s in members) == list(range(n))


@given(counts)
def test_the_sides_differ_by_at_most_one(n):
    sides = split_sides(place(n))
    assert abs(len(sides["right"]) - len(sides["left"])) <= 1


@given(counts)
def test_each_side_is_its_half_of_the_circle_top_to_bottom(n):
    sides = split_sides(place(n))
    down = 180 - 1e-9  # 6 o'clock, give or take rounding (39 pieces: 179.99999999999997)
    assert all(0 < s.angle < 360 - down for s in sides["right"])
    assert all(down < s.angle < 360 for s in sides["left"])
    for members in sides.values():
        heights = [s.anchor[1] for s in members]  # y grows downwards
        assert heights == sorted(heights)


def test_the_piece_at_six_oclock_goes_to_the_side_with_fewer():
    sides = split_sides(place(3))  # angles 60, 180 (straight down), 300
    assert [s.index for s in sides["right"]] == [0]
    assert [s.index for s in sides["left"]] == [2, 1]  # top to bottom: 300, then 180


# -- how far the circle reaches beside a band ------------------------------------------

coords = st.floats(min_value=-100, max_value=100, allow_nan=False)
radii = st.floats(min_value=0.1, max_value=50, allow_nan=False)


@given(coords, coords, coords, radii, radii)
def test_half_width_is_symmetric_and_never_more_than_the_radius(a, b, cy, ry, rx):
    y0, y1 = min(a, b), max(a, b)
    reach = half_width(y0, y1, cy, ry, rx)
    assert 0 <= reach <= rx
    mirrored = half_width(2 * cy - y1, 2 * cy - y0, cy, ry, rx)  # the band reflected in cy
    assert mirrored == pytest.approx(reach, abs=1e-5 * rx)  # rounding near the rim


@given(coords, coords, coords, radii)
def test_half_width_of_a_circle_is_that_of_an_ellipse_as_wide_as_tall(a, b, cy, r):
    y0, y1 = min(a, b), max(a, b)
    assert half_width(y0, y1, cy, r) == half_width(y0, y1, cy, r, r)


@given(coords, st.floats(min_value=0, max_value=60), st.floats(min_value=0, max_value=60),
       coords, radii, radii)
def test_a_wider_band_reaches_no_less_and_one_off_the_circle_nothing(y0, depth, more, cy, ry, rx):
    y1 = y0 + depth
    reach = half_width(y0, y1, cy, ry, rx)
    assert half_width(y0 - more, y1 + more, cy, ry, rx) >= reach
    if y0 <= cy <= y1:
        assert reach == rx  # the band holds the centre: the full width
    else:
        nearest = min(abs(y0 - cy), abs(y1 - cy))
        assert (reach == 0) == (nearest >= ry)


def test_half_width_at_three_fifths_of_the_radius_is_four_fifths_of_the_width():
    assert half_width(3, 4, 0, 5) == pytest.approx(4)  # 3-4-5: a circle
    assert half_width(-4, -3, 0, 5, rx=10) == pytest.approx(8)  # an ellipse, above the centre


# -- both lids use them ------------------------------------------------------------------

LONG = "Network oversight or leadership that can address challenges"  # too long for a piece


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 11, 12])
def test_the_text_lid_and_the_pdf_put_each_label_on_the_same_side(n, monkeypatch):
    from jigsaw_tui.export.pdf import LidPDF

    layout = layout_text_lid(200, 60, "Title", [LONG] * n)
    text = {b.index: "right" if b.x > layout.cx else "left" for b in layout.boxes}
    drawn = {}
    monkeypatch.setattr(LidPDF, "leader", lambda self, slot, side, *rest: drawn.setdefault(slot.index, side))
    LidPDF(new_session("T")).lid_page("A blank lid", "T", [""] * n, blank=True)  # always beside
    expected = {s.index: side for side, members in split_sides(place(n)).items() for s in members}
    assert text == drawn == expected


def test_the_pdf_shared_lid_has_the_text_lid_labels(store, example, monkeypatch):
    from jigsaw_tui.export.pdf import LidPDF

    session = store.load(example)
    pages = {}
    monkeypatch.setattr(LidPDF, "lid_page",
                        lambda self, heading, centre, labels, *rest: pages.update({heading: labels}))
    LidPDF(session).shared_page()
    assert pages["The shared lid"] == list(shared_lid(session).labels)
    assert pages["The shared lid"]  # the example has shared themes
