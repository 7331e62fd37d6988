"""The lid geometry and the text lid: properties over any text, and fixed renderings."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from jigsaw_tui.core.lid import (
    ELLIPSIS,
    TextLid,
    blank_lid,
    draw_circle,
    fit_lines,
    group_lid,
    layout_text_lid,
    place,
    render_plain,
    shared_lid,
)

EXPECTED = Path(__file__).parent / "lid_expected"

# -- geometry ----------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=24))
def test_place_spreads_pieces_evenly_with_none_at_twelve(n):
    slots = place(n)
    assert len(slots) == n
    for i, slot in enumerate(slots):
        assert slot.index == i
        assert slot.end - slot.start == pytest.approx(360 / n)
        assert slot.start < slot.angle < slot.end
        assert math.hypot(*slot.anchor) == pytest.approx(1.18)
        if n > 1:  # no piece sits at 12 o'clock: there is no first place
            assert slot.angle % 360 != pytest.approx(0)
    # neighbours touch, and together they go exactly once round
    for a, b in zip(slots, slots[1:]):
        assert a.end == pytest.approx(b.start)
    if n:
        assert slots[-1].end - slots[0].start == pytest.approx(360)


@given(st.integers(min_value=1, max_value=24))
def test_wedges_stay_in_the_ring_and_hold_their_centre(n):
    for slot in place(n):
        radii = [math.hypot(x, y) for x, y in slot.wedge]
        assert min(radii) >= 0.6 - 1e-9 and max(radii) <= 1 + 1e-9
        # the wedge's own middle is inside its outline (ray casting)
        assert _inside(slot.centre, slot.wedge)


def _inside(p, poly) -> bool:
    x, y = p
    hit = False
    for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def test_neighbouring_wedges_share_their_knobbed_side():
    a, b = place(6)[:2]
    side_a = set(a.wedge)
    shared = [p for p in b.wedge if p in side_a]
    assert len(shared) > 10  # the whole knob outline, not just the two corners


# -- wrapping ------------------------------------------------------------------------

any_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=300
)


@given(any_text, st.integers(min_value=1, max_value=50), st.integers(min_value=1, max_value=4))
def test_fit_lines_keeps_to_width_and_lines(text, width, max_lines):
    lines = fit_lines(text, width, max_lines)
    assert 1 <= len(lines) <= max_lines
    assert all(cell_len(line) <= width for line in lines)
    if not any(line.endswith(ELLIPSIS) for line in lines) and width >= 2:
        assert "".join(lines).replace(" ", "") == "".join(text.split())


def test_fit_lines_wraps_then_cuts_with_an_ellipsis():
    assert fit_lines("Time, location, and pace", 12, 2) == ["Time,", "location,…"]
    assert fit_lines("Time, location, and pace", 30, 2) == ["Time, location, and pace"]
    assert fit_lines("Trust", 12, 2) == ["Trust"]


# -- the text layout ---------------------------------------------------------------

labels_strategy = st.lists(any_text, min_size=0, max_size=12)


@settings(max_examples=60, deadline=None)
@given(labels_strategy, any_text, st.sampled_from([(40, 24), (56, 16), (80, 24), (100, 30), (120, 40), (200, 60)]))
def test_labels_inside_the_canvas_and_never_overlapping(labels, title, size):
    width, height = size
    layout = layout_text_lid(width, height, title, labels)
    if width < 56:
        assert layout.mode == "list"
    if layout.mode == "list":
        return
    assert len(layout.boxes) == len(labels)
    cells: set[tuple[int, int]] = set()
    circle = draw_circle(layout, place(len(labels)))
    boxes = list(layout.boxes) + ([layout.title] if layout.title else [])
    for box in boxes:
        assert 0 <= box.x and box.x + box.width <= width
        assert 0 <= box.y and box.y + len(box.lines) <= height
        assert all(cell_len(line) <= box.width for line in box.lines)
        mine = {(box.x + dx, box.y + dy) for dx in range(box.width) for dy in range(len(box.lines))}
        assert not (mine & cells), "two labels overlap"
        assert not (mine & set(circle)), "a label covers the drawing"
        cells |= mine


def test_twelve_forty_character_pieces_are_whole_at_80x24():
    labels = [f"Piece {i:2} has a label of forty characters" for i in range(12)]
    assert all(len(x) == 40 for x in labels)
    layout = layout_text_lid(80, 24, "Pieces which support effective networks", labels)
    assert layout.mode == "circle" and layout.truncated == 0
    for box in layout.boxes:
        assert " ".join(box.lines) == " ".join(labels[box.index].split())


def test_two_hundred_character_pieces_are_shortened_not_dropped():
    labels = [("word " * 40).strip()[:200]] * 12
    layout = layout_text_lid(80, 24, "T" * 300, labels)
    assert layout.mode == "circle"
    assert all(box.lines[-1].endswith(ELLIPSIS) for box in layout.boxes)
    assert layout.title.lines[-1].endswith(ELLIPSIS)


def test_ascii_lids_shorten_with_three_dots():
    labels = ["word " * 60] * 12
    text = render_plain(TextLid("T" * 300, labels, selected=2, ascii_only=True), 80, 24)
    assert text.isascii() and "..." in text


def test_labels_go_round_like_a_clock():
    layout = layout_text_lid(120, 40, "Title", [f"p{i}" for i in range(8)])
    right = [b for b in layout.boxes if b.x > layout.cx]
    assert [b.index for b in right] == [0, 1, 2, 3]  # clockwise down the right side
    assert [b.y for b in right] == sorted(b.y for b in right)
    left = sorted((b for b in layout.boxes if b.x < layout.cx), key=lambda b: b.y)
    assert [b.index for b in left] == [7, 6, 5, 4]  # and up the left side


def test_narrow_terminal_gives_a_list_with_every_piece():
    text = render_plain(TextLid("Lid", ["Trust", "Time, location, and pace"], selected=1), 40, 24)
    assert text.splitlines() == ["Lid", "", "- Trust", "> Time, location, and pace"]


def test_a_narrow_list_keeps_the_selected_piece_in_view():
    labels = [f"Piece number {i} with words enough to wrap onto two lines here" for i in range(12)]
    lines = render_plain(TextLid("Lid", labels, selected=11), 40, 12).splitlines()
    assert len(lines) <= 12
    assert any(line.startswith("> Piece number 11") for line in lines)
    full = render_plain(TextLid("Lid", labels), 40, 12).splitlines()  # nothing selected: all of it
    assert sum(line.startswith("- Piece") for line in full) == 12


def test_user_text_is_never_markup():
    console = Console(width=80, height=24, record=True, color_system=None, force_terminal=False)
    console.print(TextLid("[bold]title[/bold]", ["[red]Trust[/red]"], height=24))
    assert "[red]Trust[/red]" in console.export_text()


def test_lid_contents_from_the_example(store, example):
    session = store.load(example)
    one = group_lid(session, session.groups[0])
    assert one.title == "Group one" and one.labels[0] == "Time" and len(one.ids) == 8
    shared = shared_lid(session)
    assert shared.labels[0] == "Time (2 of 2 groups)"
    assert shared.labels[3] == "Trust and psychological safety (overlap, 2 of 2 groups)"
    assert blank_lid(session).labels == ("",) * 12


# -- fixed renderings, compared with committed files ---------------------------------

SNAPSHOTS = [(80, 24, False), (80, 24, True), (120, 40, False), (120, 40, True),
             (200, 60, False), (200, 60, True), (40, 24, False)]


@pytest.mark.parametrize("width,height,ascii_only", SNAPSHOTS)
def test_example_lid_renders_as_committed(store, example, width, height, ascii_only, request):
    session = store.load(example)
    content = group_lid(session, session.groups[1])
    lid = TextLid(content.title, content.labels, selected=3, ascii_only=ascii_only)
    text = render_plain(lid, width, height)
    lines = text.splitlines()
    assert len(lines) <= height or width < 56
    assert all(cell_len(line) <= width for line in lines)
    if ascii_only:
        assert text.isascii()
    name = f"group-two-{width}x{height}{'-ascii' if ascii_only else ''}.txt"
    expected = EXPECTED / name
    if request.config.getoption("--snapshot-update", default=False):
        expected.write_text(text + "\n", encoding="utf-8")  # after a deliberate change
    assert text + "\n" == expected.read_text(encoding="utf-8")
    for piece in content.labels:  # every piece is readable, whole, at these sizes
        assert piece.split()[0] in text


@pytest.mark.parametrize("n", [2, 3, 5, 9, 11, 12])
def test_neighbouring_pieces_share_each_seam_exactly(n):
    """Every side, including the one where the last piece meets the first, is the same
    line in both pieces' outlines: the pieces fit, with one knob per seam."""
    from jigsaw_tui.core.lid import place

    slots = place(n)
    for i, slot in enumerate(slots):
        following = slots[(i + 1) % n]
        mine = {(round(x, 9), round(y, 9)) for x, y in slot.wedge}
        theirs = {(round(x, 9), round(y, 9)) for x, y in following.wedge}
        assert len(mine & theirs) >= 10, (n, i)  # the knob's points, not just the corners


def test_a_lid_is_named_as_english_writes_the_possessive():
    from jigsaw_tui.core.lid import lid_of

    assert lid_of("Group two") == "Group two's lid"
    assert lid_of("Carers") == "Carers' lid"
    assert lid_of("Community groups") == "Community groups' lid"
