"""The Python package against the command line: each function, its errors, DataFrames of the
wrong shape, and the obligations equal to `duly check --format csv`, byte for byte."""

import datetime
import io
import os
import threading
import time
import warnings

import numpy as np
import pandas as pd
import pytest

import duly
from conftest import ROOT, run_duly

CAMDEN = os.path.join(ROOT, "policies", "camden.policy")
EVENTS = os.path.join(ROOT, "examples", "data", "camden", "events.csv")
CASES = os.path.join(ROOT, "examples", "data", "camden", "cases.csv")


def as_csv(obligations):
    """The obligations DataFrame written back as duly writes its CSV report."""
    out = obligations.copy()
    for column in duly.DATE_COLUMNS:
        out[column] = out[column].dt.strftime("%Y-%m-%d").fillna("")
    out["days_late"] = out["days_late"].astype("string").fillna("")
    return out.to_csv(index=False, lineterminator="\n").encode()


def camden_events():
    events = pd.read_csv(EVENTS, dtype=str, keep_default_na=False)
    events["date"] = pd.to_datetime(events["date"])
    events["recorded"] = pd.to_datetime(events["recorded"].replace("", None))
    return events


@pytest.fixture(scope="module")
def camden():
    return duly.load_policy(CAMDEN)


def test_load_policy_names_the_policy_and_its_rules(camden):
    assert camden.name == "Camden children's social care timescales"
    assert camden.path == CAMDEN
    rules = dict(camden.rules())
    assert len(rules) == 51
    assert rules["N02"].startswith("T14: ICPCC within 15 working days")


def test_a_policy_with_errors_raises_with_every_diagnostic(tmp_path):
    bad = tmp_path / "bad.policy"
    bad.write_text('policy "Bad"\nevent visit\nrule R1 "x":\n  vist within 2 days after visit\n'
                   'rule R2 "y":\n  visit within 3 fortnights after visit\n')
    with pytest.raises(duly.PolicyError) as caught:
        duly.load_policy(bad)
    errors = [d for d in caught.value.diagnostics if d.severity == "error"]
    assert len(errors) == 2
    first = errors[0]
    assert (first.file, first.line, first.column) == (str(bad), 4, 3)
    assert "vist" in first.message and "did you mean" in first.message
    # The rendered text is duly's, with the line and a caret under the place.
    assert first.text.splitlines()[1].strip() == "vist within 2 days after visit"
    assert first.text.splitlines()[2].strip().startswith("^")
    assert str(bad) + ":4:3: error:" in str(caught.value)


def test_lint_gives_the_warnings_of_duly_lint(tmp_path):
    policy = tmp_path / "unused.policy"
    policy.write_text('policy "Unused"\nevent visit\nevent referral\nevent concern\n'
                      'period open from referral until concern\n'
                      'rule R1 "Visits weekly":\n  visit within 1 week after referral\n')
    linted = duly.load_policy(policy).lint()
    status, _, err = run_duly("lint", str(policy))
    assert [d.text for d in linted] and "".join(d.text for d in linted) in err
    assert all(d.severity == "warning" for d in linted)
    assert [(d.line, d.message) for d in linted] == [(5, "period `open` is declared but no rule uses it")]
    assert duly.load_policy(CAMDEN).lint() == []


def test_check_gives_the_rows_of_duly_check_byte_for_byte(camden):
    obligations = camden.check(camden_events(), pd.read_csv(CASES, dtype=str), as_of="2024-06-30")
    status, cli, _ = run_duly("check", CAMDEN, EVENTS, "--cases", CASES, "--as-of", "2024-06-30",
                              "--format", "csv")
    assert status == 0
    assert list(obligations.columns) == cli.decode().splitlines()[0].split(",")
    assert as_csv(obligations) == cli
    assert len(obligations) == 4746
    assert obligations["due"].dtype.kind == "M"
    assert str(obligations["days_late"].dtype) == "Int64"


def test_dates_as_text_or_datetime64_and_absent_values_in_every_spelling(camden):
    text = pd.read_csv(EVENTS, dtype=str, keep_default_na=False)  # ISO text, "" for absent
    typed = camden_events()                                      # datetime64, NaT for absent
    with_none = text.copy()
    with_none["recorded"] = with_none["recorded"].replace("", None)
    with_nan = text.copy()
    with_nan["recorded"] = with_nan["recorded"].replace("", np.nan)
    as_dates = text.copy()
    as_dates["date"] = pd.to_datetime(as_dates["date"]).dt.date  # datetime.date objects
    results = [as_csv(camden.check(frame, None, as_of="2024-06-30"))
               for frame in (text, typed, with_none, with_nan, as_dates)]
    assert all(r == results[0] for r in results)
    # as_of as a date, too; and with no cases, the same as the command line with none.
    same = camden.check(text, None, as_of=datetime.date(2024, 6, 30))
    _, cli, _ = run_duly("check", CAMDEN, EVENTS, "--as-of", "2024-06-30", "--format", "csv")
    assert as_csv(same) == cli


def test_wrong_column_types_and_missing_columns_are_named(camden):
    events = camden_events()
    numbers = events.copy()
    numbers["date"] = np.arange(len(numbers))
    with pytest.raises(TypeError, match=r"events column `date` holds int64: give dates as datetime64"):
        camden.check(numbers, None, as_of="2024-06-30")
    with pytest.raises(duly.DataError, match=r"no column `case_id`"):
        camden.check(events.drop(columns=["case_id"]), None, as_of="2024-06-30")
    with pytest.raises(TypeError, match="must be a pandas DataFrame"):
        camden.check([("C1", "visit", "2024-01-01")], None, as_of="2024-06-30")
    with pytest.raises(ValueError, match=r'as_of "2024-13-01" is not a date'):
        camden.check(events, None, as_of="2024-13-01")


def test_bad_rows_raise_with_their_index_or_come_back_as_rejects(camden):
    events = pd.read_csv(EVENTS, dtype=str, keep_default_na=False)
    events.index = ["row%d" % i for i in range(len(events))]
    events.loc["row3", "date"] = "2024-02-30"
    events.loc["row7", "case_id"] = None
    with pytest.raises(duly.DataError) as caught:
        camden.check(events, None, as_of="2024-06-30")
    errors = caught.value.errors
    assert [(e.file, e.row) for e in errors] == [("events", "row3"), ("events", "row7")]
    assert errors[0].message == 'date "2024-02-30" is not a date'
    assert "events, row 'row3': date \"2024-02-30\" is not a date" in str(caught.value)
    obligations, rejects = camden.check(events, None, as_of="2024-06-30", skip_invalid=True)
    assert list(rejects["row"]) == ["row3", "row7"]
    assert list(rejects.columns) == ["file", "line", "row", "reason", "text"]
    assert rejects["text"].iloc[0].startswith(events.loc["row3", "case_id"] + ",")
    good = camden.check(events.drop(index=["row3", "row7"]), None, as_of="2024-06-30")
    assert as_csv(obligations) == as_csv(good)


def test_booleans_are_true_and_false_and_odd_data_is_a_warning(camden):
    events = camden_events()
    flags = events.copy()
    flags["seen_alone"] = flags["seen_alone"].map({"true": True, "false": False, "": None})
    assert as_csv(camden.check(flags, None, as_of="2024-06-30")) == \
        as_csv(camden.check(events, None, as_of="2024-06-30"))
    # Nullable booleans (True, False and pd.NA), and flags with None among them, too.
    nullable = events.copy()
    nullable["seen_alone"] = flags["seen_alone"].astype("boolean")
    mixed = events.copy()
    mixed["seen_alone"] = flags["seen_alone"].astype(object)
    for frame in (nullable, mixed):
        assert as_csv(camden.check(frame, None, as_of="2024-06-30")) == \
            as_csv(camden.check(events, None, as_of="2024-06-30"))
    unknown = events.copy()
    unknown.loc[0, "event"] = "vist"
    with pytest.warns(duly.DataWarning, match="1 event is of a type the policy does not declare"):
        camden.check(unknown, None, as_of="2024-06-30")
    typo = events.rename(columns={"seen_alone": "seen_alone_"})
    with pytest.warns(duly.DataWarning, match="column `seen_alone_` is not an attribute"):
        camden.check(typo, None, as_of="2024-06-30")


def test_threads_give_the_same_rows_and_release_the_gil(generated):
    policy = duly.load_policy(os.path.join(ROOT, "bench", "bench.policy"))
    events = pd.read_csv(generated / "events.csv", dtype=str, keep_default_na=False)
    cases = pd.read_csv(generated / "cases.csv", dtype=str, keep_default_na=False)
    one = policy.check(events, cases, as_of="2025-12-31", threads=1)
    for threads in (2, 3, None):
        assert as_csv(policy.check(events, cases, as_of="2025-12-31", threads=threads)) == as_csv(one)
    # While checks run on other threads, this one keeps counting: the GIL is released.
    ticks = 0
    done = threading.Event()

    def checks():
        for _ in range(3):
            policy.check(events, cases, as_of="2025-12-31", threads=1)
        done.set()

    worker = threading.Thread(target=checks)
    worker.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    worker.join()
    assert ticks > 20


def test_read_source_gives_what_duly_events_writes(tmp_path):
    for kind, path in (("ssda903", "tests/data/ssda903"),
                       ("cin-census", "tests/data/cin-census/CIN_Census_2024.xml"),
                       ("ssd", "examples/data/ssd")):
        events, cases = duly.read_source(kind, os.path.join(ROOT, path))
        out_e, out_c = tmp_path / (kind + ".events.csv"), tmp_path / (kind + ".cases.csv")
        status, _, _ = run_duly("events", "--source", kind, path, "--out", str(out_e),
                                "--cases-out", str(out_c))
        assert status == 0
        cli_events = pd.read_csv(out_e, dtype=str, keep_default_na=False)
        cli_cases = pd.read_csv(out_c, dtype=str, keep_default_na=False)
        assert list(events.columns) == list(cli_events.columns)
        assert events["date"].dtype.kind == "M"
        back = events.copy()
        back["date"] = back["date"].dt.strftime("%Y-%m-%d")
        if "recorded" in back:
            back["recorded"] = back["recorded"].dt.strftime("%Y-%m-%d").fillna("")
        assert back.equals(cli_events), kind
        back_cases = cases.copy()
        back_cases["date_of_birth"] = back_cases["date_of_birth"].dt.strftime("%Y-%m-%d").fillna("")
        assert back_cases.equals(cli_cases), kind


def test_read_source_errors_and_rejects(tmp_path):
    with pytest.raises(ValueError, match=r"unknown source kind `ssda930`; did you mean `ssda903`\?"):
        duly.read_source("ssda930", "tests/data/ssda903")
    bad = os.path.join(ROOT, "tests", "data", "ssd")
    with pytest.raises(duly.DataError) as caught:
        duly.read_source("ssd", bad)
    assert caught.value.errors[0].file.endswith("ssd_cp_plans.csv")
    assert caught.value.errors[0].line == 3
    events, cases, rejects = duly.read_source("ssd", bad, skip_invalid=True)
    assert len(rejects) == len(caught.value.errors) == 12
    assert set(cases["case_id"]) == {"P1", "P2", "P3", "P5"}
    kinds = {k[0] for k in duly.source_kinds()}
    assert {"ssda903", "cin-census", "ssd", "odbc", "events", "cases"} <= kinds


def test_a_source_checked_from_python_equals_the_command_line():
    events, cases = duly.read_source("ssd", os.path.join(ROOT, "examples", "data", "ssd"))
    policy = duly.load_policy(os.path.join(ROOT, "policies", "ssd.policy"))
    obligations = policy.check(events, cases, as_of="2025-12-31")
    _, cli, _ = run_duly("check", "policies/ssd.policy", "--source", "ssd", "examples/data/ssd",
                         "--as-of", "2025-12-31", "--format", "csv")
    assert sorted(as_csv(obligations).splitlines()) == sorted(cli.splitlines())


def test_check_csv_gives_the_report_as_written_and_its_counts(camden):
    text, counts = camden.check_csv(camden_events(), pd.read_csv(CASES, dtype=str), as_of="2024-06-30")
    _, cli, _ = run_duly("check", CAMDEN, EVENTS, "--cases", CASES, "--as-of", "2024-06-30",
                         "--format", "csv")
    assert text == cli
    assert list(counts.columns) == ["rule", "met", "late", "missed", "pending", "lapsed"]
    assert list(counts["rule"]) == [r for r, _ in camden.rules()]
    frame = pd.read_csv(io.BytesIO(cli), dtype=str)
    for status in duly.STATUSES:
        assert counts[status].sum() == (frame["status"] == status).sum()
