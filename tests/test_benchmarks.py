"""The benchmark script runs (quick mode) and reports every measure the README promises."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_reports_every_measure(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--json",
                           str(tmp_path / "b.json")], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    for measure in ("`--help` start-up", "adoption pack", "review workbook", "read-back + action plan",
                    "read-back + progress workbook", "read-back + progress report",
                    "10 councils", "40 councils", "Largest batch / 40 councils", "10 returned workbooks",
                    "Measured on"):
        assert measure in done.stdout
    results = json.loads((tmp_path / "b.json").read_text())
    assert results["startup"]["ratio"] < 3  # heavy imports at start-up would show here
    assert {b["jobs"] for b in results["batches"]} >= {1}
    assert results["summary"][0]["returns"] == 10 and results["summary"][0]["floor_s"] > 0
