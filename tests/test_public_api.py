"""The functions the README names for developers are the package's declared public API."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pledge_office

ROOT = Path(__file__).resolve().parent.parent


def readme_python_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### The Python API"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_every_name_in_all_is_importable():
    for name in pledge_office.__all__:
        assert getattr(pledge_office, name) is not None, name


def test_functions_the_readme_names_are_public():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"from pledge_office import ([\w, ]+)", text)[0].replace(" ", "").split(","))
    assert named <= set(pledge_office.__all__)


def test_readme_example_runs(tmp_path):
    script = tmp_path / "example.py"
    script.write_text(readme_python_example(), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "report.docx" in done.stdout and "signing-copy.docx" in done.stdout
    assert "8 commitments" in done.stdout


def test_importing_the_package_stays_light():
    code = "import sys, pledge_office; print(sorted(m for m in ('docx', 'openpyxl', 'lxml', 'PIL') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
