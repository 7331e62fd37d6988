"""Exports: the PDF (parsed back with pypdf), the Markdown flash report and the CSV."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from jigsaw_tui import CREDIT
from jigsaw_tui.cli import main
from jigsaw_tui.export import ExportError, export, render
from jigsaw_tui.export.markdown import md
from jigsaw_tui.export.table_csv import safe_cell
from jigsaw_tui.core.model import new_session
from jigsaw_tui.core.ops import AddAction, AddPiece, MatchPieces


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text with all whitespace removed: wrapping cannot hide a piece."""
    reader = PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", "", page.extract_text()) for page in reader.pages]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def build(title: str, groups: dict[str, list[str]]):
    session = new_session(title, list(groups))
    for group in session.groups:
        for text in groups[group.name]:
            session = AddPiece(group.id, text).apply(session)
    return session


# -- PDF --------------------------------------------------------------------------


def test_example_pdf_has_every_piece_credit_and_pages(store, example):
    session = store.load(example)
    pages = pdf_pages(render(session, "pdf"))[1:]  # (the first: check-in and shared views)
    # a lid per group, the shared lid, the table, actions, the blank lid, instructions
    assert len(pages) == len(session.groups) + 5
    for n, group in enumerate(session.groups):
        assert squash(f"{group.name}'s lid") in pages[n]
        for piece in group.pieces:
            assert squash(piece.text) in pages[n], piece.text
    for theme in session.themes:
        assert squash(theme.name) in pages[len(session.groups)]
    table = pages[len(session.groups) + 1]
    assert all(squash(p.text) in table for g in session.groups for p in g.pieces)
    assert squash("[With time to process and include breaks.]") in table  # notes, as in the seed
    for page in pages:
        assert squash(CREDIT) in page
    assert "Runningajigsawlidsession".casefold() in pages[-1].casefold()


@pytest.mark.parametrize("paper,width_pt", [("A4", 842), ("A3", 1191), ("letter", 792)])
def test_paper_sizes_are_landscape(store, example, paper, width_pt):
    reader = PdfReader(io.BytesIO(render(store.load(example), "pdf", paper)))
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == width_pt and box.width > box.height


def test_bad_paper_is_refused():
    with pytest.raises(ExportError, match="A4, A3 or letter"):
        render(new_session("T"), "pdf", "B5")


def test_hard_input_prints_without_crashing():
    twelve = {f"Group {i}": [f"{i}-{k} " + "long words here " * 12 for k in range(12)] for i in range(12)}
    twelve["Group 1"] = ["🎉🎉🎉", "مرحبا بالعالم", "“Curly” quotes — dashes – and accents: café, Ωμέγα, Привет"]
    session = build("A" * 300, twelve)
    session = MatchPieces((session.groups[0].pieces[0].id, session.groups[2].pieces[0].id)).apply(session)
    session = AddAction("Book the room 👍", owner="Ann", due="Friday").apply(session)
    data = render(session, "pdf")
    assert len(data) < 500_000
    pages = pdf_pages(data)
    text = "".join(pages)
    assert squash("“Curly” quotes — dashes – and accents: café, Ωμέγα, Привет") in text
    assert "🎉🎉🎉" in text  # an emoji prints from the emoji font (test_pdf_scripts.py)
    assert squash("Book the room") in text and "Ann" in text
    for name, pieces in twelve.items():  # each group's first piece, even a 200-character one
        for piece in pieces[:1]:
            if piece.isascii():
                assert squash(piece)[:60] in text
    assert all(squash(CREDIT) in page for page in pages)


def test_a_character_the_font_lacks_only_in_a_note_is_explained_in_the_footer():
    from jigsaw_tui.export.pdf import LidPDF
    from jigsaw_tui.core.ops import EditPiece

    session = build("Notes", {"A": ["Trust"]})
    assert not LidPDF(session).missing
    piece = session.groups[0].pieces[0]
    session = EditPiece(piece.id, note="Said in 한국어").apply(session)  # printed in the table
    assert LidPDF(session).missing  # (no font here has Hangul)
    assert squash("a character no font here has") in "".join(pdf_pages(render(session, "pdf")))


def test_empty_session_and_group_of_one():
    pages = pdf_pages(render(new_session("Nothing yet"), "pdf"))
    assert len(pages) == 5  # shared lid, table, actions, blank lid, instructions
    pages = pdf_pages(render(build("One", {"Only": ["Trust"]}), "pdf"))
    assert "Trust" in pages[0] and "Only'slid" in pages[0]


# -- Markdown ---------------------------------------------------------------------


def test_markdown_flash_report(store, example):
    session = store.load(example)
    report = render(session, "md").decode("utf-8")
    assert report.startswith("# Pieces which support effective networks\n")
    assert CREDIT in report
    assert "### Group one (8 of 12 pieces)" in report
    assert "- Network oversight or leadership" in report
    assert "| Group one | Group two |" in report
    assert "| **Shared purpose** | **Common goal** |" in report
    assert "|  | Include Lived experience at all levels |" in report
    assert "- **Trust and psychological safety** (overlap, 2 of 2 groups)" in report
    assert "## Actions" in report


def test_markdown_shows_user_text_literally():
    assert md("[bold]x[/bold] | *y*") == r"\[bold\]x\[/bold\] \| \*y\*"
    assert md("# not a heading") == r"\# not a heading"
    assert md("1. not a list") == r"1\. not a list"
    assert md("<script>") == "&lt;script>"
    session = build("T", {"A": ["a | b", "<b>bold</b>"]})
    session = replace(session)
    report = render(AddAction("x").apply(session), "md").decode()
    assert r"a \| b" in report and "<b>" not in report


# -- CSV --------------------------------------------------------------------------


def test_csv_is_the_comparison_table(store, example):
    session = store.load(example)
    rows = list(csv.reader(io.StringIO(render(session, "csv").decode("utf-8"))))
    assert rows[0] == ["Theme", "Group one", "Group two"]
    assert rows[1] == ["Time", "Time", "Time, location, and pace [With time to process and include breaks.]"]
    assert rows[2] == ["Shared purpose", "Shared purpose", "Common goal"]
    assert rows[4] == ["Trust and psychological safety (overlap)", "Trust", "Psychological Safety"]
    assert rows[-3] == ["", "", "Include Lived experience at all levels"]
    assert rows[-2:] == [[], [CREDIT]]
    assert len(rows) == 1 + 4 + (8 - 4) + (11 - 4) + 2  # heading, themes, each group's unmatched, credit


def test_csv_never_starts_a_formula():
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("+1") == "'+1" and safe_cell("Trust") == "Trust"


# -- writing files and the command ---------------------------------------------------


def test_export_writes_atomically_and_reports_bad_paths(tmp_path, store, example):
    session = store.load(example)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = export(session, "csv", tmp_path / "table.csv")
    assert target.read_bytes().startswith("\ufeff".encode())  # spreadsheets see UTF-8
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table-actions.csv", "table.csv"]  # no temp file left
    with pytest.raises(ExportError, match="does not exist"):
        export(session, "md", tmp_path / "missing" / "x.md")
    with pytest.raises(ExportError, match="is a file, not a folder"):
        export(session, "md", target / "x.md")
    with pytest.raises(ExportError, match="it is a folder"):
        export(session, "md", tmp_path)


def test_export_command(tmp_path, store, example, capsys):
    pdf, md_file = tmp_path / "lids.pdf", tmp_path / "report.md"
    code = main(["--sessions-dir", str(store.folder), "export", example, "--pdf", str(pdf),
                 "--paper", "a3", "--md", str(md_file)])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert out.splitlines() == [f"Wrote {pdf}", f"Wrote {md_file}"]
    assert pdf.read_bytes().startswith(b"%PDF") and md_file.read_text().startswith("# ")
    code = main(["--sessions-dir", str(store.folder), "export", example, "--pdf", str(tmp_path / "no" / "x.pdf")])
    out, err = capsys.readouterr()
    assert code == 1 and err.count("\n") == 1 and "cannot write" in err
    code = main(["--sessions-dir", str(store.folder), "export", example, "--pdf", "--csv"])
    out, _ = capsys.readouterr()
    beside = store.folder / f"{example}.pdf"
    assert code == 0 and out.splitlines() == [f"Wrote {beside}", f"Wrote {beside.with_suffix('.csv')}",
                                              f"Wrote {store.folder / f'{example}-actions.csv'}"]
    assert beside.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("module,allowed", [
    ("jigsaw_tui.core.lid", ()), ("jigsaw_tui.core.compare", ()), ("jigsaw_tui.export", ()),
    ("jigsaw_tui.export.markdown", ()), ("jigsaw_tui.export.table_csv", ()),
    ("jigsaw_tui.export.pdf", ("fpdf",)),
])
def test_lid_and_exports_stay_light(module, allowed):
    """Pure core: never Textual; fpdf (slow to import) only in the PDF module."""
    import subprocess
    import sys

    code = f"import sys, {module}\nprint(','.join(m for m in ('textual', 'fpdf') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = {m for m in result.stdout.strip().split(",") if m}
    assert loaded <= set(allowed)


def test_json_is_the_session_with_the_credit(store, example):
    import json

    from jigsaw_tui.core.codec import session_from_dict

    data = json.loads(render(store.load(example), "json"))
    assert data.pop("credit") == CREDIT
    assert session_from_dict(data) == store.load(example)  # nothing else added or lost


def test_pdf_puts_short_words_inside_the_pieces_and_long_ones_beside():
    from jigsaw_tui.export.pdf import PDF_INNER, LidPDF, _box_in_piece
    from jigsaw_tui.core.lid import place

    pdf = LidPDF(new_session("T"), "A4")
    pdf.add_page()
    six = place(6, inner=PDF_INNER)
    fitted = pdf.fit_inside(["Trust", "Kindness", "Time to talk", "Fair pay", "Green space", "Heard"], six, 80)
    assert fitted is not None and fitted[0] >= 14 and len(fitted[1]) == 6
    assert pdf.fit_inside(["Network oversight or leadership that can address challenges"] * 6, six, 80) is None
    # a box is inside a piece only when clear of the rims and of the knobs
    slot = six[1]  # the piece at 3 o'clock
    assert _box_in_piece(slot, 6, 0.05, 0.05)
    assert not _box_in_piece(slot, 6, 0.6, 0.05)  # wider than the ring is deep
    assert not _box_in_piece(slot, 6, 0.05, 0.7)  # taller than the piece is wide
