"""The blank councils sheet that 'init --councils' writes, with the sample council as its example row."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Dict, Optional

from pledge_office.errors import CouncilFileError
from pledge_office.inputs.councils_sheet import COLUMNS, SHEET, SheetColumn
from pledge_office.office.outputs import atomic_output
from pledge_office.office.ooxml import FileProperties
from pledge_office.office.sheets import save_workbook, set_text


def write_councils_sheet(out: Path, example: Optional[Dict[str, object]] = None, force: bool = False) -> Path:
    """Write a blank councils sheet with headers, input messages, validations and an example row."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(1, index)
        set_text(cell, column.header)
        cell.font = Font(name="Arial", bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F3A5F")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.kind == "text":
            # Text format: a phone number such as 01632 960000 keeps its leading 0, a ward
            # list such as 3-4 stays text, whatever office suite the sheet is filled in with.
            sheet.column_dimensions[letter].number_format = "@"
        rule = _validation(column)
        rule.add(f"{letter}2:{letter}500")
        sheet.add_data_validation(rule)
        if example and column.field in example:
            value = example[column.field]
            if isinstance(value, bool):
                value = "Yes" if value else "No"
            target = sheet.cell(2, index)
            if isinstance(value, date):
                target.value = value
                target.number_format = "DD/MM/YYYY"
            else:
                set_text(target, str(value))
                if column.kind == "text":
                    target.number_format = "@"
            target.font = Font(name="Arial", italic=True, color="404040")
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "C2"
    sheet.print_title_rows = "1:1"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}1"
    with atomic_output(out, force) as tmp:
        save_workbook(book, tmp, FileProperties("Councils adopting the pledge",
                                                "One row per council, for pledge-office batch", author=""))
    return out


def write_example_sheet(out: Path, force: bool = False) -> Path:
    """Write the councils sheet with the sample council as its example row."""
    from pledge_office.office.resources import sample_council_file
    from pledge_office.inputs.yaml_file import load_yaml_mapping

    data = load_yaml_mapping(sample_council_file(), CouncilFileError)
    example: Dict[str, object] = {}

    def walk(value, prefix=""):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{prefix}.{key}" if prefix else key)
        elif isinstance(value, list):
            for index, item in enumerate(value, start=1):
                walk(item, f"{prefix}[{index}]")
        else:
            example[prefix] = value

    walk(data)
    if out.suffix.lower() == ".csv":
        return _write_csv(out, example, force)
    return write_councils_sheet(out, example, force)


def _write_csv(out: Path, example: Dict[str, object], force: bool) -> Path:
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header for c in COLUMNS])
    writer.writerow([_csv_value(example.get(c.field)) for c in COLUMNS])
    with atomic_output(out, force) as tmp:
        tmp.write_text(buffer.getvalue(), encoding="utf-8-sig")
    return out


def _csv_value(value) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def _validation(column: SheetColumn):
    from openpyxl.worksheet.datavalidation import DataValidation

    if column.kind == "date":
        rule = DataValidation(type="date", operator="between", formula1="36526", formula2="73050",
                              error="Enter a date as DD/MM/YYYY.", errorTitle=column.header)
    elif column.kind == "yesno":
        rule = DataValidation(type="list", formula1='"Yes,No"', error="Pick Yes or No.", errorTitle=column.header)
    else:
        rule = DataValidation(type=None)
    rule.showErrorMessage = column.kind != "text"
    rule.showInputMessage = bool(column.prompt)
    rule.promptTitle, rule.prompt = column.header[:32], column.prompt or None
    rule.allow_blank = True
    return rule
