"""The package's layers hold: import-linter checks the contracts in pyproject.toml.

Models import no file-format library; the command line sits over the operations, which sit
over the readers and writers, which sit over the data model; no module imports another
package's private module; sibling modules import no cycle. Known exceptions are listed in
``ignore_imports`` with the reason they still exist.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept() -> None:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe is not None, "import-linter is a test dependency: pip install -e '.[test]'"
    run = subprocess.run(
        [exe, "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "4 kept, 0 broken" in run.stdout, run.stdout[-2000:]
