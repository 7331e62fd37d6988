"""Every dialog of the app, in one place. Each closes without Esc (Esc arrives late on
slow links): its keys are shown in it. Its Enter acts in the same step (keys.py).

    basic.py          a message, a yes/no question, a one-line prompt, the piece editor
    new_session.py    title and groups of a new session (from the list of sessions)
    action_editor.py  what, who and by when of an action
    candidates.py     a piece's closest candidates in other groups (Themes)
    palette.py        the command palette (ctrl+p)
"""

from .basic import DIALOG_CSS, ConfirmScreen, MessageScreen, PieceEditor, PromptScreen

__all__ = ["DIALOG_CSS", "ConfirmScreen", "MessageScreen", "PieceEditor", "PromptScreen"]
