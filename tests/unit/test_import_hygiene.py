"""The core stays free of Textual (and of heavy exports) so the command line starts fast."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = ["jigsaw_tui.core.model", "jigsaw_tui.core.ops", "jigsaw_tui.core.codec", "jigsaw_tui.core.store", "jigsaw_tui.cli"]


@pytest.mark.parametrize("module", CORE)
def test_core_modules_do_not_import_textual_or_fpdf(module):
    code = (
        f"import sys, {module}\n"
        "heavy = sorted(m for m in ('textual', 'fpdf', 'rapidfuzz') if m in sys.modules)\n"
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
