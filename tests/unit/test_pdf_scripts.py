"""Every script and symbol a room types prints in the PDF as glyphs: fallback fonts
for what Noto Sans lacks, text shaping where letters join or reorder."""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import ContentStream

from jigsaw_tui.core.model import new_session
from jigsaw_tui.core.ops import AddPiece
from jigsaw_tui.export import render
from jigsaw_tui.export.pdf import LidPDF
from jigsaw_tui.export.pdf_fonts import clusters

SIGN_I, KA = "uni093F", "uni0915"  # the glyphs' names in Noto Sans

PIECES = {
    "Polish": ["Zażółć gęślą jaźń"],
    "Ukrainian": ["Довіра і безпека, їжак ґанок"],
    "Arabic": ["الثقة والأمان"],
    "Urdu": ["یہ ٹھیک ہے"],
    "Bengali": ["বিশ্বাস ও নিরাপত্তা"],
    "Hindi": ["विश्वास और सुरक्षा", "किताब"],
    "Chinese": ["共同的目标"],
    "Hebrew": ["שלום עולם"],
    "Emoji": ["🤗 hugs", "✓ done", "★ 👍"],
}


def build(title: str, groups: dict[str, list[str]]):
    session = new_session(title, list(groups))
    for group in session.groups:
        for text in groups[group.name]:
            session = AddPiece(group.id, text).apply(session)
    return session


@pytest.fixture(scope="module")
def scripts_pdf() -> bytes:
    return render(build("Every script", PIECES), "pdf")


def page_texts(data: bytes) -> list[str]:
    """Each page's text without whitespace or the control codes pypdf reads for shaped
    glyphs that stand for no one character."""
    reader = PdfReader(io.BytesIO(data))
    return [re.sub(r"[\s\x00-\x1f\u200e-\u200f\u202a-\u202e]+", "", p.extract_text()) for p in reader.pages]


def embedded_fonts(data: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(data))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_the_fallback_fonts_are_embedded_for_the_scripts_typed(scripts_pdf):
    fonts = embedded_fonts(scripts_pdf)
    for name in ("NotoSans", "NotoSansArabic", "NotoSansBengali", "NotoSansHebrew", "NotoSansSC",
                 "NotoEmoji"):
        assert any(font.startswith(name) for font in fonts), (name, fonts)


def test_the_text_of_every_script_extracts(scripts_pdf):
    text = "".join(page_texts(scripts_pdf))
    # (right-to-left words extract in the order they are drawn: each word on its own)
    for piece in ("Zażółćgęśląjaźń", "Довіраібезпека,їжакґанок", "共同的目标", "שלום", "עולם",
                  "🤗hugs", "✓done", "★👍"):
        assert piece in text, piece
    assert "(checkmark)" not in text and "(hugging face)" not in text  # not named: drawn


def test_nothing_is_replaced_so_the_footer_says_nothing(scripts_pdf):
    assert not LidPDF(build("Every script", PIECES)).missing
    assert "nofonthere" not in "".join(page_texts(scripts_pdf))


def test_a_script_no_font_has_still_gets_the_footer_note():
    session = build("Korean", {"A": ["한국어"]})
    assert LidPDF(session).missing
    assert "acharacternofontherehas" in "".join(page_texts(render(session, "pdf")))


def _glyph_names_drawn(pdf: LidPDF, text: str) -> list[str]:
    """The main font's glyphs drawn for `text`, in the order drawn."""
    pdf.set_compression(False)
    pdf.add_page()
    pdf.size(20)
    pdf.cell(text=text)
    reader = PdfReader(io.BytesIO(bytes(pdf.output())))
    names = {code: glyph.glyph_name for glyph, code in pdf.fonts["noto"].subset.items() if glyph}
    for operands, op in ContentStream(reader.pages[0].get_contents(), reader).operations:
        if op == b"Tj":
            raw = bytes(operands[0].original_bytes)
            drawn = [names.get(code, "") for code in struct.unpack(f">{len(raw) // 2}H", raw)]
            if KA in drawn:
                return drawn
    return []


def test_devanagari_is_shaped_vowel_signs_in_place():
    session = build("Hindi", {"A": ["किताब"]})
    shaped = LidPDF(session)
    assert shaped.text_shaping
    unshaped = LidPDF(session)
    unshaped.set_text_shaping(False)
    # कि is typed letter first, sign second; the sign ि is drawn before (left of) the letter
    drawn, typed = _glyph_names_drawn(shaped, "किताब"), _glyph_names_drawn(unshaped, "किताब")

    def where(names, glyph):  # (the sign has variants, ".04", one for each letter's width)
        return next(n for n, name in enumerate(names) if name.split(".")[0] == glyph)

    assert where(drawn, SIGN_I) < where(drawn, KA)
    assert where(typed, SIGN_I) > where(typed, KA)


def test_latin_sessions_load_no_fallback_font_and_shape_nothing():
    pdf = LidPDF(build("Effective networks", {"Group one": ["Trust", "Café, Ωμέγα, Привет — “quotes”"]}))
    assert not pdf.text_shaping
    assert set(pdf.fonts) == {"noto"}


def test_every_line_has_a_font_when_a_line_starts_with_an_emoji():
    """fpdf2 loses the page's font after a line that starts with a fallback font's
    glyph: every text-showing operator must have a font in force."""
    session = build("🤗 a title that starts with an emoji", {"✓ first": ["✓ done", "plain text", "🎉"]})
    reader = PdfReader(io.BytesIO(render(session, "pdf")))
    for number, page in enumerate(reader.pages, 1):
        stack, font = [], None
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"q":
                stack.append(font)
            elif op == b"Q":
                font = stack.pop()
            elif op == b"Tf":
                font = operands[0]
            elif op in (b"Tj", b"TJ"):
                assert font is not None, f"text without a font on page {number}"


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")
def test_the_pages_render_without_errors(scripts_pdf, tmp_path):
    path = tmp_path / "scripts.pdf"
    path.write_bytes(scripts_pdf)
    done = subprocess.run(["pdftoppm", "-png", "-r", "30", str(path), str(tmp_path / "page")],
                          capture_output=True, text=True, check=True)
    assert "No font" not in done.stderr and "Error" not in done.stderr, done.stderr


def test_a_long_word_is_cut_between_letters_not_inside_one():
    assert clusters("किताब") == ["कि", "ता", "ब"]
    assert clusters("👩\u200d👩\u200d👧x") == ["👩\u200d👩\u200d👧", "x"]
    assert clusters("🇵🇱🇬🇧") == ["🇵🇱", "🇬🇧"]
    assert clusters("abc") == ["a", "b", "c"]


@given(st.text(max_size=30))
def test_cutting_a_word_loses_nothing(word):
    assert "".join(clusters(word)) == word
