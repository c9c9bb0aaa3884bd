#!/usr/bin/python3
"""Fill in a workbook through LibreOffice Calc, the way a person types, for round-trip tests.

Run with Debian's ``/usr/bin/python3`` (the only Python that can ``import uno``)::

    /usr/bin/python3 tests/support/uno_fill.py instructions.json

The instruction file is JSON::

    {"src": "in.xlsx", "dst": "out.xlsx",
     "filter": "Calc MS Excel 2007 XML",      # or "calc8", "MS Excel 97"
     "password": "optional: encrypt dst with it",
     "src_password": "optional: the password to open an encrypted src",
     "locale": "optional, e.g. en-GB: the profile's locale setting (default: LibreOffice's own)",
     "timeout": 150,   # optional seconds: then soffice is killed and the fill fails
     "pidfile": "optional: where to write soffice's process group id while it runs",
     "steps": [
        {"op": "type", "sheet": "Review", "cell": "C6", "text": "Partly met"},
        {"op": "insert_row_after", "sheet": "Review", "row": 6},
        {"op": "delete_row", "sheet": "Review", "row": 8},
        {"op": "insert_column_before", "sheet": "Review", "column": "C"},
        {"op": "sort", "sheet": "Review", "range": "A6:I13", "column": 2, "ascending": true},
        {"op": "rename_sheet", "sheet": "Review", "to": "Other"}]}

Rows are 1-based sheet rows; ``column`` of a sort is 0-based within the range, and of
``insert_column_before`` letters (or a 1-based number).

``type`` takes an optional ``"via"``:
  * ``"setFormula"`` (default): ``XCell.setFormula()``. Calc's input parser, but always with
    en-US number and date recognition whatever the profile's locale ("03/04/2027" is 4 March,
    "31/03/2027" stays text), and without the automatic date format typing gives a General
    cell (a date typed there is left showing as a serial number).
  * ``"FormulaLocal"``: the cell's ``FormulaLocal`` property. Parses with the profile's locale
    and the cell's number format, and applies the automatic number format, as typing does
    (measured identical to the UI's ``.uno:EnterString`` on LibreOffice 7.4).
  * ``"EnterString"``: the UI's own ``.uno:EnterString`` dispatch on the selected cell.
No way of typing through the API applies data validation (a value outside a list is stored).
A person cannot type into a locked cell of a protected sheet, so ``type`` refuses to unless
the step has ``"force": true`` (then the sheet is unprotected first, as the officer would).

Structural steps unprotect a protected sheet (``unprotect("")``) and every sheet unprotected
is protected again (``protect("")``) after the last step. ``src`` is never opened in place.

It starts its own soffice with its own fresh profile and pipe name, so several can run at
once, and always shuts it down and removes the profile. A watchdog kills that soffice (its
own process group only) when ``timeout`` passes, which also unblocks a hung UNO call. Exit status 0 on success, 2 with a
message on stderr on failure.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

try:
    import uno
    from com.sun.star.beans import NamedValue, PropertyValue
    from com.sun.star.connection import NoConnectException
    from com.sun.star.table import TableSortField
except ImportError as exc:  # pragma: no cover - depends on the interpreter
    sys.exit(f"uno_fill: cannot import uno ({exc}); run this with /usr/bin/python3 "
             "and install python3-uno")

FILTERS = ("Calc MS Excel 2007 XML", "calc8", "MS Excel 97")
CONNECT_TIMEOUT = 30.0
STRUCTURAL = {"insert_row_after", "delete_row", "insert_column_before", "sort"}


class FillError(Exception):
    pass


def named(name, value):
    nv = NamedValue()
    nv.Name = name
    nv.Value = value
    return nv


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


# --------------------------------------------------------------------------- soffice


def soffice_binary() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise FillError("soffice is not on PATH")
    return found


def write_locale(profile: Path, locale: str) -> None:
    """Set Tools > Options > Language Settings > Locale setting in a fresh profile."""
    if not (locale.replace("-", "").isalnum() and locale.isascii() and len(locale) <= 20):
        raise FillError(f"'locale' must be a tag such as en-GB, not {locale!r}")
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Setup/L10N">'
        '<prop oor:name="ooSetupSystemLocale" oor:op="fuse">'
        f'<value>{locale}</value></prop></item>\n'
        '</oor:items>\n', encoding="utf-8")


def start_office(profile: Path, pipe: str, log: Path) -> subprocess.Popen:
    cmd = [soffice_binary(), f"-env:UserInstallation={profile.as_uri()}",
           "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
           "--nolockcheck", f"--accept=pipe,name={pipe};urp;"]
    # A session of its own, so a stuck office can be killed as a group (oosplash + soffice.bin)
    # without touching any other LibreOffice on the machine.
    # Its output goes to a file, not a pipe nobody reads (a full pipe would block it).
    with open(log, "wb") as out:
        return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                start_new_session=True)


def connect(proc: subprocess.Popen, pipe: str, log: Path):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_TIMEOUT
    last = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = log.read_text("utf-8", "replace").strip()[-2000:]
            raise FillError(f"soffice exited with status {proc.returncode} before accepting "
                            f"a connection{': ' + err if err else ''}")
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            return ctx, desktop
        except NoConnectException as exc:
            last = exc
            time.sleep(0.25)
    raise FillError(f"could not connect to soffice within {CONNECT_TIMEOUT:.0f} s ({last})")


def kill_group(proc: subprocess.Popen, sig=signal.SIGKILL) -> None:
    """Signal the process group of the soffice this script started, and nothing else."""
    try:
        os.killpg(proc.pid, sig)  # soffice was started as the leader of a new session
    except (ProcessLookupError, PermissionError):
        pass


def stop_office(proc: subprocess.Popen, desktop) -> None:
    if desktop is not None:
        try:
            desktop.terminate()
        except Exception:  # the bridge drops as the office exits: that is expected
            pass
    try:
        proc.wait(timeout=20)
        return
    except subprocess.TimeoutExpired:
        pass
    kill_group(proc, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    kill_group(proc, signal.SIGKILL)  # also any soffice.bin left behind oosplash
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


class OfficeSession:
    """A private LibreOffice, connected, with a private copy of the file to open (``private``)."""

    def __init__(self, ctx, desktop, private: Path, out_dir: Path, timed_out: threading.Event, timeout: float):
        self.ctx, self.desktop, self.private, self.out_dir = ctx, desktop, private, out_dir
        self.timed_out, self.timeout = timed_out, timeout
        self.doc = None

    def open(self, load_args, error=FillError, hint: str = ""):
        """Load the private copy (LibreOffice leaves lock files beside what it opens, never beside src)."""
        try:
            self.doc = self.desktop.loadComponentFromURL(self.private.as_uri(), "_blank", 0, tuple(load_args))
        except Exception as exc:
            raise error(f"LibreOffice could not open {self.private.name}: {exc}{hint}") from None
        return self.doc

    def store(self, dst: Path, store_args, error=FillError) -> None:
        """Store the document beside the session, then move it: dst is never half-written."""
        out = self.out_dir / dst.name
        uno.invoke(self.doc, "storeToURL", (out.as_uri(), tuple(store_args)))
        if not out.is_file() or out.stat().st_size == 0:
            raise error(f"LibreOffice stored nothing at {out}")
        if self.timed_out.is_set():
            raise error(f"timed out after {self.timeout} s")
        shutil.move(str(out), str(dst))


@contextlib.contextmanager
def office_session(src: Path, *, name: str, timeout: float, pidfile=None, locale=None, error=FillError):
    """Start LibreOffice with its own profile for one file; close and stop it whatever happens.

    A watchdog kills the office's process group after ``timeout`` seconds; ``pidfile``, when
    given, holds that group's id meanwhile so a caller can kill it too.
    """
    work = Path(tempfile.mkdtemp(prefix=f"{name}-"))
    proc = watchdog = session = None
    timed_out = threading.Event()
    try:
        private = work / "in" / src.name
        private.parent.mkdir()
        shutil.copyfile(src, private)
        (work / "out").mkdir()
        profile = work / "profile"
        if locale:
            write_locale(profile, locale)
        pipe = f"{name}_{os.getpid()}_{uuid.uuid4().hex}"
        log = work / "soffice.log"
        proc = start_office(profile, pipe, log)
        if pidfile:
            Path(pidfile).write_text(str(proc.pid), encoding="ascii")

        def expire(proc=proc):
            timed_out.set()
            kill_group(proc)

        watchdog = threading.Timer(timeout, expire)
        watchdog.daemon = True
        watchdog.start()
        ctx, desktop = connect(proc, pipe, log)
        session = OfficeSession(ctx, desktop, private, work / "out", timed_out, timeout)
        yield session
    except Exception as exc:
        if timed_out.is_set():
            raise error(f"timed out after {timeout} s (soffice killed): {exc}") from None
        raise
    finally:
        if watchdog is not None:
            watchdog.cancel()
        if session is not None and session.doc is not None:
            try:
                session.doc.close(True)
            except Exception:
                try:
                    session.doc.dispose()
                except Exception:
                    pass
        if proc is not None:
            stop_office(proc, session.desktop if session else None)
        if pidfile:
            Path(pidfile).unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)


# --------------------------------------------------------------------------- steps


def column_index(column) -> int:
    """0-based index of a column given as letters ("C") or a 1-based number."""
    if isinstance(column, int) and not isinstance(column, bool):
        if column < 1:
            raise FillError(f"column number must be 1 or more, not {column}")
        return column - 1
    if not isinstance(column, str) or not column.isalpha() or not column.isascii():
        raise FillError(f"column must be letters such as 'C', not {column!r}")
    index = 0
    for ch in column.upper():
        index = index * 26 + (ord(ch) - ord("A") + 1)
    return index - 1


def row_number(step) -> int:
    row = step.get("row")
    if not isinstance(row, int) or isinstance(row, bool) or row < 1:
        raise FillError(f"'row' must be a 1-based row number, not {row!r}")
    return row


def get_sheet(doc, name):
    sheets = doc.getSheets()
    if not isinstance(name, str) or not sheets.hasByName(name):
        raise FillError(f"no sheet named {name!r} (sheets: {', '.join(sheets.getElementNames())})")
    return sheets.getByName(name)


def sort_range(cell_range, column: int, ascending: bool) -> None:
    columns = cell_range.getColumns().getCount()
    if not 0 <= column < columns:
        raise FillError(f"sort column {column} is outside the range's {columns} columns")
    field = TableSortField()
    field.Field = column
    field.IsAscending = bool(ascending)
    field.IsCaseSensitive = False
    descriptor = [
        prop("IsSortColumns", False),  # sort rows, not columns
        prop("ContainsHeader", False),
        prop("BindFormatsToContent", True),
        prop("SortFields", uno.Any("[]com.sun.star.table.TableSortField", (field,))),
    ]
    uno.invoke(cell_range, "sort", (tuple(descriptor),))


def unprotect(sheet, unprotected: list) -> None:
    if sheet.isProtected():
        sheet.unprotect("")
        if sheet.isProtected():
            raise FillError(f"sheet {sheet.getName()!r} is protected with a password")
        unprotected.append(sheet)


def type_text(ctx, doc, sheet, step, unprotected: list) -> None:
    text = step.get("text")
    if not isinstance(text, str):
        raise FillError(f"'text' must be a string, not {text!r}")
    address = step.get("cell")
    if not isinstance(address, str) or "." in address or ":" in address:
        raise FillError(f"'cell' must be one cell such as C6, not {address!r}")
    cell = sheet.getCellRangeByName(address)
    if sheet.isProtected() and cell.CellProtection.IsLocked:
        if not step.get("force"):
            raise FillError(f"{sheet.getName()}!{address} is a locked cell of a protected sheet: "
                            "a person cannot type there (add \"force\": true to unprotect first)")
        unprotect(sheet, unprotected)
    via = step.get("via", "setFormula")
    if via == "setFormula":
        cell.setFormula(text)
    elif via == "FormulaLocal":
        cell.setPropertyValue("FormulaLocal", text)
    elif via == "EnterString":
        controller = doc.getCurrentController()
        controller.setActiveSheet(sheet)
        controller.select(cell)
        helper = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", ctx)
        helper.executeDispatch(controller.getFrame(), ".uno:EnterString", "", 0,
                               (prop("StringName", text),))
    else:
        raise FillError(f"'via' must be setFormula, FormulaLocal or EnterString, not {via!r}")


def apply_step(ctx, doc, step, unprotected: list) -> None:
    if not isinstance(step, dict) or "op" not in step:
        raise FillError(f"a step must be an object with 'op', not {step!r}")
    op = step["op"]
    sheet = get_sheet(doc, step.get("sheet"))
    if op in STRUCTURAL:
        unprotect(sheet, unprotected)
    if op == "type":
        type_text(ctx, doc, sheet, step, unprotected)
    elif op == "insert_row_after":
        # 1-based row N is 0-based index N-1; the row below it is at index N.
        sheet.getRows().insertByIndex(row_number(step), 1)
    elif op == "delete_row":
        sheet.getRows().removeByIndex(row_number(step) - 1, 1)
    elif op == "insert_column_before":
        sheet.getColumns().insertByIndex(column_index(step.get("column")), 1)
    elif op == "sort":
        column = step.get("column")
        if not isinstance(column, int) or isinstance(column, bool):
            raise FillError(f"sort 'column' must be a 0-based index, not {column!r}")
        sort_range(sheet.getCellRangeByName(step["range"]), column, step.get("ascending", True))
    elif op == "rename_sheet":
        to = step.get("to")
        if not isinstance(to, str) or not to:
            raise FillError(f"'to' must be a sheet name, not {to!r}")
        sheet.setName(to)
    else:
        raise FillError(f"unknown op {op!r}")


# --------------------------------------------------------------------------- main


def checked_paths(instructions: dict, filters, error=FillError):
    """Return an instruction file's src, dst and filter (the first of ``filters`` by default), checked."""
    for key in ("src", "dst"):
        if not isinstance(instructions.get(key), str):
            raise error(f"instruction {key!r} must be a path")
    src = Path(instructions["src"]).resolve()
    dst = Path(instructions["dst"]).resolve()
    filter_name = instructions.get("filter", filters[0])
    if filter_name not in filters:
        raise error(f"filter must be one of {', '.join(filters)}, not {filter_name!r}")
    return src, dst, filter_name


def checked_run(instructions: dict, src: Path, dst: Path, error=FillError):
    """Return an instruction file's timeout, pidfile and steps, checked; src must exist, and the folder of dst."""
    timeout = instructions.get("timeout", 150)
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
        raise error("'timeout' must be a positive number of seconds")
    pidfile = instructions.get("pidfile")
    if pidfile is not None and not isinstance(pidfile, str):
        raise error("'pidfile' must be a path")
    steps = instructions.get("steps", [])
    if not isinstance(steps, list):
        raise error("'steps' must be a list")
    if not src.is_file():
        raise error(f"src {src} does not exist")
    if not dst.parent.is_dir():
        raise error(f"the folder for dst {dst} does not exist")
    return timeout, pidfile, steps


@contextlib.contextmanager
def step_named(number: int, step, error=FillError):
    """Raise any failure of a step again as ``error``, naming the step (a UNO exception by its type)."""
    try:
        yield
    except FillError as exc:
        raise error(f"step {number} {json.dumps(step)}: {exc}") from None
    except Exception as exc:  # a UNO exception: name it and the step
        raise error(f"step {number} {json.dumps(step)}: {type(exc).__name__}: {exc}") from None


def fill(instructions: dict) -> None:
    src, dst, filter_name = checked_paths(instructions, FILTERS)
    password = instructions.get("password")
    if password is not None and (not isinstance(password, str) or not password):
        raise FillError("'password' must be a non-empty string when given")
    src_password = instructions.get("src_password")
    if src_password is not None and not isinstance(src_password, str):
        raise FillError("'src_password' must be a string when given")
    locale = instructions.get("locale")
    if locale is not None and not isinstance(locale, str):
        raise FillError("'locale' must be a string such as en-GB")
    timeout, pidfile, steps = checked_run(instructions, src, dst)

    with office_session(src, name="uno_fill", timeout=timeout, pidfile=pidfile, locale=locale) as session:
        load_args = [prop("Hidden", True), prop("ReadOnly", False), prop("MacroExecutionMode", 0)]
        if src_password is not None:
            load_args.append(prop("Password", src_password))
        hint = "" if src_password is not None else " (if it is encrypted, give src_password)"
        doc = session.open(load_args, hint=hint)
        if doc is None or not hasattr(doc, "getSheets"):
            raise FillError(f"LibreOffice could not open {src} as a spreadsheet{hint}")

        unprotected = []
        for number, step in enumerate(steps, 1):
            with step_named(number, step):
                apply_step(session.ctx, doc, step, unprotected)
        for sheet in unprotected:
            if not sheet.isProtected():
                sheet.protect("")

        store_args = [prop("FilterName", filter_name), prop("Overwrite", True)]
        if password is not None:
            if filter_name == "Calc MS Excel 2007 XML":
                # LibreOffice 7.4's xlsx filter ignores a bare Password (it stores a plain zip),
                # and fails with the default (agile) CryptoType; ECMA-376 Standard encryption
                # (AES-128, what Excel 2007 wrote and every Excel opens) works.
                store_args.append(prop("EncryptionData", uno.Any(
                    "[]com.sun.star.beans.NamedValue",
                    (named("OOXPassword", password), named("CryptoType", "Standard")))))
            else:
                store_args.append(prop("Password", password))
        session.store(dst, store_args)


def run_script(name: str, run, argv, error=FillError) -> int:
    """Run ``run`` on the instruction file argv names, as script ``name``: any problem on one line, exit code 2.

    What ``run`` returns, if anything, is printed as JSON.
    """
    if len(argv) != 2:
        print(f"usage: /usr/bin/python3 {name}.py INSTRUCTIONS.json", file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as handle:
            instructions = json.load(handle)
        if not isinstance(instructions, dict):
            raise error("the instruction file must hold a JSON object")
        result = run(instructions)
    except (OSError, ValueError, FillError) as exc:
        print(f"{name}: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # UNO runtime errors and the like
        print(f"{name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    if result is not None:
        print(json.dumps(result, default=str))
    return 0


def main(argv) -> int:
    return run_script("uno_fill", fill, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
