"""End to end in a real pty: compare the lids and turn a theme into actions, by keyboard.

The flow a facilitator runs: take a suggestion, name the theme, unmatch it, undo, look
at the comparison table, then type three actions. The session file is checked after.
"""

from __future__ import annotations

import shutil

from jigsaw_tui.core.ops import Unmatch
from jigsaw_tui.core.store import Store
from tests.conftest import EXAMPLE

F5, F7, CTRL_Z, CTRL_U, CTRL_Q, END = "\x1b[15~", "\x1b[18~", "\x1a", "\x15", "\x11", "\x1b[F"
TIME, TIME_PACE = "pbcszb", "phjk5j"


def field_cleared(term) -> None:
    """Read until the line under the dialog's title is empty."""
    for _ in range(400):
        rows = term.screen.display
        title = next(i for i, row in enumerate(rows) if "Name of the theme" in row)
        if not rows[title + 1].strip(" │"):
            return
        term.read(0.05)
    raise AssertionError("the name was not cleared:\n" + term.text())


def test_match_name_unmatch_undo_table_and_three_actions(tmp_path, terminals):
    store = Store(tmp_path / "sessions")
    store.folder.mkdir(parents=True)
    shutil.copy(EXAMPLE, store.folder / EXAMPLE.name)
    name = EXAMPLE.stem
    store.apply(name, Unmatch("tc7ypc"))  # 'Time' is left for the suggestion
    term = terminals("--sessions-dir", str(store.folder), "open", name)
    term.wait_for("F5 Themes")
    term.send(F5)
    term.wait_for("Suggestion 1 of 1: Time (Group one) ~ Time, location, and pace")
    term.wait_for("y accept")  # the stage's keys show once its first column has the cursor
    term.send("y")
    term.wait_for("T4 'Time' (same, 2 of 2 groups)")
    term.send("r")
    term.wait_for("Name of the theme")
    term.send(CTRL_U)
    field_cleared(term)  # ctrl+u runs after keys that arrive with it: wait, as a person does
    term.type_piece("Time and pace")
    term.wait_for("T4 Time and pace  same, 2 of 2 groups")
    term.send("u")
    term.wait_for("Unmatched 'Time and pace'")
    assert store.load(name).theme_of(TIME) is None
    term.send(CTRL_Z)
    term.wait_for("Undone: unmatch theme")
    term.send("t")
    term.wait_for("Theme")
    for _ in range(40):  # End scrolls to the pieces only one group named, once the table has the cursor
        term.send(END)
        term.read(0.25)
        if "Digital inequalities" in term.text():
            break
    term.wait_for("Digital inequalities", timeout=1)
    term.send("t")
    term.wait_for("T4 Time and pace")
    term.send(F7)
    term.wait_for("1/5 T1 Shared purpose")
    term.wait_for("tab next theme")  # the capture line has the cursor
    for n, line in enumerate(["Write the purpose on one page who: Sam when: Friday",
                              "Share it with the network who: Hilda", "Review it in March; then again"], 1):
        term.type_piece(line)
        term.wait_for(f"{n} action" + ("" if n == 1 else "s"))
    term.send(CTRL_Q)
    assert term.wait_exit() == 0

    session = store.load(name)
    theme = session.theme_of(TIME)
    assert theme.name == "Time and pace" and set(theme.pieces) == {TIME, TIME_PACE}
    purpose = session.theme_of("p6d7vf")
    assert [(a.text, a.owner, a.due, a.theme) for a in session.actions] == [
        ("Write the purpose on one page", "Sam", "Friday", purpose.id),
        ("Share it with the network", "Hilda", "", purpose.id),
        ("Review it in March; then again", "", "", purpose.id),
    ]


def test_a_paraphrase_is_suggested_with_its_words_at_80x24(tmp_path, terminals):
    """The real command, the sentence model as a user gets it: F5, the suggestion line
    names a pair that shares no word and the words behind it; y makes it a theme."""
    from jigsaw_tui.core.model import new_session
    from jigsaw_tui.core.ops import AddPiece

    store = Store(tmp_path / "sessions")
    session = new_session("Getting about in the glens", ["Village hall", "Young farmers"])
    for group, texts in zip(session.groups, (["Lifts to appointments", "Fix the potholes", "Broadband"],
                                              ["Community transport", "A village choir", "Seed swap"])):
        for text in texts:
            session = AddPiece(group.id, text).apply(session)
    path = store.create(session)
    term = terminals("--sessions-dir", str(store.folder), "open", path.stem, env={"JIGSAW_SCORER": ""})
    term.wait_for("F5 Themes")
    term.send(F5)
    term.wait_for("Lifts to appointments (Village hall) ~ Community transport")
    term.wait_for("'lifts' ~ 'transport'")
    term.send("y")
    term.wait_for("(same, 2 of 2 groups)")
    lifts = next(p.id for p in store.load(path.stem).groups[0].pieces if p.text == "Lifts to appointments")
    theme = store.load(path.stem).theme_of(lifts)
    assert theme is not None and len(theme.pieces) == 2
    term.send(CTRL_Q)
    assert term.wait_exit() == 0
