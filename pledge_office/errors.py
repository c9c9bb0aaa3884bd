"""The one error family: every problem a user can fix is a PledgeOfficeError.

The CLI turns these into a single line, ``FILE: WHERE: message``, in one place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Union


class PledgeOfficeError(Exception):
    """A problem with the user's input that they can fix."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        file: Optional[Union[str, Path]] = None,
        where: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = Path(file) if file is not None else None
        self.where = where

    def __str__(self) -> str:
        parts = [str(self.file)] if self.file is not None else []
        if self.where:
            parts.append(self.where)
        parts.append(self.message)
        return ": ".join(parts)


class UsageProblem(PledgeOfficeError):
    """The command was asked to do something it must not (e.g. overwrite)."""

    exit_code = 2


class OutputExists(UsageProblem):
    """The output file exists and --force was not given."""


class PledgeFileError(PledgeOfficeError):
    """The pledge file is malformed."""


class CouncilFileError(PledgeOfficeError):
    """The council file is malformed or incomplete."""


class LogoProblem(PledgeOfficeError):
    """A logo file is missing, unreadable or unsafe."""


class TemplateProblem(PledgeOfficeError):
    """A Word template cannot be rendered as intended."""


class UnsafeFile(PledgeOfficeError):
    """A file is malformed or hostile (zip bomb, XML entities, wrong type)."""


class NotAReviewWorkbook(PledgeOfficeError):
    """The file is not a review workbook written by pledge-office."""


class WorkbookMismatch(PledgeOfficeError):
    """Workbooks from different reviews or councils were given together."""


class ReviewHasErrors(PledgeOfficeError):
    """A returned workbook has problems that must be fixed before use."""
