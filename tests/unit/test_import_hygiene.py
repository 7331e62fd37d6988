"""The core stays free of Textual (and of heavy exports) so the command line starts fast."""

from __future__ import annotations

import subprocess
import sys

import pytest

# What each module must not load (import-linter checks what is imported at all; this
# checks what is loaded at start, so what is imported lazily stays lazy).
LIGHT = {
    "jigsaw_tui.core.model": ("textual", "fpdf", "rapidfuzz"),
    "jigsaw_tui.core.ops": ("textual", "fpdf", "rapidfuzz"),
    "jigsaw_tui.core.codec": ("textual", "fpdf", "rapidfuzz"),
    "jigsaw_tui.core.store": ("textual", "fpdf", "rapidfuzz"),
    "jigsaw_tui.cli": ("textual", "fpdf", "rapidfuzz", "jigsaw_tui.core.matching", "jigsaw_tui.core.ops"),
    "jigsaw_tui.core.matching": ("textual", "fpdf"),
    "jigsaw_tui.core.lid": ("textual", "fpdf", "rapidfuzz"),
    "jigsaw_tui.core.compare": ("textual", "fpdf", "rapidfuzz"),
}


@pytest.mark.parametrize("module", LIGHT)
def test_core_modules_do_not_load_what_they_do_not_need(module):
    code = (
        f"import sys, {module}\n"
        f"heavy = sorted(m for m in {LIGHT[module]!r} if m in sys.modules)\n"
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("argv", [["list"], ["show", "effective-networks"], ["show", "effective-networks", "--json"]])
def test_list_and_show_run_without_textual(argv, example, store):
    code = (
        "import sys\nfrom jigsaw_tui.cli import main\n"
        f"rc = main(['--sessions-dir', {str(store.folder)!r}] + {argv!r})\n"
        "sys.stdout.write('\\nHEAVY=' + ','.join(m for m in ('textual', 'fpdf') if m in sys.modules))\n"
        "sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("HEAVY=")
