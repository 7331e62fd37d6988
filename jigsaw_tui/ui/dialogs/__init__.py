"""Every dialog of the app, in one place. Each closes without Esc (Esc arrives late on
slow links): its keys are shown in it. Its Enter acts in the same step (keys.py).

    basic.py          a message, a yes/no question, a one-line prompt, the piece editor
    new_session.py    title, groups and questions of a new session (from the list of sessions)
    details.py        the session's title, facilitator, date, pieces per group (F9)
    action_editor.py  what, who and by when of an action; the theme it belongs to
    report.py         the report's reflections and its links (Actions stage)
    candidates.py     a piece's closest candidates in other groups (Themes)
    palette.py        the command palette (ctrl+p)
"""

import inspect

from .basic import ConfirmScreen, MessageScreen, PieceEditor, PromptScreen

__all__ = ["ConfirmScreen", "MessageScreen", "PieceEditor", "PromptScreen", "ask"]


def ask(node, dialog, apply=None) -> None:
    """Ask, apply, refocus, written once. Show `dialog`; when it closes with an answer
    (not None, not False: a cancel or a no), `apply(answer)` (awaited if it is a
    coroutine). The cursor stays where it was, or where `apply` put it; if its widget is
    gone (the group was removed), it goes to the first place of the stage.

    Textual runs this right after the key that closed the dialog and before the next
    key (keys.py), so keys typed after the dialog's Enter land where the answer left
    the cursor."""
    screen = node.screen
    before = screen.focused
    stage = next((a for a in node.ancestors_with_self if hasattr(a, "focus_first")), None)

    async def closed(answer) -> None:
        if answer is not None and answer is not False and apply is not None:
            result = apply(answer)
            if inspect.isawaitable(result):
                await result
        if stage is not None and stage.is_attached:
            await stage.settle()  # (a removed group's line is gone only once this is done)
            if before is not None and not before.is_attached:
                stage.focus_first()

    node.app.push_screen(dialog, closed)
