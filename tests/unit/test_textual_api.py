"""What jigsaw_tui/ui/textual_api.py takes from Textual without a public API still holds.

If a Textual upgrade changes any of it, this fails first, and textual_api.py (the one
place that touches it) says what it is for.
"""

from __future__ import annotations

import asyncio
import inspect

from rich.text import Text
from textual.app import App
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widgets import OptionList

from jigsaw_tui.ui.textual_api import NoFocusRepaint, OptionRows, give_result_callback


class Rows(OptionRows, OptionList):
    pass


def test_the_first_screen_can_be_given_a_result_callback():
    params = list(inspect.signature(Screen._push_result_callback).parameters)
    assert params[:3] == ["self", "requester", "callback"]
    screen = Screen()
    give_result_callback(screen, object())
    assert len(screen._result_callbacks) == 1


def test_an_option_list_says_its_rows_and_where_an_option_starts():
    async def main():
        app = App()
        async with app.run_test(size=(40, 10)) as pilot:
            rows = Rows()
            await app.screen.mount(rows)
            with rows.quietly():
                rows.add_options([Text("one"), Text("two words that wrap " * 4), Text("three")])
            await pilot.pause()
            assert rows.option_count == 3
            assert rows.first_row(0) == 0 and rows.first_row(1) == 1
            assert rows.first_row(2) == rows.row_count() - 1 > 2  # the second option wrapped
    asyncio.run(main())


def test_the_overridden_names_are_still_textuals():
    assert list(inspect.signature(OptionList.refresh).parameters) == ["self", "regions", "repaint", "layout",
                                                                      "recompose"]
    assert callable(getattr(OptionList, "_on_resize", None))  # the handler OptionRows replaces
    assert isinstance(Screen.__dict__["focused"], Reactive)
    assert isinstance(NoFocusRepaint.__dict__["focused"], Reactive)
