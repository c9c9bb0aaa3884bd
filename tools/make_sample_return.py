"""Make samples/exampleshire-returned.xlsx: the sample review, filled in as an officer would.

Run: python tools/make_sample_return.py
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pledge_office.inputs.council_file import load_council  # noqa: E402
from pledge_office.inputs.pledge_file import load_pledge  # noqa: E402
from pledge_office.documents.review_workbook import review_settings, write_review_workbook  # noqa: E402
from pledge_office.documents.sample_return import fill_as_officer, load_answers  # noqa: E402

OUT = ROOT / "samples" / "exampleshire-returned.xlsx"

if __name__ == "__main__":
    council = load_council(ROOT / "samples" / "exampleshire.yaml")
    blank = OUT.with_name("blank.xlsx")
    write_review_workbook(council, load_pledge(), blank, review_settings(council), force=True)
    fill_as_officer(blank, OUT, load_answers(ROOT / "samples" / "exampleshire.yaml", load_pledge()))
    blank.unlink()
    print("wrote", OUT)
