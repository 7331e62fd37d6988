"""The flash report tells the whole session: check-in and views in the PDF, theme names
and kinds in the tables, reflections, links, the `related` kind, the actions CSV, and
the `jigsaw reflections` / `jigsaw links` commands."""

from __future__ import annotations

import csv
import io
import re
import tomllib

import pytest
import tomli_w
from pypdf import PdfReader

from jigsaw_tui import CREDIT
from jigsaw_tui.core.codec import FormatError, file_version, session_from_dict, session_to_dict
from jigsaw_tui.core.compare import kind_note, theme_label
from jigsaw_tui.core.lid import shared_lid
from jigsaw_tui.core.model import MAX_LINKS, MAX_REFLECTIONS_CHARS, InvalidInput, clean_url, new_session
from jigsaw_tui.core.ops import (
    AddAction, AddLink, EditLink, EditTheme, MatchPieces, MoveLink, RemoveLink, SetReflections, inverse,
)
from jigsaw_tui.core.store import dumps
from jigsaw_tui.export import export_files, render
from jigsaw_tui.export.table_csv import actions_csv

from ..conftest import EXAMPLE

HIERARCHY_THEME, TIME_THEME = "tvvb2j", "tc7ypc"
REFLECTIONS = ("There are some areas where there are similarities, e.g., shared purpose and common goal.\n\n"
               "Others where in conversation it may be agreed there are overlaps [bold]not markup[/bold].")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def full(store, example):
    """The example with everything a whole session ends with."""
    session = store.load(example)
    themes = {t.name: t.id for t in session.themes}
    ops = [SetReflections(REFLECTIONS),
           AddLink("https://example.org/wellbeing-video", "A wellbeing video"),
           AddLink("mailto:admin@example.org", "Full-size PDF lids"),
           EditTheme(themes["No hierarchy, equitable inclusion"], kind="related"),
           AddAction("Book the hall; tea; and biscuits", theme=themes["Time"], owner="Hilda", due="1 March"),
           AddAction("=SUM(A1)", owner="-Sam")]
    for op in ops:
        session = op.apply(session)
    return session


# -- links: what is taken -------------------------------------------------------------------


@pytest.mark.parametrize("url", ["https://example.org", "http://example.org/a?b=1#c", "mailto:a@example.org",
                                 "HTTPS://EXAMPLE.ORG/X", "https://example.org/[bold]x[/bold]"])
def test_links_jigsaw_takes(url):
    assert clean_url(f"  {url} ") == url


@pytest.mark.parametrize("url, message", [
    ("www.example.org", "add https:// in front"),
    ("javascript:alert(1)", "must start with https://, http:// or mailto:"),
    ("file:///etc/passwd", "must start with"),
    ("ftp://example.org", "must start with"),
    ("https://", "no site name"),
    ("mailto:nobody", "no e-mail address"),
    ("https://example.org/a b", "no spaces"),
    ("https://example.org/<script>", "cannot hold"),
    ("", "empty"),
    ("https://example.org/" + "x" * 1000, "limit is 1,000"),
])
def test_links_refused_say_why(url, message):
    with pytest.raises(InvalidInput, match=re.escape(message)):
        clean_url(url)


# -- ops: reflections and links, each undone by its inverse -----------------------------------


def test_report_ops_and_their_undo():
    s = new_session("T", ["A", "B"])
    steps = [SetReflections("  One.\n\nTwo.\x1b[2J  "), AddLink("https://a.org", "A", id="ka"),
             AddLink("https://b.org", id="kb", index=0), MoveLink("kb", 1), EditLink("ka", title="Slides"),
             EditLink("kb", url="mailto:x@y.org"), RemoveLink("ka"), SetReflections("")]
    for op in steps:
        after = op.apply(s)
        assert inverse(op, s, after).apply(after) == s, op
        s = after
        if isinstance(op, SetReflections) and op.text.strip():
            assert s.reflections == "One.\n\nTwo."  # escapes gone, paragraphs kept
    assert [(k.id, k.url, k.title) for k in s.links] == [("kb", "mailto:x@y.org", "")]
    assert s.reflections == ""


def test_report_limits():
    s = new_session("T")
    with pytest.raises(InvalidInput, match="limit is 5,000"):
        SetReflections("x" * (MAX_REFLECTIONS_CHARS + 1)).apply(s)
    for n in range(MAX_LINKS):
        s = AddLink(f"https://example.org/{n}").apply(s)
    with pytest.raises(InvalidInput, match=f"at most {MAX_LINKS} links"):
        AddLink("https://example.org/one-more").apply(s)
    with pytest.raises(InvalidInput, match="no link with id"):
        RemoveLink("knope").apply(s)


# -- the file: old files read as before, new parts kept -----------------------------------------


def test_a_session_without_the_new_parts_is_still_written_as_version_1(store, example):
    session = store.load(example)
    assert file_version(session) == 1
    assert dumps(session) == dumps(session_from_dict(tomllib.loads(EXAMPLE.read_text())))
    assert "reflections" not in dumps(session) and "links" not in dumps(session)


def test_reflections_links_and_related_round_trip_as_version_2(store, example):
    session = full(store, example)
    text = dumps(session)
    assert "schema_version = 2" in text
    assert session_from_dict(tomllib.loads(text)) == session
    only_related = EditTheme(TIME_THEME, kind="related").apply(store.load(example))
    assert file_version(only_related) == 2  # an earlier jigsaw would not know the kind


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(links=[{"id": "ka", "url": "javascript:x"}]), r"links\[0\].url: .*must start with"),
    (lambda d: d.update(links=[{"id": "ka", "url": "https://a.org", "colour": "red"}]), "colour is not a field"),
    (lambda d: d.update(links=[{"id": "gkbchb", "url": "https://a.org"}]), "used twice"),
    (lambda d: d.update(reflections="x" * 6000), "reflections: .*limit"),
    (lambda d: d.update(reflections=3), "reflections should be text"),
])
def test_bad_report_parts_in_a_file_name_the_problem(change, message):
    data = tomllib.loads(EXAMPLE.read_text())
    data["schema_version"] = 2
    change(data)
    with pytest.raises(FormatError, match=message):
        session_from_dict(tomllib.loads(tomli_w.dumps(data)))


# -- the related kind ---------------------------------------------------------------------------


def test_related_is_a_theme_kind_shown_in_words(store, example):
    session = EditTheme(HIERARCHY_THEME, kind="related").apply(store.load(example))
    theme = session.theme(HIERARCHY_THEME)
    assert theme_label(theme) == "No hierarchy, equitable inclusion (related)"
    assert theme_label(session.theme(TIME_THEME)) == "Time"
    assert "No hierarchy, equitable inclusion (related, 2 of 2 groups)" in shared_lid(session).labels
    assert "(related): different priorities whose activities are similar" in kind_note(session)
    assert kind_note(new_session("T")) == ""
    s = new_session("T", ["A", "B"])
    from jigsaw_tui.core.ops import AddPiece

    s = AddPiece(s.groups[0].id, "Balance of informal and formal activities", id="p1").apply(s)
    s = AddPiece(s.groups[1].id, "Innovative approaches to engagement", id="p2").apply(s)
    assert MatchPieces(("p1", "p2"), kind="related").apply(s).themes[0].kind == "related"
    with pytest.raises(InvalidInput, match="same, overlap, related"):
        MatchPieces(("p1", "p2"), kind="similar").apply(s)


# -- Markdown -----------------------------------------------------------------------------------


def test_markdown_tells_the_session_in_its_order(store, example):
    report = render(full(store, example), "md").decode()
    order = ["## What makes us smile", "## Shared views", "## The lids", "## Comparison table",
             "## Reflections", "## Actions", "## Links and resources"]
    places = [report.index(h) for h in order] + [report.rindex(CREDIT)]  # (it is at the top too)
    assert places == sorted(places)
    assert "| Theme | Group one | Group two |" in report
    assert "| Trust and psychological safety (overlap) | **Trust** | **Psychological Safety** |" in report
    assert "| No hierarchy, equitable inclusion (related) | **No Hierarchy** |" in report
    assert "(overlap): in conversation it may be agreed they overlap" in report
    assert r"overlaps \[bold\]not markup\[/bold\]." in report  # literal, never markup
    assert "- A wellbeing video: <https://example.org/wellbeing-video>" in report
    assert "- Full-size PDF lids: <mailto:admin@example.org>" in report
    assert "Book the hall; tea; and biscuits" in report


def test_markdown_without_reflections_or_links_has_no_empty_sections(store, example):
    report = render(store.load(example), "md").decode()
    assert "## Reflections" not in report and "## Links" not in report


# -- PDF ----------------------------------------------------------------------------------------


def test_pdf_tells_the_session_in_its_order(store, example):
    session = full(store, example)
    data = render(session, "pdf")
    reader = PdfReader(io.BytesIO(data))
    pages = [squash(p.extract_text()) for p in reader.pages]
    text = "".join(pages)

    def at(words: str) -> int:
        return text.index(squash(words))

    # check-in and every shared view before the first lid
    assert "Check-inandsharedviews" in pages[0]
    for item in session.checkin + tuple(a for v in session.views for a in v.answers):
        assert squash(item) in pages[0] + pages[1], item
    assert at("What makes us smile") < at("Why do we network?") < at("Group one's lid")
    # the table names each theme with its kind; then the reflections; actions; links last
    table = at("Comparison table")
    assert at("Trust and psychological safety (overlap)") > table
    assert at("No hierarchy, equitable inclusion (related)") > table
    assert table < at("Reflections") < at("There are some areas") < at("From views to action")
    assert at("[bold]not markup[/bold]") > at("Reflections")
    assert at("From views to action") < at("Links and resources") < at("https://example.org/wellbeing-video")
    assert at("mailto:admin@example.org") < at("A blank lid")
    uris = [a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots") or []
            if a.get_object().get("/Subtype") == "/Link"]
    assert "https://example.org/wellbeing-video" in uris and "mailto:admin@example.org" in uris


def test_pdf_of_a_session_with_nothing_typed_has_no_views_page():
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(render(new_session("Nothing yet"), "pdf"))).pages]
    assert not any("Check-in and shared views" in p for p in pages)
    assert not any("Links and resources" in p or "Reflections" in p for p in pages)


# -- CSV: the actions beside the table ----------------------------------------------------------


def test_actions_csv(store, example):
    rows = list(csv.reader(io.StringIO(actions_csv(full(store, example)))))
    assert rows[0] == ["What", "Who", "When", "Done", "Theme"]
    assert rows[1] == ["Book the hall; tea; and biscuits", "Hilda", "1 March", "", "Time"]
    assert rows[2] == ["'=SUM(A1)", "'-Sam", "", "", ""]  # never a formula
    assert rows[-2:] == [[], [CREDIT]]


def test_csv_export_writes_the_table_and_the_actions_beside_it(tmp_path, store, example):
    written = export_files(full(store, example), "csv", tmp_path / "table.csv")
    assert [p.name for p in written] == ["table.csv", "table-actions.csv"]
    for path in written:
        assert path.read_bytes().startswith("\ufeff".encode())
    assert "Book the hall; tea; and biscuits" in written[1].read_text(encoding="utf-8-sig")


# -- the commands -------------------------------------------------------------------------------


def test_reflections_command(run, store, example, tmp_path):
    assert run("reflections", example)[1].startswith("No reflections yet")
    code, out, _ = run("reflections", example, "Shared purpose.\n\nTrust overlaps.")
    assert code == 0 and "Reflections saved (4 words)" in out
    assert store.load(example).reflections == "Shared purpose.\n\nTrust overlaps."
    assert run("reflections", example)[1] == "Shared purpose.\n\nTrust overlaps.\n"
    source = tmp_path / "r.txt"
    source.write_text("From a file.\n", encoding="utf-8")
    assert run("reflections", example, "--file", str(source))[0] == 0
    assert store.load(example).reflections == "From a file."
    code, _, err = run("reflections", example, "")
    assert code == 2 and "--clear" in err
    code, _, err = run("reflections", example, "--file", str(tmp_path / "missing.txt"))
    assert code == 1 and "cannot read" in err
    assert run("reflections", example, "--clear") == (0, "Reflections removed.\n", "")
    assert store.load(example).reflections == ""


def test_links_command(run, store, example):
    assert run("links", example)[1].startswith("No links yet")
    code, out, _ = run("links", example, "add", "https://example.org/slides", "Slides")
    assert code == 0 and out.startswith("Added: Slides  https://example.org/slides  [k")
    code, _, err = run("links", example, "add", "www.example.org")
    assert code == 1 and "add https:// in front" in err and err.count("\n") == 1
    assert run("links", example, "add", "mailto:admin@example.org", "Ask for the PDFs", "--at", "1")[0] == 0
    first, second = store.load(example).links
    assert (first.title, second.title) == ("Ask for the PDFs", "Slides")
    assert run("links", example, "edit", second.id, "--title", "The slides")[0] == 0
    assert store.load(example).links[1].title == "The slides"
    assert run("links", example, "edit", second.id)[0] == 2
    code, out, _ = run("links", example)
    assert out.splitlines()[1].startswith(" 2. The slides  https://example.org/slides")
    import json

    assert [k["title"] for k in json.loads(run("links", example, "--json")[1])] == ["Ask for the PDFs", "The slides"]
    assert run("links", example, "remove", first.id)[0] == 0
    assert run("links", example, "remove", first.id)[0] == 1  # gone: said, nothing else changed
    assert [k.title for k in store.load(example).links] == ["The slides"]


def test_match_command_takes_the_related_kind(run, store, example):
    from jigsaw_tui.core.ops import Unmatch

    store.apply(example, Unmatch(HIERARCHY_THEME))
    session = store.load(example)
    ids = [p.id for g in session.groups for p in g.pieces if p.text in ("No Hierarchy", "Equitable inclusion")]
    code, out, _ = run("match", example, *ids, "--kind", "related")
    assert code == 0 and "(related;" in out


def test_long_check_in_and_reflections_run_on_to_new_pages_whole():
    from jigsaw_tui.core.ops import AddItem
    from jigsaw_tui.core.model import CHECKIN

    s = new_session("Long", ["A"])
    items = [f"Check-in number {n} with a few more words" for n in range(90)]
    for item in items:
        s = AddItem(CHECKIN, item).apply(s)
    words = " ".join(f"word{n}" for n in range(600))
    s = SetReflections(words).apply(s)
    pages = [squash(p.extract_text()) for p in PdfReader(io.BytesIO(render(s, "pdf"))).pages]
    views = [p for p in pages if "Check-inandsharedviews" in p]
    assert len(views) >= 2 and all(squash(item) in "".join(views) for item in items)
    text = "".join(pages)
    assert all(f"word{n}" in text for n in range(600))
    assert text.index("word0") < text.index("word599") < text.index("Fromviewstoaction")
    # text that runs on to a new page starts below the header, never over it
    reader = PdfReader(io.BytesIO(render(s, "pdf")))
    for page in reader.pages:
        top = float(page.mediabox.height) - 23 * 72 / 25.4  # the top margin: 14 + 9 mm on A4
        heights = []
        page.extract_text(visitor_text=lambda text, cm, tm, *_: text.strip().startswith(("word", "Check-in number"))
                          and heights.append(tm[5] * cm[3] + cm[5]))
        assert all(y <= top + 1 for y in heights), max(heights)
