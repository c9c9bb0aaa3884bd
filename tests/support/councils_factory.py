"""Build councils sheets in code, as an umbrella body fills in the one 'init' writes."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Dict, Iterable

from click.testing import CliRunner
from openpyxl import load_workbook

from pledge_office.cli import cli
from pledge_office.inputs.councils_sheet import COLUMNS

ROOT = Path(__file__).resolve().parents[2]


def councils_sheet_of(folder: Path, councils: Iterable[Dict[str, object]]) -> Path:
    """Write ``folder``/councils.xlsx with 'init', its example row replaced by a row per council.

    Each council is a dict of column header -> value, over the example row's values; the
    sample logo is copied beside the sheet as logo.png.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "councils.xlsx"
    assert CliRunner().invoke(cli, ["init", "--councils", str(path)]).exit_code == 0
    shutil.copy(ROOT / "samples" / "exampleshire-logo.png", folder / "logo.png")
    book = load_workbook(path)
    sheet = book["Councils"]
    headers = [c.header for c in COLUMNS]
    example = {h: sheet.cell(2, i).value for i, h in enumerate(headers, start=1)}
    sheet.delete_rows(2)
    for row, council in enumerate(councils, start=2):
        values = dict(example, **council)
        for column, header in enumerate(headers, start=1):
            sheet.cell(row, column).value = values.get(header)
    book.save(path)
    return path
