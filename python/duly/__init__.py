"""duly from Python: load a policy, check case timelines held in pandas DataFrames, read any of
duly's data sources (the DfE returns, the Standard Safeguarding Dataset) into DataFrames.

    import duly
    policy = duly.load_policy("policies/camden.policy")
    obligations = policy.check(events, cases, as_of="2024-06-30")

Every row goes through the code `duly check` and `duly events` run: a DataFrame is written out
as duly's events or cases CSV (docs/cli.md, "Data in") and read by the library, and the
obligations come back as `duly check --format csv` writes them, so the rows are the command
line's, row for row. docs/python.md shows it all on the Camden sample.
"""

import datetime
import io
import math
import os
import warnings

import numpy as np
import pandas as pd

from . import _duly

__version__ = _duly.__version__
__all__ = ["load_policy", "read_source", "source_kinds", "Policy", "Diagnostic", "PolicyError",
           "DataError", "DataWarning"]

# The obligations report's columns that hold dates (docs/cli.md, "duly check --format csv").
DATE_COLUMNS = ("trigger_date", "due", "fulfilled_date")
STATUSES = ["met", "late", "missed", "pending", "lapsed"]


class Diagnostic:
    """An error or warning about a policy or the data: where, what, and the text duly prints
    (for a policy, with the line and a caret under the place)."""

    def __init__(self, severity, file, line, column, message, text, row=None):
        self.severity = severity  # "error", "warning" or "note"
        self.file = file          # the policy file, the data file, or "events" for a DataFrame
        self.line = line          # 1-based; 0 for the whole file
        self.column = column      # 1-based characters; 0 for the whole line
        self.message = message
        self.text = text          # as duly prints it
        self.row = row            # for a DataFrame: the index label of the row

    def __repr__(self):
        return "Diagnostic(%r)" % (self.text.splitlines()[0] if self.text else self.message)

    def __str__(self):
        return self.text


class PolicyError(Exception):
    """A policy that does not load: every diagnostic, errors and warnings, in file order."""

    def __init__(self, path, diagnostics):
        self.path = path
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity == "error"]
        super().__init__("%s: %d error%s\n%s" % (path, len(errors), "" if len(errors) == 1 else "s",
                                                 "".join(d.text for d in diagnostics)))


class DataError(ValueError):
    """Bad rows: each a Diagnostic (for a DataFrame, with the row's index label), and the rows
    themselves as a DataFrame (`rejects`). Pass skip_invalid=True to go on with the good rows."""

    def __init__(self, errors, rejects):
        self.errors = errors
        self.rejects = rejects
        shown = "\n".join(_error_line(e) for e in errors[:20])
        more = "\n… and %d more" % (len(errors) - 20) if len(errors) > 20 else ""
        super().__init__("%d bad row%s (skip_invalid=True goes on with the good ones):\n%s%s"
                         % (len(errors), "" if len(errors) == 1 else "s", shown, more))


class DataWarning(UserWarning):
    """Data kept but odd, or that leaves the policy unable to see something (docs/cli.md)."""


def _diagnostic(t, rows=None):
    severity, file, line, column, message, text = t
    row = rows[file](line) if rows and file in rows else None
    return Diagnostic(severity, file, line, column, message, text, row)


def _error_line(e):
    if e.row is not None:
        return "%s, row %r: %s" % (e.file, e.row, e.message)
    return e.text.rstrip("\n").splitlines()[0]


def load_policy(path):
    """The policy in `path` (its includes read from beside it); raises PolicyError."""
    policy, diagnostics = _duly.load_policy(os.fspath(path))
    if policy is None:
        raise PolicyError(os.fspath(path), [_diagnostic(d) for d in diagnostics])
    return Policy(policy)


def source_kinds():
    """Every source kind read_source knows: (name, what its path names, description)."""
    return _duly.source_kinds()


def _iso(value):
    """A date cell as duly's text: ISO for a date or date-time, empty for an absent value."""
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, (datetime.datetime, pd.Timestamp)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _date_texts(values, what, column):
    """A column of dates as ISO text, "" for an absent one; vectorised where pandas allows."""
    kind = values.dtype.kind
    if kind == "M":
        if getattr(values.dt, "tz", None) is not None:
            values = values.dt.tz_localize(None)
        texts = np.datetime_as_string(values.to_numpy().astype("datetime64[D]"), unit="D")
        return pd.Series(np.where(values.isna().to_numpy(), "", texts), index=values.index)
    if kind == "O" or pd.api.types.is_string_dtype(values):
        inferred = pd.api.types.infer_dtype(values, skipna=True)
        if inferred in ("string", "empty"):
            return values.fillna("")  # text already: duly reads it, and names what is wrong
        return values.map(_iso)      # dates, Timestamps, or a mixture
    raise TypeError("%s column `%s` holds %s: give dates as datetime64 or as ISO text "
                    "(YYYY-MM-DD), an absent one as None, NaN or an empty string"
                    % (what, column, values.dtype))


def _csv_text(frame, what, required, dates):
    """The DataFrame as duly's CSV, and a function from a line of that text to the index label
    of its row."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError("%s must be a pandas DataFrame, not %s" % (what, type(frame).__name__))
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise DataError([Diagnostic("error", what, 0, 0, "no column `%s` (the columns are: %s)"
                                    % (missing[0], ", ".join(map(str, frame.columns))),
                                    "%s: error: no column `%s`\n" % (what, missing[0]))],
                        pd.DataFrame())
    out = {}
    for column in frame.columns:
        values = frame[column]
        kind = values.dtype.kind
        if column in dates or kind == "M":
            out[column] = _date_texts(values, what, column)
        elif kind == "b" or (kind == "O" and pd.api.types.infer_dtype(values, skipna=True) == "boolean"):
            out[column] = values.map({True: "true", False: "false"})  # a flag, as policies write it
        else:
            out[column] = values
    names = [str(c) for c in out]
    # Missing values of every kind (None, NaN, NaT, pd.NA) as None: an empty cell.
    text = _duly.csv_from_columns(names, [out[c].to_numpy(dtype=object, na_value=None) for c in out])
    if text.count(b"\n") == len(frame) + 1:  # one line per row: line 2 is the first
        return text, lambda line: frame.index[line - 2] if 2 <= line < len(frame) + 2 else None
    # A cell holds a line break: find where each row starts.
    starts, line = {}, 2
    breaks = sum(pd.Series(out[c]).astype(str).str.count("\n") for c in out
                 if pd.Series(out[c]).dtype.kind == "O")
    for position, label in enumerate(frame.index):
        starts[line] = label
        line += 1 + int(breaks.iloc[position])
    return text, starts.get


def _rejects(rejected, rows):
    """The rejected rows: where (the table and the row's index label, or the file and line),
    why, and the row as duly read it."""
    records = []
    for file, line, reason, text in rejected:
        label = rows[file](line) if rows and file in rows else None
        records.append({"file": file, "line": line, "row": label, "reason": reason, "text": text})
    return pd.DataFrame(records, columns=["file", "line", "row", "reason", "text"])


def _say(results):
    """Warnings about the data, as Python warnings (they are said once each)."""
    for finding in results["findings"]:
        warnings.warn(finding, DataWarning, stacklevel=3)
    if results["undeclared_events"]:
        n = results["undeclared_events"]
        warnings.warn(("1 event is of a type" if n == 1 else "%d events are of types" % n) +
                      " the policy does not declare, and not read", DataWarning, stacklevel=3)
    if results["warnings"]:
        warnings.warn("%d oddities kept in the data, the first: %s" % (
            len(results["warnings"]), results["warnings"][0].splitlines()[0]), DataWarning,
            stacklevel=3)


class Policy:
    """A loaded policy: immutable, and safe to use from several threads at once."""

    def __init__(self, handle):
        self._policy = handle

    @property
    def name(self):
        return self._policy.name

    @property
    def path(self):
        return self._policy.path

    def rules(self):
        """(id, name) of every rule, in the policy's order."""
        return self._policy.rules()

    def lint(self):
        """The warnings `duly lint` gives for the policy (unused names, rules that can never
        be met, …), as Diagnostics; an empty list when there are none."""
        return [_diagnostic(d) for d in self._policy.lint()]

    def check_csv(self, events, cases=None, as_of=None, *, skip_invalid=False, threads=None):
        """The same check, with the report left as `duly check --format csv` writes it: bytes
        to write to a file as they are, and each rule's obligations counted by status (a
        DataFrame: rule, met, late, missed, pending, lapsed, in the policy's order). For
        millions of obligations that no DataFrame is wanted for (a Dask partition written out).
        With skip_invalid=True, (text, counts, rejects)."""
        results, rejects = self._run(events, cases, as_of, skip_invalid, threads)
        counts = pd.DataFrame(results["counts"], columns=["rule"] + STATUSES)
        text = results["obligations"]
        return (text, counts, rejects) if skip_invalid else (text, counts)

    def check(self, events, cases=None, as_of=None, *, skip_invalid=False, threads=None):
        """Every obligation of every case in `events` (with `cases`, when given), as of `as_of`
        (a date or YYYY-MM-DD; default today), as a DataFrame with the columns of `duly check
        --format csv` in their order; its date columns are datetime64, empty ones NaT.

        `events` has the columns case_id, event, date, optional recorded, and any attributes;
        `cases` has case_id, optional date_of_birth, and any attributes (docs/cli.md). Dates are
        datetime64 or ISO text; None, NaN and "" are an absent value. Bad rows raise DataError;
        with skip_invalid=True the good rows are checked and (obligations, rejects) is returned.
        `threads`: how many to evaluate on (default: every core); the GIL is released meanwhile.
        """
        results, rejects = self._run(events, cases, as_of, skip_invalid, threads)
        obligations = _obligations(results["obligations"])
        return (obligations, rejects) if skip_invalid else obligations

    def _run(self, events, cases, as_of, skip_invalid, threads):
        if as_of is None:
            as_of = datetime.date.today()
        as_of = _iso(as_of)
        events_text, event_rows = _csv_text(events, "events", ("case_id", "event", "date"),
                                            ("date", "recorded"))
        cases_text, case_rows = (None, lambda line: None)
        if cases is not None:
            cases_text, case_rows = _csv_text(cases, "cases", ("case_id",), ("date_of_birth",))
        rows = {"events": event_rows, "cases": case_rows}
        results = self._policy.check(events_text, "events", cases_text, "cases", as_of,
                                     int(threads or 0), bool(skip_invalid))
        errors = [_diagnostic(e, rows) for e in results["errors"]]
        rejects = _rejects(results["rejected"], rows)
        if errors and not skip_invalid:
            raise DataError(errors, rejects)
        _say(results)
        return results, rejects


def _read_csv(text, dates, integers=()):
    """duly's CSV text as a DataFrame: text columns as str, date columns datetime64 (NaT when
    empty), integer columns Int64 (<NA> when empty)."""
    columns = _duly.columns_from_csv(text, list(dates), list(integers))
    data = {}
    for name in columns["__columns__"]:
        values = columns[name]
        if name in dates:
            values = values.view("datetime64[D]").astype("datetime64[ns]")
        elif name in integers:
            values = pd.arrays.IntegerArray(values[0], values[1])
        data[name] = values
    return pd.DataFrame(data, columns=columns["__columns__"])


def _obligations(text):
    return _read_csv(text, DATE_COLUMNS, ("days_late",))


def read_source(kind, path, *, skip_invalid=False, reference_date=None, uk_dates=False,
                ssd_schema=None, ssd_health_checks=None):
    """The events and cases of a data source of any registered kind (source_kinds(): "ssda903",
    "cin-census", "ssd", "odbc", "events", "cases", …), as DataFrames in the columns of duly's
    events and cases files: what `duly events` writes. Text columns stay text; `date`,
    `recorded` and `date_of_birth` are datetime64.

    Bad rows raise DataError; with skip_invalid=True, (events, cases, rejects) is returned.
    `reference_date` is the last day a return covers; `ssd_schema` and `ssd_health_checks` are
    the SSD's (docs/importers.md)."""
    settings = _duly.SourceSettings()
    settings.reference_date = None if reference_date is None else _iso(reference_date)
    settings.ssd_schema = ssd_schema
    settings.ssd_health_checks = None if ssd_health_checks is None else os.fspath(ssd_health_checks)
    settings.uk_dates = bool(uk_dates)
    results = _duly.read_source(kind, os.fspath(path), settings)
    errors = [_diagnostic(e) for e in results["errors"]]
    rejects = _rejects(results["rejected"], None)
    if errors and not skip_invalid:
        raise DataError(errors, rejects)
    _say(results)
    events = _read_csv(results["events"], ("date", "recorded"))
    cases = _read_csv(results["cases"], ("date_of_birth",))
    return (events, cases, rejects) if skip_invalid else (events, cases)


