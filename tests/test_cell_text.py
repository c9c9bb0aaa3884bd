"""A cell's text as shown: values and formats as LibreOffice Calc (UK locale) stores what is typed.

The table is measured: each text was typed into a General cell through Calc's own input
parser with an en-GB profile, saved as .xlsx, and read back with openpyxl.
"""

from datetime import date, datetime, time

import pytest

from pledge_office.office.cell_text import cell_text, general

CURRENCY = "[$£-809]#,##0.00;[RED]\\-[$£-809]#,##0.00"
MEASURED = [  # typed, value stored, number format stored, text Calc showed
    ("£5,000", 5000, CURRENCY, "£5,000.00"),
    ("£5,000.50", 5000.5, CURRENCY, "£5,000.50"),
    ("-£5.50", -5.5, CURRENCY, "-£5.50"),
    ("10%", 0.1, "0.00%", "10.00%"),
    ("12.5%", 0.125, "0.00%", "12.50%"),
    ("01/04/2025", datetime(2025, 4, 1), "dd/mm/yy", "01/04/25"),
    ("14:30", time(14, 30), "hh:mm:ss", "14:30:00"),
    ("14:30:15", time(14, 30, 15), "hh:mm:ss", "14:30:15"),
    ("TRUE", True, '"TRUE";"TRUE";"FALSE"', "TRUE"),
    ("false", False, '"TRUE";"TRUE";"FALSE"', "FALSE"),
    ("3-4", datetime(2026, 4, 3), "dd/mm/yy", "03/04/26"),
    ("01632960000", 1632960000, "General", "1632960000"),
    ("1e5", 100000, "0.00E+00", "1.00E+05"),
    ("1,234", 1234, "General", "1234"),
    ("0.1", 0.1, "General", "0.1"),
    ("(5)", -5, "General", "-5"),
    ("€20", "€20", "General", "€20"),
    ("01/04/2025 09:00", datetime(2025, 4, 1, 9, 0), "dd/mm/yy\\ hh:mm", "01/04/25 09:00"),
    ("0.30000000000000004", 0.3, "General", "0.3"),
    ("123456789012345", 123456789012345, "General", "123456789012345"),
    ("1234567.891", 1234567.891, "General", "1234567.891"),
    ("2025-04-01", datetime(2025, 4, 1), "yyyy\\-mm\\-dd", "2025-04-01"),
    ("=1+1", "=1+1", "General", "=1+1"),
]


@pytest.mark.parametrize("typed, value, fmt, shown", MEASURED, ids=[m[0] for m in MEASURED])
def test_shown_as_calc_showed_it(typed, value, fmt, shown):
    assert cell_text(value, fmt) == shown


@pytest.mark.parametrize("value, fmt, shown", [
    (1234.5, "#,##0", "1,235"),
    (1234.5, "0.0", "1234.5"),
    (0.5, "0%", "50%"),
    (5000, '"£"#,##0', "£5,000"),
    (5000, "£#,##0", "£5,000"),
    (-5000, "#,##0;(#,##0)", "(5,000)"),
    (0, "#,##0;(#,##0);\"-\"", "-"),
    (45748, "DD/MM/YYYY", "01/04/2025"),        # a serial under a date format (read-only mode)
    (datetime(2027, 3, 31), "d mmmm yyyy", "31 March 2027"),
    (datetime(2027, 3, 31), "mmm-yy", "Mar-27"),
    (datetime(2027, 3, 31, 14, 5), "h:mm AM/PM", "2:05 PM"),
    (datetime(2027, 3, 31), "General", "31/03/2027"),
    (date(2027, 3, 31), "dd/mm/yyyy", "31/03/2027"),
    ("a_x000B_b", "General", "a\x0bb"),
    (1e20, "General", "1E+20"),
    (5, "@", "5"),
    (5, "[Red]0", "5"),
    (5, "x" * 500, "5"),
    (1632960000, '00000" "000000', "01632 960000"),
    (7, "000", "007"),
    (1e28, "0", "10000000000000000000000000000"),
    (123.456, "0." + "0" * 40, "123.456" + "0" * 37),
])
def test_other_formats(value, fmt, shown):
    assert cell_text(value, fmt) == shown


def test_general_numbers():
    assert general(3.0) == "3"
    assert general(1 / 3) == "0.333333333333333"
    assert cell_text(None, "General") == ""
