"""The layers of the README's picture, checked by import-linter (contracts in pyproject)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).parent / "lint-imports"


def lint(folder: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run([str(LINT), "--no-cache"], cwd=folder, env=env, capture_output=True, text=True)


def test_the_contracts_are_kept():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def test_a_core_module_that_imports_textual_breaks_them(tmp_path):
    shutil.copytree(ROOT / "jigsaw_tui", tmp_path / "jigsaw_tui", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    model = tmp_path / "jigsaw_tui" / "core" / "model.py"
    model.write_text("import textual  # a screen in the core\n" + model.read_text())
    result = lint(tmp_path)
    assert result.returncode != 0
    assert "The core is plain Python: no Textual, no fpdf BROKEN" in result.stdout
    assert "jigsaw_tui.core.model -> textual" in result.stdout
