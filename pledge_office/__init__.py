"""pledge-office: the paperwork of a council's pledge, compact or accord with the voluntary sector, from adoption to action plan.

The public API is the plain functions below; ``pledge-office`` is a thin
command line over them. They are imported on first use, so ``import
pledge_office`` (and the command's start-up) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from pledge_office._version import __version__

# public name -> the module that defines it (":name" when it is called something else there)
_API = {
    "load_pledge": "pledge_office.inputs.pledge_file",
    "load_council": "pledge_office.inputs.council_file",
    "write_report": "pledge_office.documents.report",
    "write_signing_copy": "pledge_office.documents.signing_copy",
    "write_adoption_pack": "pledge_office.steps.adoption",
    "write_review_workbook": "pledge_office.documents.review_workbook",
    "review_settings": "pledge_office.documents.review_workbook",
    "read_review": "pledge_office.inputs.review_reader",
    "check_workbooks": "pledge_office.steps.check",
    "write_action_plan": "pledge_office.documents.action_plan",
    "make_action_plan": "pledge_office.steps.action_plan",
    "make_progress_workbook": "pledge_office.steps.progress",
    "make_progress_report": "pledge_office.steps.progress",
    "read_progress": "pledge_office.inputs.progress_reader",
    "write_progress_report": "pledge_office.documents.progress_report",
    "summarise": "pledge_office.steps.summary",
    "run_batch": "pledge_office.steps.batch",
    "run_demo": "pledge_office.steps.demo",
    "check_accessibility": "pledge_office.office.accessibility:check_file",
    "PledgeOfficeError": "pledge_office.errors",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    """Import a public function from its module the first time it is asked for."""
    if name not in _API:
        raise AttributeError(f"module 'pledge_office' has no attribute {name!r}")
    module, _, attribute = _API[name].partition(":")
    value = getattr(import_module(module), attribute or name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
