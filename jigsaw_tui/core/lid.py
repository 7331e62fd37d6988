"""The lid: where pieces sit on the circle, and the lid drawn in text.

One geometry: the text lid here and the PDF lid (export/pdf.py) both draw from
`place(n)` (where the pieces sit), `split_sides` (which side each label goes on),
`half_width` (how far the circle reaches beside a label) and `shared_lid` (the
shared lid's labels), so they always agree. Coordinates are unit coordinates:
centre (0, 0), outer radius 1, x to the right, y *down* (as on a screen and on an
fpdf page). Angles are degrees clockwise from 12 o'clock.

Pieces are spread evenly like the hours on a clock, turned by half a step so that no
piece sits at 12 o'clock: there is no first place on a lid.

Pure: Rich is used for cell widths and for the renderable, never Textual.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len, chop_cells, set_cell_size
from rich.segment import Segment
from rich.style import Style
from .compare import groups_label, shared_themes
from .model import InvalidInput

INNER = 0.6  # inner radius of the ring of pieces; the title sits inside it
LABEL_RADIUS = 1.18  # where a label outside the ring is anchored
ELLIPSIS = "…"
Point = tuple[float, float]


# -- geometry ------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One piece's place on the lid."""

    index: int
    angle: float  # middle of the piece, degrees clockwise from 12 o'clock
    start: float  # where the piece begins (degrees; may be negative)
    end: float
    anchor: Point  # label anchor outside the ring, at `label_radius`
    centre: Point  # middle of the wedge, for text drawn inside the piece
    wedge: tuple[Point, ...]  # closed outline, with jigsaw knobs on the sides


def point(angle: float, radius: float) -> Point:
    a = math.radians(angle)
    return (radius * math.sin(a), -radius * math.cos(a))


def place(n: int, inner: float = INNER, outer: float = 1.0,
          label_radius: float = LABEL_RADIUS, knobs: bool = True) -> tuple[Slot, ...]:
    """Place `n` pieces evenly round the circle: angles, label anchors and wedges."""
    if n <= 0:
        return ()
    step = 360.0 / n
    slots = []
    for i in range(n):
        start = i * step
        angle = start + step / 2
        end = start + step
        slots.append(Slot(
            index=i, angle=angle, start=start, end=end,
            anchor=point(angle, label_radius),
            centre=point(angle, (inner + outer) / 2),
            wedge=_wedge(i, n, start, end, inner, outer, knobs),
        ))
    return tuple(slots)


def _arc(start: float, end: float, radius: float, steps: int) -> list[Point]:
    return [point(start + (end - start) * k / steps, radius) for k in range(steps + 1)]


def _wedge(i: int, n: int, start: float, end: float, inner: float, outer: float,
           knobs: bool) -> tuple[Point, ...]:
    steps = max(4, int((end - start) / 3))
    if n == 1:  # a whole ring: outer circle, then the inner one the other way round
        return tuple(_arc(0, 360, outer, 120) + _arc(360, 0, inner, 120))
    outline = _arc(start, end, outer, steps)
    # (i + 1) % n: the last piece's end is the first piece's start, the same seam, so it
    # must get the same knob (with an odd count, i + 1 would flip it into a figure 8).
    outline += _edge((i + 1) % n, n, end, inner, outer, knobs)  # outer to inner
    outline += _arc(end, start, inner, steps)
    outline += list(reversed(_edge(i, n, start, inner, outer, knobs)))  # inner to outer
    return tuple(outline)


def _edge(boundary: int, n: int, angle: float, inner: float, outer: float,
          knobs: bool) -> list[Point]:
    """The side shared by two neighbouring pieces, from the rim inwards. The knob
    bulges one way or the other by boundary, so neighbours fit like jigsaw pieces."""
    rim, hub = point(angle, outer), point(angle, inner)
    if not knobs:
        return [rim, hub]
    ux, uy = point(angle, 1.0)  # outward along the side
    nx, ny = point(angle + 90, 1.0)  # across the side, clockwise
    if boundary % 2:
        nx, ny = -nx, -ny
    mid = (inner + outer) / 2
    width = mid * math.radians(360.0 / n)  # the piece's width at mid radius
    k = min(0.11 * (outer - inner), 0.22 * width)
    cx, cy = mid * ux + 0.6 * k * nx, mid * uy + 0.6 * k * ny
    knob = []
    start, stop = math.atan2(-0.6, 0.8), math.pi - math.atan2(-0.6, 0.8)
    for s in range(13):  # round the far side of a circle, leaving a neck at the side
        t = start + (stop - start) * s / 12
        c, si = math.cos(t), math.sin(t)
        knob.append((cx + k * (c * ux + si * nx), cy + k * (c * uy + si * ny)))
    return [rim] + knob + [hub]


def split_sides(slots) -> dict[str, list[Slot]]:
    """The labels beside the lid: pieces in the right half on the right, in the left
    half on the left, each side top to bottom. A piece straight up or down (an odd
    count puts one at 6 o'clock) goes to the side with fewer, so the sides balance."""
    sides: dict[str, list[Slot]] = {"right": [], "left": []}
    for slot in slots:
        s = math.sin(math.radians(slot.angle))
        if abs(s) > 1e-9:  # sin(180°) is 1e-16, not 0: that is straight down too
            sides["right" if s > 0 else "left"].append(slot)
        else:
            sides["right" if len(sides["right"]) < len(sides["left"]) else "left"].append(slot)
    for members in sides.values():
        members.sort(key=lambda sl: -math.cos(math.radians(sl.angle)))
    return sides


def half_width(y0: float, y1: float, cy: float, ry: float, rx: float | None = None) -> float:
    """How far a circle of radius ry centred at height cy (an ellipse, rx wide, for
    terminal cells) reaches sideways anywhere between heights y0 and y1: where a
    label on that band can start. 0 when the band misses the circle."""
    rx = ry if rx is None else rx
    if y0 <= cy <= y1:
        return rx
    nearest = min(abs(y0 - cy), abs(y1 - cy))
    if nearest >= ry:
        return 0.0
    return rx * math.sqrt(1 - (nearest / ry) ** 2)


def spread(targets, heights, top: float, bottom: float, gap: float) -> list[float]:
    """Tops for labels stacked down one side (in order), each as near its target as
    it can be without touching the next: pushed down, then back up from the bottom."""
    tops = list(targets)
    for i in range(len(tops)):
        floor = top if i == 0 else tops[i - 1] + heights[i - 1] + gap
        tops[i] = max(tops[i], floor)
    for i in reversed(range(len(tops))):
        ceiling = bottom - heights[i] if i == len(tops) - 1 else tops[i + 1] - gap - heights[i]
        tops[i] = min(tops[i], ceiling)
    return tops


# -- labels for each kind of lid ----------------------------------------------------


@dataclass(frozen=True)
class LidContent:
    """What a lid shows: a centre title and labels round it (ids line up with labels)."""

    title: str
    labels: tuple[str, ...]
    ids: tuple[str, ...] = ()
    kind: str = "group"  # "group", "shared" or "blank"
    heading: str = ""  # which lid this is, in a few words


def choose_lids(session, group: str | None = None, shared: bool = False,
                blank: bool = False) -> list[LidContent]:
    """The lids asked for; by default every group's, then the shared lid (when there
    are themes), or the blank lid when there are no groups yet."""
    if group is not None:
        found = session.group_by_name(group)
        if found is None:
            names = ", ".join(g.name for g in session.groups) or "none yet"
            raise InvalidInput(f"no group called {group!r} (groups: {names})")
        return [group_lid(session, found)]
    if shared:
        return [shared_lid(session)]
    if blank:
        return [blank_lid(session)]
    if not session.groups:
        return [blank_lid(session)]  # nothing captured yet: the lid a group would fill in
    lids = [group_lid(session, g) for g in session.groups]
    if session.themes:
        lids.append(shared_lid(session))
    return lids


def lid_of(name: str) -> str:
    """ "Group two's lid", "Carers' lid": the possessive as English writes it after an s."""
    return f"{name}' lid" if name.endswith(("s", "S")) else f"{name}'s lid"


def group_lid(session, group) -> LidContent:
    count = f"{len(group.pieces)} of {session.settings.max_pieces} pieces"
    return LidContent(group.name, tuple(p.text for p in group.pieces),
                      tuple(p.id for p in group.pieces), "group", f"{lid_of(group.name)} ({count})")


def shared_lid(session) -> LidContent:
    """The themes named by two or more groups, each with "n of N groups"."""
    total = len(session.groups)
    labels, ids = [], []
    for theme, named in shared_themes(session):
        extra = "" if theme.kind == "same" else f"{theme.kind}, "  # overlap, related: said in words
        labels.append(f"{theme.name} ({extra}{groups_label(named, total)})")
        ids.append(theme.id)
    heading = f"Shared lid ({len(labels)} themes named by two or more groups)"
    return LidContent("Shared lid", tuple(labels), tuple(ids), "shared", heading)


def blank_lid(session) -> LidContent:
    n = session.settings.max_pieces
    return LidContent(session.title, ("",) * n, (), "blank", f"Blank lid ({n} pieces to fill in)")


# -- text wrapping by terminal cells -------------------------------------------------


def fit_lines(text: str, width: int, max_lines: int, ellipsis: str = ELLIPSIS) -> list[str]:
    """Word-wrap to `width` cells, at most `max_lines`; an ellipsis marks a cut."""
    if width < 1 or max_lines < 1:
        return []
    lines: list[str] = []
    current = ""
    for word in text.split():
        while cell_len(word) > width:  # a word longer than a line is split
            room = width - cell_len(current) - (1 if current else 0)
            if room < 2:
                lines.append(current)
                current, room = "", width
            head = chop_cells(word, room)[0]
            if not head:
                break  # a character wider than the line itself
            lines.append((current + " " if current else "") + head)
            current, word = "", word[len(head):]
        candidate = f"{current} {word}" if current else word
        if cell_len(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    # a character wider than the whole line (width 1) is cut rather than overflow
    lines = [set_cell_size(line, width).rstrip() if cell_len(line) > width else line
             for line in lines if line] or [""]
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        lines = lines[:max_lines - 1] + [_with_ellipsis(last, width, ellipsis)]
    return lines


def _with_ellipsis(line: str, width: int, ellipsis: str) -> str:
    mark = cell_len(ellipsis)
    if cell_len(line) + mark <= width:
        return line + ellipsis
    return set_cell_size(line, max(0, width - mark)).rstrip() + ellipsis


# -- the text layout -----------------------------------------------------------------

ASPECT = 2.0  # a terminal cell is about twice as tall as it is wide
MIN_CIRCLE_WIDTH = 56  # narrower than this, the lid becomes a list
MIN_CIRCLE_HEIGHT = 12
BLANK_LABEL = "_" * 14


@dataclass(frozen=True)
class Box:
    """A label's place in the canvas: cells [x, x + width) on rows [y, y + len(lines))."""

    index: int
    x: int
    y: int
    width: int
    lines: tuple[str, ...]
    align: str  # "left" or "right" within the box


@dataclass(frozen=True)
class TextLayout:
    width: int
    height: int
    mode: str  # "circle" or "list"
    cx: float = 0.0
    cy: float = 0.0
    rx: float = 0.0
    ry: float = 0.0
    boxes: tuple[Box, ...] = ()
    title: Box | None = None
    truncated: int = 0  # how many labels lost words to fit
    hidden: int = 0  # how many characters of labels they lost


def layout_text_lid(width: int, height: int, title: str, labels, ascii_only: bool = False) -> TextLayout:
    """See _layout; remembered, so moving the selection does not lay the lid out again."""
    return _layout(width, height, title, tuple(labels), "..." if ascii_only else ELLIPSIS)


@lru_cache(maxsize=64)
def _layout(width: int, height: int, title: str, labels: tuple[str, ...], ellipsis: str) -> TextLayout:
    """Where the circle, the title and every label go in a width x height canvas.

    Tries the biggest circle first and keeps the first that leaves every label
    whole (or the one that cuts fewest); a list when no circle fits."""
    labels = [label or BLANK_LABEL for label in labels]
    slots = place(len(labels))
    if width < MIN_CIRCLE_WIDTH or height < MIN_CIRCLE_HEIGHT:
        return TextLayout(width, height, "list")
    best, best_cost = None, None
    ry = min(height / 2 - 1.5, (width / 2 - 14) / ASPECT)
    floor = max(3.0, height * 0.3)  # a lid is a circle first: keep it a good size
    while ry >= 3:
        found = _try_layout(width, height, title, labels, slots, ry, ellipsis)
        if found is not None:
            # a big enough circle, then lose the fewest words, then keep labels to
            # two lines; among equals, the biggest circle (tried first) wins
            long = sum(max(0, len(b.lines) - 2) for b in found.boxes)
            cost = (ry < floor, found.hidden, long)
            if best_cost is None or cost < best_cost:
                best, best_cost = found, cost
            if cost == (False, 0, 0):
                break
        ry -= 0.5
    return best or TextLayout(width, height, "list")


def _try_layout(width, height, title, labels, slots, ry, ellipsis) -> TextLayout | None:
    rx = ry * ASPECT
    cx, cy = width / 2, height / 2
    gap = 2
    room = int(min(width - (cx + rx) - gap, cx - rx - gap))  # label width beside the circle
    if room < 8:
        return None
    boxes = []
    for side, members in split_sides(slots).items():
        placed = _place_side(side, members, labels, width, height, cx, cy, rx, ry, room, gap, ellipsis)
        if placed is None:
            return None
        boxes += placed
    truncated = hidden = 0
    for box in boxes:
        shown = sum(len(line) for line in box.lines)
        if box.lines[-1].endswith(ellipsis) and not labels[box.index].endswith(ellipsis):
            truncated += 1
            hidden += len("".join(labels[box.index].split())) - shown + 1
    title_box = _title_box(title, cx, cy, rx, ry, ellipsis)
    return TextLayout(width, height, "circle", cx, cy, rx, ry,
                      tuple(sorted(boxes, key=lambda b: b.index)), title_box, truncated, hidden)


def _place_side(side, members, labels, width, height, cx, cy, rx, ry, room, gap, ellipsis):
    if not members:
        return []
    # two lines each if they fit (more when the side has room to spare), else one
    for max_lines, spacing in ((4, 1), (3, 1), (2, 1), (2, 0), (1, 1), (1, 0)):
        wrapped = [fit_lines(labels[m.index], room, max_lines, ellipsis) for m in members]
        needed = sum(len(w) for w in wrapped) + spacing * (len(members) - 1)
        if needed <= height:
            break
    else:
        return None
    reach = min(height / 2 - 0.5, ry * 1.3 + 1)  # near the ring, like numbers on a clock
    tops = []
    for m, lines in zip(members, wrapped):
        target = cy - reach * math.cos(math.radians(m.angle)) - len(lines) / 2
        tops.append(round(target))
    tops = spread(tops, [len(w) for w in wrapped], 0, height, spacing)
    if tops[0] < 0:
        return None
    boxes = []
    for m, lines, y in zip(members, wrapped, tops):
        half = half_width(y, y + len(lines), cy, ry, rx)
        box_width = max(cell_len(line) for line in lines)
        if side == "right":
            x = math.floor(cx + half) + gap
            if x + box_width > width:
                return None
        else:
            x = math.ceil(cx - half) - gap - box_width
            if x < 0:
                return None
        boxes.append(Box(m.index, x, y, box_width, tuple(lines), "left" if side == "right" else "right"))
    return boxes


def _title_box(title, cx, cy, rx, ry, ellipsis) -> Box | None:
    inner_ry, inner_rx = ry * INNER, rx * INNER
    rows = max(1, int(2 * inner_ry * 0.72))
    width = int(2 * inner_rx * 0.8) - 1
    if width < 3 or inner_ry < 1:
        return None
    for _ in range(rows):  # shrink the box until every row fits inside the inner ring
        lines = fit_lines(title, width, rows, ellipsis)
        top = math.floor(cy - len(lines) / 2)
        if len(lines) < 2 or all(
            half_width(r, r + 1, cy, inner_ry, inner_rx) >= width / 2 + 1
            for r in range(top, top + len(lines))
        ):
            break
        rows -= 1
        if rows == 0:
            return None
    box_width = max(cell_len(line) for line in lines)
    return Box(-1, math.floor(cx - box_width / 2), top, box_width, tuple(lines), "centre")


# -- drawing ---------------------------------------------------------------------------

_BRAILLE_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [row][col]


def _outline_points(layout: TextLayout, n: int):
    """Points (in cell units) on the two rings and the spokes between pieces."""
    cx, cy, rx, ry = layout.cx, layout.cy, layout.rx, layout.ry
    density = int(max(rx, ry) * 16)
    for radius in (0.999, INNER):  # just inside: the rim's lowest point stays on its own row
        for k in range(density):
            px, py = point(360 * k / density, radius)
            yield cx + px * rx, cy + py * ry, "ring"
    if n > 1:
        steps = int(rx * 3)
        for i in range(n):
            sx, sy = point(360 * i / n, 1.0)  # each piece's first side, as place() has it
            for k in range(steps):  # stops short of the rim, so nothing pokes out
                r = INNER + (1 - INNER) * k / steps
                yield cx + sx * r * rx, cy + sy * r * ry, "spoke"


@lru_cache(maxsize=16)
def _outline(layout: TextLayout, n: int, ascii_only: bool) -> dict:
    """The rings and spokes: braille bits per cell, or ASCII characters. Remembered:
    moving the selection only adds the shading of one wedge."""
    cells: dict = {}
    for x, y, part in _outline_points(layout, n):
        if not (0 <= x < layout.width and 0 <= y < layout.height):
            continue
        if ascii_only:
            if part == "ring":  # draw along the tangent; softer corners: . at the top, ' below
                tx, ty = -(y - layout.cy) * layout.rx / layout.ry, (x - layout.cx) * layout.ry / layout.rx
                mark = _ascii_stroke(tx, ty * ASPECT, upper=y < layout.cy)
            else:  # a spoke: draw along the radius
                mark = _ascii_stroke(x - layout.cx, (y - layout.cy) * ASPECT)
            cells.setdefault((int(x), int(y)), mark)
        else:
            dx, dy = int(x * 2), int(y * 4)
            cell = (dx // 2, dy // 4)
            cells[cell] = cells.get(cell, 0) | _BRAILLE_BITS[dy % 4][dx % 2]
    return cells


def _in_wedge(layout: TextLayout, slot: Slot, x: float, y: float) -> bool:
    dx, dy = (x - layout.cx) / layout.rx, (y - layout.cy) / layout.ry
    if not INNER <= math.hypot(dx, dy) < 0.999:
        return False
    angle = math.degrees(math.atan2(dx, -dy)) % 360
    return slot.start <= angle < slot.end


def wedge_box(layout: TextLayout, slot: Slot) -> tuple[int, int, int, int]:
    xs, ys = [], []
    for k in range(13):
        for r in (INNER, 1.0):
            px, py = point(slot.start + (slot.end - slot.start) * k / 12, r)
            xs.append(layout.cx + px * layout.rx)
            ys.append(layout.cy + py * layout.ry)
    return (max(0, int(min(xs))), max(0, int(min(ys))),
            min(layout.width, int(max(xs)) + 1), min(layout.height, int(max(ys)) + 1))


def draw_circle(layout: TextLayout, slots, selected=None, ascii_only=False) -> dict:
    """The cells of the drawing: {(x, y): character}; the selected wedge shaded."""
    cells = dict(_outline(layout, len(slots), ascii_only))
    chosen = slots[selected] if selected is not None and 0 <= selected < len(slots) else None
    if chosen is not None:
        x0, y0, x1, y1 = wedge_box(layout, chosen)
        if ascii_only:
            for y in range(y0, y1):
                for x in range(x0, x1):
                    if (x, y) not in cells and _in_wedge(layout, chosen, x + 0.5, y + 0.5):
                        cells[(x, y)] = ":"
        else:  # every other dot: shaded, lighter to look at than solid
            for j in range(y0 * 4, y1 * 4):
                for i in range(x0 * 2 + (j % 2), x1 * 2, 2):
                    if _in_wedge(layout, chosen, (i + 0.5) / 2, (j + 0.5) / 4):
                        cell = (i // 2, j // 4)
                        cells[cell] = cells.get(cell, 0) | _BRAILLE_BITS[j % 4][i % 2]
    if ascii_only:
        return cells
    return {cell: chr(0x2800 + bits) for cell, bits in cells.items()}


def _ascii_stroke(dx: float, dy: float, upper: bool | None = None) -> str:
    """The ASCII character closest to a line going (dx, dy) on screen. On a ring
    (`upper` given) the shallow bends are drawn with . and ' as ASCII art does."""
    slope = math.degrees(math.atan2(-dy, dx)) % 180
    if slope < 15 or slope >= 165:
        return "-"
    if upper is not None and (slope < 35 or slope >= 145):
        return "." if upper else "'"
    if slope < 70:
        return "/"
    if slope < 110:
        return "|"
    return "\\"


class TextLid:
    """A lid as a Rich renderable: the circle, the title in the centre, labels round it.

    Too narrow or too short for a circle, it becomes a plain list. Meaning never needs
    colour: the selected piece's label is reversed and its wedge shaded (in a list, ">").
    """

    def __init__(self, title: str, labels, selected: int | None = None,
                 ascii_only: bool = False, height: int | None = None):
        self.title = title
        self.labels = list(labels)
        self.selected = selected
        self.ascii_only = ascii_only
        self.height = height

    def lines(self, width: int, height: int | None = None) -> list[list[Segment]]:
        height = height or self.height or default_height(width)
        layout = layout_text_lid(width, height, self.title, self.labels, self.ascii_only)
        if layout.mode == "list":
            return self._list_lines(width, height)
        return self._circle_lines(layout)

    def __rich_console__(self, console, options):
        height = self.height or options.height or default_height(options.max_width)
        for line in self.lines(options.max_width, height):
            yield from line
            yield Segment.line()

    def _circle_lines(self, layout: TextLayout) -> list[list[Segment]]:
        slots = place(len(self.labels))
        drawing = draw_circle(layout, slots, self.selected, self.ascii_only)
        texts: dict[tuple[int, int], tuple[str, int, Style]] = {}
        plain, strong, chosen = Style(), Style(bold=True), Style(reverse=True, bold=True)
        boxes = list(layout.boxes) + ([layout.title] if layout.title else [])
        for box in boxes:
            style = strong if box.index == -1 else chosen if box.index == self.selected else plain
            for row, line in enumerate(box.lines):
                pad = box.width - cell_len(line)
                x = box.x + (pad if box.align == "right" else pad // 2 if box.align == "centre" else 0)
                texts[(x, box.y + row)] = (line, cell_len(line), style)
        out = []
        for y in range(layout.height):
            row: list[Segment] = []
            run: list[str] = []  # plain drawing characters, joined into one segment
            x = 0
            while x < layout.width:
                found = texts.get((x, y))
                if found is None:
                    run.append(drawing.get((x, y), " "))
                    x += 1
                    continue
                if run:
                    row.append(Segment("".join(run)))
                    run = []
                line, cells, style = found
                row.append(Segment(line, style))
                x += max(cells, 1)
            if run:
                row.append(Segment("".join(run)))
            out.append(row)
        return out

    def _list_lines(self, width: int, height: int) -> list[list[Segment]]:
        cut = "..." if self.ascii_only else ELLIPSIS
        out = [[Segment(line, Style(bold=True))] for line in fit_lines(self.title, width, 2, cut)]
        out.append([])
        body: list[list[Segment]] = []
        first = last = 0  # the selected item's lines
        for i, label in enumerate(self.labels):
            mark = ">" if i == self.selected else "-"
            style = Style(reverse=True) if i == self.selected else Style()
            wrapped = fit_lines(label or BLANK_LABEL, max(1, width - 2), 99)
            if i == self.selected:
                first, last = len(body), len(body) + len(wrapped)
            for n, line in enumerate(wrapped):
                body.append([Segment((mark if n == 0 else " ") + " "), Segment(line, style)])
        room = height - len(out)
        if self.selected is not None and len(body) > room > 0:  # keep the selected item in view
            start = min(max(0, last - room), first)
            body = body[start:start + room]
        return out + body


def default_height(width: int) -> int:
    """A lid's height for a width when nobody says: 80 -> 24, 200 -> 60."""
    return max(MIN_CIRCLE_HEIGHT, round(width * 0.3))


def render_plain(lid: TextLid, width: int, height: int | None = None) -> str:
    """The lid as plain text (no escape codes): for pipes, files and tests."""
    rows = ["".join(seg.text for seg in line).rstrip() for line in lid.lines(width, height)]
    return "\n".join(rows)
