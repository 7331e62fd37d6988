"""What the app needs of Textual that Textual has no public API for: all of it here.

Checked against Textual 8.2.8 (the version pinned in scripts/constraints.txt);
tests/unit/test_textual_api.py fails if an upgrade changes any of it. Nothing else in
the project touches a private Textual name.

- The first screen's result callback: Textual gives one to a pushed or switched-to
  screen, but not to the screen an app starts with, so switching away from it (ctrl+o,
  back to the list of sessions) would fail. There is no public way to give it one.
- The rows of an OptionList: to redraw only the rows a change touched (a piece saved
  sends its row, not the whole list), the list must say how many rows its options
  take and where an option starts. OptionList keeps both to itself.
- Quiet changes to an OptionList: add_options / remove_option_at_index lay out and
  repaint the whole list each time; around a change whose rows we redraw ourselves,
  those repaints are dropped (a refresh with neither regions nor recompose).
- A list shown again at the width it had: OptionList's own Resize handler wraps and
  redraws every option again; the rows are still right, so it is not run.
- Focus without a repaint of the whole screen: Screen.focused is a reactive that
  repaints the screen on every change; the widgets involved repaint themselves.
- The terminal's title: Textual never sets it (App.title is only for its Header), and
  the only way to the terminal, in turn with what Textual draws, is its driver.
"""

from __future__ import annotations

from contextlib import contextmanager

from textual import events
from textual.reactive import Reactive

TEXTUAL_CHECKED = "8.2.8"


def give_result_callback(screen, app) -> None:
    """Let the app's first screen be switched away from, as any other screen can."""
    screen._push_result_callback(app, None)


def write_to_terminal(app, data: str) -> None:
    """Send an escape sequence (the terminal's title) through Textual's own output."""
    driver = getattr(app, "_driver", None)
    if driver is not None:
        try:
            driver.write(data)
        except Exception:  # no terminal (any more): a title is not worth an error
            pass


class OptionRows:
    """For an OptionList subclass: its rows, quiet changes, no second wrap on a re-show."""

    _quiet = False
    _wrapped_width = -1

    def row_count(self) -> int:
        """How many rows the options take (counting lays them out, if they are not)."""
        return len(self._lines)

    def first_row(self, index: int) -> int | None:
        """The first row of option `index`, or None if it is not laid out yet."""
        return self._index_to_line.get(index)

    @contextmanager
    def quietly(self):
        """Change options without the whole-list repaint each change would ask for."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def refresh(self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False):
        if self._quiet and not (regions or recompose):
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _on_resize(self, event: events.Resize) -> None:
        if self.size.width == self._wrapped_width:  # shown again at the same width
            event.prevent_default()
        self._wrapped_width = self.size.width

    def render_line(self, y: int):
        self._wrapped_width = self.size.width  # its rows are wrapped for this width now
        return super().render_line(y)


class NoFocusRepaint:
    """For a Screen subclass: moving the focus does not repaint the whole screen."""

    focused = Reactive(None, repaint=False)
