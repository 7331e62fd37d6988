"""The PDF: the check-in and the shared views, a lid per group, the shared lid, the
comparison table and the reflections, the actions and the links, a blank lid and the
facilitation notes (the back of the lid poster). Landscape, with
print margins, sized from the paper so an A3 poster reads from across a room.

fpdf2 costs a few hundred milliseconds to import, so only this module imports it,
and only when a PDF is made. The font is Noto Sans, with fallback fonts for the
scripts and symbols it lacks (pdf_fonts.py says which and where from). They are
variable fonts: we use their default instance (Regular) as it is, because making
other instances takes seconds; headings are emboldened by stroking the letters.
"""

from __future__ import annotations

import math
import unicodedata

from fpdf import FPDF
from fpdf.enums import TextDirection, TextMode, WrapMode, XPos, YPos

from .. import CREDIT
from . import pdf_fonts
from ..core.compare import comparison_rows, kind_note, theme_label
from ..core.lid import lid_of, blank_lid, group_lid, half_width, place, point, shared_lid, split_sides, spread

PAPERS = {"A4": "A4", "A3": "A3", "LETTER": "letter"}
FONT = "noto"
PDF_INNER = 0.42  # the centre disc is bigger on paper, room for the title
# soft fills that print well in grey too; neighbours always differ
PALETTE = [(253, 226, 179), (204, 229, 255), (214, 240, 204), (248, 210, 220),
           (226, 214, 245), (255, 243, 176)]
INK = (40, 40, 40)
GREY = (120, 120, 120)
REPLACEMENT = "\u25a1"  # a white square where a character cannot be printed


def session_pdf(session, paper: str = "A4") -> bytes:
    pdf = LidPDF(session, paper)
    pdf.views_page()
    for group in session.groups:
        content = group_lid(session, group)
        pdf.lid_page(lid_of(group.name), content.title, list(content.labels),
                     f"{len(group.pieces)} of {session.settings.max_pieces} pieces")
    pdf.shared_page()
    pdf.table_page()
    pdf.reflections_part()
    pdf.actions_page()
    pdf.links_part()
    blank = blank_lid(session)
    pdf.lid_page("A blank lid", session.title, list(blank.labels),
                 "for a group to complete: one piece of the picture in each space", blank=True)
    pdf.instructions_page()
    return bytes(pdf.output())


def font_path() -> str:
    return pdf_fonts.MAIN.path()


class LidPDF(FPDF):
    def __init__(self, session, paper: str = "A4"):
        key = paper.upper()
        if key not in PAPERS:
            from . import ExportError  # (the package imports this module: not at the top)

            raise ExportError(f"unknown paper size {paper!r} (choose A4, A3 or letter)")
        super().__init__(orientation="L", unit="mm", format=PAPERS[key])
        self.session = session
        self.scale = self.h / 210  # every size grows with the paper: A3 is 1.41x A4
        self.margin = 14 * self.scale
        self.set_margins(self.margin, self.margin + 9 * self.scale, self.margin)
        self.set_auto_page_break(True, self.margin + 8 * self.scale)
        self.add_font(FONT, "", font_path())
        self.glyphs = set(self.fonts[FONT].cmap)
        # Fallback fonts and shaping only for the characters this session has.
        chars = set("".join(_all_text(session)))
        fallbacks = pdf_fonts.fallbacks_for(chars, self.glyphs)
        for font, codes in fallbacks.items():
            self.add_font(font.key, "", font.path(), unicode_range=sorted(codes))
            self.glyphs |= set(self.fonts[font.key].cmap)
        if fallbacks:
            self.set_fallback_fonts([font.key for font in fallbacks])
        if pdf_fonts.needs_shaping(chars):
            self.set_text_shaping(True)
        self._widths: dict[str, float] = {}
        self.replacement = REPLACEMENT if ord(REPLACEMENT) in self.glyphs else "?"
        self.heading = ""
        self.missing = any(self.printable(t) != t for t in _all_text(session))
        self.set_title(session.title)
        self.set_author(session.facilitator or "jigsaw-tui")
        self.set_subject(CREDIT)
        self.set_creator("jigsaw-tui")
        self.set_lang("en-GB")

    # -- text ------------------------------------------------------------------------

    def printable(self, text: str) -> str:
        """Text the fonts can draw: symbols they lack (new emoji) by name, letters
        they lack as a white square. The Markdown and CSV exports keep the original."""
        out = []
        for ch in text:
            code = ord(ch)
            if code in self.glyphs or ch in " \n":
                out.append(ch)
            elif pdf_fonts.ignorable(ch):
                continue  # joiners, variation selectors, skin tones: nothing to show alone
            elif unicodedata.category(ch) == "So":
                out.append("(" + unicodedata.name(ch, "symbol").lower() + ")")
            else:
                out.append(self.replacement)
        return "".join(out)

    def size(self, points: float) -> None:
        self.set_font(FONT, "", points * self.scale)

    # fpdf2 2.8.9 sets the page's font inside a line's q ... Q when the line starts with
    # a fallback font's glyph: it is lost after that line, and the page's later lines
    # print nothing (fpdf2 issue 1772). Setting it outside any q ... Q first avoids it.
    def add_page(self, *args, **kwargs):
        super().add_page(*args, **kwargs)
        self._pin_font()

    def _render_styled_text_line(self, *args, **kwargs):
        self._pin_font()
        return super()._render_styled_text_line(*args, **kwargs)

    def _preload_bidirectional_text(self, text, *args, **kwargs):
        """Shape only the text that needs it (shaping costs time for every line). A
        line with any left-to-right letter in it reads left to right ("العربية's lid"),
        where fpdf2 would go by its first letter; one of right-to-left letters alone
        reads right to left."""
        shaping = self.text_shaping
        if not shaping:
            return super()._preload_bidirectional_text(text, *args, **kwargs)
        if not pdf_fonts.needs_shaping(set(text)):
            self.text_shaping = None
            try:
                return super()._preload_bidirectional_text(text, *args, **kwargs)
            finally:
                self.text_shaping = shaping
        shaping["direction"] = TextDirection.LTR if pdf_fonts.has_ltr_letter(text) else None
        return super()._preload_bidirectional_text(text, *args, **kwargs)

    def _pin_font(self) -> None:
        if self._fallback_font_ids and self.page and not self.current_font_is_set_on_page:
            self._out(self._set_font_for_page(self.current_font, self.font_size_pt))

    def strong(self):
        """Bold by stroking the letters' outline (the font file has no bold instance).
        A local context (q ... Q in the PDF) so that nothing after it is bold."""
        return self.local_context(text_mode=TextMode.FILL_STROKE, line_width=0.018 * self.font_size,
                                  draw_color=INK)

    def unit_width(self, text: str) -> float:
        """Width of `text` at 1 pt: widths scale with the size, so wrapping at many
        sizes (to find the biggest that fits) measures each word only once."""
        width = self._widths.get(text)
        if width is None:
            size = self.font_size_pt
            width = self._widths[text] = self.get_string_width(text) / size
        return width

    def lines(self, text: str, width: float) -> list[str]:
        """Word-wrap printable text to `width` mm at the current size."""
        limit = width / self.font_size_pt
        space = self.unit_width(" ")
        lines, current, used = [], "", 0.0
        for word in self.printable(text).split():
            w = self.unit_width(word)
            if w > limit:  # a word wider than the line is split between letters
                for ch in pdf_fonts.clusters(word):  # a vowel sign stays on its letter
                    cw = self.unit_width(ch)
                    if current and used + cw > limit:
                        lines.append(current)
                        current, used = "", 0.0
                    current, used = current + ch, used + cw
                continue
            if current and used + space + w > limit:
                lines.append(current)
                current, used = word, w
            else:
                current, used = (current + " " + word, used + space + w) if current else (word, w)
        if current or not lines:
            lines.append(current)
        return lines

    def word_fits(self, text: str, width: float) -> bool:
        limit = width / self.font_size_pt
        return all(self.unit_width(w) <= limit for w in self.printable(text).split())

    # -- page furniture ----------------------------------------------------------------

    def header(self):
        self.set_text_color(*GREY)
        self.size(9)
        top = self.margin * 0.6
        self.set_xy(self.l_margin, top)
        left = self.session.title + (f" - {self.session.date}" if self.session.date else "")
        shown = self.lines(left, self.epw * 0.6)
        self.cell(self.epw * 0.62, 5 * self.scale, shown[0] + ("…" if len(shown) > 1 else ""))
        self.set_xy(self.l_margin + self.epw * 0.62, top)
        self.cell(self.epw * 0.38, 5 * self.scale, self.printable(self.heading), align="R")
        self.set_text_color(*INK)
        self.set_xy(self.l_margin, self.t_margin)  # text that runs on to a new page goes on below

    def footer(self):
        self.set_text_color(*GREY)
        self.size(8.5)
        self.set_xy(self.l_margin, self.h - self.margin * 0.75 - 4 * self.scale)
        note = CREDIT
        if self.missing:
            note += f"  ({self.replacement} or (name): a character no font here has; the Markdown export keeps it.)"
        self.cell(self.epw - 22 * self.scale, 4 * self.scale, note)
        self.cell(22 * self.scale, 4 * self.scale, f"{self.page_no()} / {{nb}}", align="R")
        self.set_text_color(*INK)

    def page_title(self, title: str, subtitle: str = "") -> float:
        """A big title; returns where the page's content starts."""
        self.set_xy(self.l_margin, self.t_margin)
        self.size(24)
        with self.strong():
            self.multi_cell(self.epw, 10 * self.scale, self.printable(title), new_x=XPos.LMARGIN,
                            new_y=YPos.NEXT, align="L")
        if subtitle:
            self.size(12)
            self.set_text_color(*GREY)
            self.multi_cell(self.epw, 6 * self.scale, self.printable(subtitle), new_x=XPos.LMARGIN,
                            new_y=YPos.NEXT)
            self.set_text_color(*INK)
        return self.get_y() + 3 * self.scale

    # -- lids -----------------------------------------------------------------------------

    def lid_page(self, heading: str, centre: str, labels: list[str], subtitle: str = "",
                 blank: bool = False) -> None:
        self.heading = heading
        self.add_page()
        top = self.page_title(heading, subtitle)
        bottom = self.h - self.b_margin
        self.draw_lid(centre, labels, top, bottom, blank)

    def draw_lid(self, centre: str, labels: list[str], top: float, bottom: float, blank: bool) -> None:
        height = bottom - top
        cx, cy = self.w / 2, top + height / 2
        slots = place(len(labels), inner=PDF_INNER)
        # words inside the pieces when every label fits at a readable size: then the lid
        # can fill the page's height; otherwise a smaller lid with the words beside it
        inside = None if blank else self.fit_inside(labels, slots, height * 0.47)
        radius = height * 0.47 if inside is not None else min(height * 0.47, self.epw * 0.21)

        def at(p, r=radius):
            return (cx + p[0] * r, cy + p[1] * r)

        self.set_line_width(0.5 * self.scale)
        self.set_draw_color(*INK)
        for slot in slots:
            fill = (255, 255, 255) if blank else PALETTE[slot.index % len(PALETTE)]
            if len(slots) % len(PALETTE) == 1 and slot.index == len(slots) - 1 and not blank:
                fill = PALETTE[(slot.index + 2) % len(PALETTE)]  # never two alike side by side
            self.set_fill_color(*fill)
            outline = slot.wedge if len(slots) > 1 else [point(a, 1.0) for a in range(0, 360, 3)]
            self.polygon([at(p) for p in outline], style="DF")  # one piece: a ring, no seam
        if not slots:
            self.set_fill_color(245, 245, 245)
            self.polygon([at(point(a, 1.0)) for a in range(0, 360, 3)], style="DF")
        self.set_fill_color(255, 255, 255)
        self.polygon([at(point(a, PDF_INNER)) for a in range(0, 360, 3)], style="DF")
        self.centre_text(centre, cx, cy, radius * PDF_INNER)
        if inside is not None:
            self.draw_inside(labels, slots, inside, at, radius)
        else:
            self.draw_beside(labels, slots, cx, cy, radius, top, bottom, blank)

    def centre_text(self, text: str, cx: float, cy: float, r: float) -> None:
        side = r * 1.35  # a square inside the disc
        for points in (26, 22, 18, 15, 12, 10, 8):
            self.size(points)
            lines = self.lines(text, side)
            line_h = self.font_size * 1.2
            if len(lines) * line_h <= side and self.word_fits(text, side):
                break
        else:
            cut = max(1, int(side / line_h))
            lines = lines[:cut]
            lines[-1] = lines[-1][:-1].rstrip() + "…"
        y = cy - len(lines) * line_h / 2
        with self.strong():
            for line in lines:
                self.set_xy(cx - side / 2, y)
                self.cell(side, line_h, line, align="C")
                y += line_h

    def fit_inside(self, labels, slots, radius):
        """The biggest font size at which every label fits inside its own piece, and
        the wrapped lines of each; None when some label does not fit at 14 pt."""
        if not labels:
            return None
        for points in (22, 20, 18, 16, 14):  # smaller than 14 pt reads better beside the lid
            self.size(points)
            line_h = self.font_size * 1.2
            placed = []
            for slot, text in zip(slots, labels):
                lines = self.lines_in_piece(text, slot, len(slots), radius, line_h)
                if lines is None:
                    break
                placed.append(lines)
            else:
                return points, placed
        return None

    def lines_in_piece(self, text, slot, n, radius, line_h):
        """Wrapped lines whose box, centred in the piece, stays clear of its edges and
        knobs; the widest such wrapping (fewest lines), or None."""
        depth = (1 - PDF_INNER) * radius
        area = depth * radius * (1 + PDF_INNER) / 2 * math.radians(360 / max(n, 1))
        if self.unit_width(text) * self.font_size_pt * line_h > area * 0.45:
            return None  # more words than half the piece can hold: no need to try
        for k in range(10, 2, -1):  # widths from most of the ring's depth down
            width = depth * k / 10 * (2.2 if n <= 2 else 1.0)
            if not self.word_fits(text, width):
                return None
            lines = self.lines(text, width)
            used = max(self.unit_width(line) for line in lines) * self.font_size_pt
            if _box_in_piece(slot, n, used / radius, len(lines) * line_h / radius):
                return lines
        return None

    def draw_inside(self, labels, slots, fitted, at, radius) -> None:
        points, placed = fitted
        self.size(points)
        line_h = self.font_size * 1.2
        for slot, lines in zip(slots, placed):
            width = max(self.unit_width(line) for line in lines) * self.font_size_pt + 2
            x, y = at(slot.centre)
            y -= len(lines) * line_h / 2
            for line in lines:
                self.set_xy(x - width / 2, y)
                self.cell(width, line_h, line, align="C")
                y += line_h

    def draw_beside(self, labels, slots, cx, cy, radius, top, bottom, blank) -> None:
        gap = 6 * self.scale
        width = self.w - self.r_margin - (cx + radius + gap)
        sides = split_sides(slots)
        size, wrapped = self.label_size(labels, sides, width, bottom - top, blank)
        self.size(size)
        line_h = self.font_size * 1.25
        spacing = line_h * 0.6
        for side, members in sides.items():
            if not members:
                continue
            heights = [len(wrapped[m.index]) * line_h for m in members]
            targets = [cy - (bottom - top) / 2 * 0.96 * math.cos(math.radians(m.angle)) - h / 2
                       for m, h in zip(members, heights)]
            tops = spread(targets, heights, top, bottom, spacing)
            for m, y, h in zip(members, tops, heights):
                reach = half_width(y, y + h, cy, radius * 1.02)
                x = cx + reach + gap if side == "right" else cx - reach - gap - width
                self.leader(m, side, x, y, line_h, cx, cy, radius, width)
                self.label_at(wrapped[m.index], x, y, width, line_h, side, blank)

    def label_size(self, labels, sides, width, height, blank):
        """The biggest font size at which each side's labels fit the page's height."""
        for points in (18, 16, 14, 13, 12, 11, 10, 9):
            self.size(points)
            line_h = self.font_size * 1.25
            wrapped = {i: (["", "", ""] if blank else self.lines(t, width)) for i, t in enumerate(labels)}
            if all(sum(len(wrapped[m.index]) * line_h for m in members)
                   + line_h * 0.6 * max(0, len(members) - 1) <= height for members in sides.values()):
                return points, wrapped
        per = max(1, int(height / line_h / max(1, max(len(m) for m in sides.values()))) - 1)
        for i, lines in wrapped.items():  # still too long: shorten, with an ellipsis
            if len(lines) > per:
                wrapped[i] = lines[:per - 1] + [lines[per - 1].rstrip()[:-1] + "…"]
        return points, wrapped

    def leader(self, slot, side, x, y, line_h, cx, cy, radius, width) -> None:
        rim = point(slot.angle, radius)
        end = (cx + rim[0], cy + rim[1])
        start = (x - 1.5 * self.scale if side == "right" else x + width + 1.5 * self.scale, y + line_h / 2)
        self.set_draw_color(*GREY)
        self.set_line_width(0.3 * self.scale)
        self.line(*start, *end)
        self.set_fill_color(*GREY)
        dot = 0.9 * self.scale
        self.polygon([(end[0] + dot * math.sin(math.radians(a)), end[1] + dot * math.cos(math.radians(a)))
                      for a in range(0, 360, 30)], style="F")
        self.set_draw_color(*INK)

    def label_at(self, lines, x, y, width, line_h, side, blank) -> None:
        if blank:  # ruled lines to write on
            self.set_draw_color(*GREY)
            self.set_line_width(0.3 * self.scale)
            for k in range(len(lines)):
                base = y + (k + 1) * line_h
                self.line(x, base, x + width, base)
            self.set_draw_color(*INK)
            return
        for line in lines:
            self.set_xy(x, y)
            self.cell(width, line_h, line, align="L" if side == "right" else "R")
            y += line_h

    # -- the other pages ---------------------------------------------------------------------

    def shared_page(self) -> None:
        labels = list(shared_lid(self.session).labels)  # the same labels as the text lid's
        subtitle = ("The themes named by two or more groups: where the shared work starts."
                    if labels else "No themes matched yet: match pieces that name the same thing.")
        self.lid_page("The shared lid", self.session.title, labels, subtitle)

    def table_page(self) -> None:
        session = self.session
        self.heading = "Comparison table"
        self.add_page()
        top = self.page_title("Comparison table",
                              " ".join(x for x in ("Shared themes first, shaded, one to a row; then the pieces only "
                                                   "one group named. All views are equal: the order is not a "
                                                   "ranking.", kind_note(session)) if x))
        self.set_y(top)
        if not session.groups:
            self.size(12)
            self.multi_cell(self.epw, 6 * self.scale, "No groups yet.")
            return
        n = len(session.groups)
        self.size(max(7.0, 12.5 - 0.45 * n))
        rows = [([theme_label(entry.theme) if entry.theme else ""] + entry.texts(), entry.theme is not None)
                for entry in comparison_rows(session)]
        self.grid(["Theme"] + [g.name for g in session.groups], rows, [1.1] + [1] * n)

    def grid(self, headings, rows, weights) -> None:
        """A table drawn directly (fpdf's table is slow for hundreds of cells): wrapped
        cells, shaded rows for themes, headings repeated on each new page."""
        total = sum(weights)
        widths = [self.epw * w / total for w in weights]
        pad = 1.5 * self.scale
        line_h = self.font_size * 1.2

        def draw_row(texts, fill, colour=INK):
            wrapped = [self.lines(t, w - 2 * pad) if t else [] for t, w in zip(texts, widths)]
            height = max(1, max(len(w) for w in wrapped)) * line_h + 2 * pad * 0.6
            if self.get_y() + height > self.h - self.b_margin:
                self.add_page()
                self.set_y(self.t_margin + 4 * self.scale)
                draw_row(headings, (70, 70, 70), (255, 255, 255))
            x, y = self.l_margin, self.get_y()
            self.set_fill_color(*fill)
            self.set_draw_color(*GREY)
            self.set_line_width(0.25 * self.scale)
            self.set_text_color(*colour)
            for lines, w in zip(wrapped, widths):
                self.rect(x, y, w, height, style="DF")
                for k, line in enumerate(lines):
                    self.set_xy(x + pad, y + pad * 0.6 + k * line_h)
                    self.cell(w - 2 * pad, line_h, line)
                x += w
            self.set_text_color(*INK)
            self.set_y(y + height)

        draw_row(headings, (70, 70, 70), (255, 255, 255))
        for texts, shaded in rows:
            draw_row(texts, (232, 243, 226) if shaded else (255, 255, 255))

    def actions_page(self) -> None:
        session = self.session
        self.heading = "Actions"
        self.add_page()
        top = self.page_title("From views to action",
                              "What we agreed to do about the priorities we share: good enough for now.")
        self.set_y(top)
        self.size(13)
        if not session.actions:
            self.multi_cell(self.epw, 7 * self.scale, "No actions recorded yet.")
            return
        names = {t.id: t.name for t in session.themes}
        rows = [((a.text, names.get(a.theme, ""), a.owner, a.due, "yes" if a.done else ""), False)
                for a in session.actions]
        self.grid(["Action", "Theme", "Who", "By when", "Done"], rows, [44, 22, 14, 12, 8])

    # -- the parts of the report around the lids ----------------------------------------------

    def views_page(self) -> None:
        """Self-care and the room's shared views, in the session's order, before the lids."""
        session = self.session
        answered = [v for v in session.views if v.answers]
        if not session.checkin and not answered:
            return
        self.heading = "Check-in and shared views"
        self.add_page()
        top = self.page_title("Check-in and shared views",
                              "What makes us smile, and what the whole room said: every answer as given, "
                              "nothing ranked.")
        blocks = []
        if session.checkin:
            blocks += [("heading", "What makes us smile")] + [("item", x) for x in session.checkin]
        for view in answered:
            blocks += [("heading", view.question)] + [("item", a) for a in view.answers]
        self.in_columns(blocks, top)

    def in_columns(self, blocks, top: float, columns: int = 2) -> None:
        """Headings and bulleted items, down one column and on to the next (then a new
        page): short answers would leave most of a landscape page empty."""
        gap = 10 * self.scale
        width = (self.epw - gap * (columns - 1)) / columns
        bottom = self.h - self.b_margin
        column, y = 0, top
        for n, (kind, text) in enumerate(blocks):
            heading = kind == "heading"
            self.size(15 if heading else 12.5)
            line_h = self.font_size * 1.3
            indent = 0 if heading else 6 * self.scale
            lines = self.lines(text, width - indent)
            need = len(lines) * line_h + (2 * line_h if heading else 0)  # a heading keeps an item with it
            if heading and n:
                y += line_h * 0.6
            if y + need > bottom:
                column += 1
                if column == columns:
                    self.add_page()
                    column, top = 0, self.t_margin + 4 * self.scale
                y = top
            x = self.l_margin + column * (width + gap)
            if not heading:
                self.set_xy(x + indent * 0.3, y)
                self.cell(indent * 0.7, line_h, self.printable("\u2022"))
            for line in lines:
                self.set_xy(x + indent, y)
                if heading:
                    with self.strong():
                        self.cell(width, line_h, line)
                else:
                    self.cell(width - indent, line_h, line)
                y += line_h
            y += line_h * (0.15 if not heading else 0.1)
        self.set_y(y)

    def reflections_part(self) -> None:
        """The facilitator's reflections, after the table (on its last page when there is room)."""
        if not self.session.reflections:
            return
        self.part("Reflections")
        self.size(12.5)
        for paragraph in self.session.reflections.split("\n\n"):
            if paragraph.strip():
                self.multi_cell(self.epw, self.font_size * 1.4, self.printable(paragraph.strip()), align="L",
                                new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                self.set_y(self.get_y() + self.font_size * 0.6)

    def links_part(self) -> None:
        """Titled links with the URL written out (a link annotation too): nothing is hidden
        behind words, and what is printed can be typed from paper."""
        if not self.session.links:
            return
        self.part("Links and resources")
        for link in self.session.links:
            self.keep_room(2)
            if link.title:
                self.size(12.5)
                with self.strong():
                    self.multi_cell(self.epw, self.font_size * 1.35, self.printable(link.title), align="L",
                                    new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.size(11)
            self.set_text_color(30, 60, 150)
            self.multi_cell(self.epw, self.font_size * 1.35, self.printable(link.url), align="L", link=link.url,
                            wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_text_color(*INK)
            self.set_y(self.get_y() + self.font_size * 0.8)

    def part(self, title: str) -> None:
        """A part of the report that follows the page before it when there is room, or
        starts a page of its own."""
        self.heading = title
        if self.get_y() + 45 * self.scale > self.h - self.b_margin:
            self.add_page()
            self.set_y(self.page_title(title))
            return
        self.set_y(self.get_y() + 8 * self.scale)
        self.size(20)
        with self.strong():
            self.multi_cell(self.epw, 9 * self.scale, self.printable(title), align="L",
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(self.get_y() + 2 * self.scale)

    def keep_room(self, lines: int) -> None:
        """A new page unless `lines` lines of the current size fit on this one."""
        if self.get_y() + lines * self.font_size * 1.4 > self.h - self.b_margin:
            self.add_page()
            self.set_y(self.t_margin + 4 * self.scale)

    def instructions_page(self) -> None:
        self.heading = "Running a Jigsaw lid session"
        self.add_page()
        top = self.page_title("Running a Jigsaw lid session", "The back of the lid poster, in brief.")
        column_w = (self.epw - 10 * self.scale) / 2
        self.size(12.5)
        line_h = self.font_size * 1.35
        y = top
        x = self.l_margin
        for n, (title, text) in enumerate(INSTRUCTIONS, 1):
            block = self.lines(text, column_w)
            needed = line_h * (len(block) + 1.6)
            if y + needed > self.h - self.b_margin and x == self.l_margin:
                x, y = self.l_margin + column_w + 10 * self.scale, top
            self.set_xy(x, y)
            with self.strong():
                self.cell(column_w, line_h, f"{n}. {title}")
            y += line_h
            for line in block:
                self.set_xy(x, y)
                self.cell(column_w, line_h, line)
                y += line_h
            y += line_h * 0.6


INSTRUCTIONS = [
    ("Arrive and take care", "Open with a minute of calm: a slow breath, a short meditation, "
     "then a check-in such as \"what makes you smile?\". It sets a safe space; anyone may pass."),
    ("Share views (optional)", "Ask the whole room a few open questions, such as why we come "
     "together and what gets in the way. Note every answer as said; nothing is ranked."),
    ("Build a lid in each group", "Each group, or each kind of stakeholder, names up to twelve "
     "pieces that together make their picture of good. A short phrase per piece; a group may "
     "stop early and leave spaces open. The pieces go round a circle because a circle has no "
     "top and no bottom: every view is equal."),
    ("Lay the lids side by side", "Look for the same theme in different words, for overlaps a "
     "conversation may agree on, and for pieces only one group named. Those are not less "
     "important; they are simply not where the shared work starts."),
    ("Start where the lids agree", "Relationships grow on common priorities. Agree a consensus "
     "that is good enough, then the actions that follow: what, who and by when. The other "
     "pieces can be taken up once trust is built."),
    ("Send a flash report the same day", "Share the lids, the comparison table and the actions "
     "while the conversation is fresh. A table can look like a ranking, so let the lids be the "
     "main picture."),
    ("Credit the toolkit", "The Jigsaw toolkit was created by COPE Scotland. Use it and share it "
     "freely, crediting COPE Scotland as its originator."),
]


def _box_in_piece(slot, n: int, w: float, h: float) -> bool:
    """Does a w x h box (unit coordinates) centred on the piece stay inside it, clear of
    the rings and of the knobs on its sides?"""
    cx, cy = slot.centre
    mid = (1 + PDF_INNER) / 2
    knob = min(0.11 * (1 - PDF_INNER), 0.22 * mid * math.radians(360 / n)) * 1.8 if n > 1 else 0.0
    margin = 0.04
    for fx in (-0.5, 0.0, 0.5):
        for fy in (-0.5, 0.0, 0.5):
            x, y = cx + fx * w, cy + fy * h
            r = math.hypot(x, y)
            if not PDF_INNER + margin <= r <= 1 - margin:
                return False
            if n > 1:
                angle = math.degrees(math.atan2(x, -y)) % 360
                offset = (angle - slot.start) % 360
                clear = math.degrees((knob + margin) / max(r, 1e-9))
                if not clear <= offset <= (slot.end - slot.start) - clear:
                    return False
    return True


def _all_text(session):
    """Everything the pages print from the session (to say when the font lacks a character)."""
    yield from (session.title, session.date)
    for group in session.groups:
        yield group.name
        for piece in group.pieces:
            yield from (piece.text, piece.note)
    for theme in session.themes:
        yield theme.name
    for action in session.actions:
        yield from (action.text, action.owner, action.due)
    yield from session.checkin
    for view in session.views:
        yield view.question
        yield from view.answers
    yield session.reflections
    for link in session.links:
        yield from (link.title, link.url)
