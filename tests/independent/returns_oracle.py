#!/usr/bin/env python3
"""Test oracle for duly's two DfE return importers (SSDA903 and the CIN census).

This is an INDEPENDENT implementation, written only from docs/importers.md (sections
"SSDA903" and "CIN census"), never from duly's C++ code. It converts a return into events
and cases itself, runs `duly events` on the same input, and compares the two as multisets.

  python3 returns_oracle.py --duly PATH_TO_DULY ssda903 DIR
  python3 returns_oracle.py --duly PATH_TO_DULY cin-census FILE.xml

Exit status: 0 when both sides agree, 1 when they differ (or duly fails).

Readings chosen where docs/importers.md leaves room (each marked "READING" below):
  * An empty (or all-blank) cell or element is an absent value; present values are kept as
    they are in CSV ("each from its column as it is") and trimmed in XML.
  * "a malformed or impossible date" applies to every date column a file has: DOB and MC_DOB
    (header), DECOM and DEC (episodes), DOB and REVIEW (reviews).
  * The cases are the accepted header.csv rows only; children of episodes/reviews missing
    from the header get events but no case row ("its events are kept, with no date of birth").
  * A CINdetails with no (or a malformed) CINreferralDate loses its referral alone (the
    documented reading, settled after this oracle first read it as the whole block).
  * `unborn` = true only when PersonBirthDate is absent and ExpectedPersonBirthDate is used;
    otherwise no `unborn` attribute. Sex wins over GenderCurrent when both are present.
  * ReferralNFA / ICPCnotRequired values other than true/false/1/0 are kept as written.
  * duly is run with --skip-invalid so that rejected rows can be compared too (on valid
    input this changes nothing).
"""
import argparse
import collections
import csv
import datetime
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


# ---------------------------------------------------------------- helpers

def parse_date(text, uk):
    """ISO string for a DD/MM/YYYY (when uk) or YYYY-MM-DD date, None when malformed."""
    text = text.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        y, mo, d = m.groups()
    elif uk and re.fullmatch(r"\d{2}/\d{2}/\d{4}", text):
        d, mo, y = text.split("/")
    else:
        return None
    try:
        return datetime.date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return None


def event(case_id, name, date, **attrs):
    """An event as compared: (case_id, event, date, frozenset of non-empty attributes)."""
    return (case_id, name, date, frozenset((k, v) for k, v in attrs.items() if v not in (None, "")))


def case(case_id, dob, attrs):
    return (case_id, dob or "", frozenset((k, v) for k, v in attrs.items() if v not in (None, "")))


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def cell(row, col):
    """A cell's value, '' when the column is absent or the cell blank (READING: blank = absent)."""
    v = row.get(col)
    return "" if v is None or v.strip() == "" else v


# ---------------------------------------------------------------- SSDA903

def ssda903(folder):
    events, cases, seen = [], [], set()

    # Cases: header.csv. CHILD -> case_id, DOB -> date_of_birth, ETHNIC -> ethnicity,
    # MC_DOB -> mc_dob (ISO), any other column -> its name in lower case.
    for row in read_csv(os.path.join(folder, "header.csv")):
        child, dob = cell(row, "CHILD"), cell(row, "DOB")
        if not child or not dob or parse_date(dob, True) is None:
            continue                                   # missing / malformed: rejected
        mc = cell(row, "MC_DOB")
        if mc and parse_date(mc, True) is None:
            continue                                   # malformed MC_DOB: rejected
        if child in seen:
            continue                                   # a CHILD twice: the second is rejected
        seen.add(child)
        attrs = {}
        for col, val in row.items():
            if col in ("CHILD", "DOB") or col is None:
                continue
            val = cell(row, col)
            if col == "ETHNIC":
                attrs["ethnicity"] = val
            elif col == "MC_DOB":
                attrs["mc_dob"] = parse_date(val, True) if val else ""
            else:
                attrs[col.lower()] = val
        cases.append(case(child, parse_date(dob, True), attrs))

    # Episodes, grouped by child, kept in file order for the stable sort below.
    by_child = collections.OrderedDict()
    for row in read_csv(os.path.join(folder, "episodes.csv")):
        child, decom, dec = cell(row, "CHILD"), cell(row, "DECOM"), cell(row, "DEC")
        if not child or not decom:
            continue                                   # missing CHILD / DECOM
        start = parse_date(decom, True)
        end = parse_date(dec, True) if dec else ""
        if start is None or end is None:
            continue                                   # malformed DECOM / DEC
        if end and end < start:
            continue                                   # DEC before DECOM
        by_child.setdefault(child, []).append((start, end, row))

    for child, eps in by_child.items():
        eps.sort(key=lambda e: e[0])                   # DECOM order, ties in file order
        new_period = True                              # the first episode starts a period
        for start, end, row in eps:
            place, ls, rne = cell(row, "PLACE"), cell(row, "LS"), cell(row, "RNE")
            rec = cell(row, "REC")
            if new_period:
                events.append(event(child, "became_looked_after", start,
                                    legal_status=ls, category_of_need=cell(row, "CIN")))
            if new_period or rne != "L":
                events.append(event(
                    child, "placement_start", start,
                    placement_type=place, legal_status=ls, reason_new_episode=rne,
                    category_of_need=cell(row, "CIN"),
                    placement_provider=cell(row, "PLACE_PROVIDER"),
                    reason_place_change=cell(row, "REASON_PLACE_CHANGE"),
                    home_postcode=cell(row, "HOME_POST"), placement_postcode=cell(row, "PL_POST"),
                    urn=cell(row, "URN"),
                    permanent="true" if place in ("U1", "U4") else "false",
                    placed_with_parents="true" if place == "P1" else "false",
                    emergency="true" if ls in ("L1", "L2") else "false"))
            # A DEC with a REC other than X1 (empty REC included) ends the care period;
            # an episode with no DEC is open, so the period goes on whatever its REC.
            ends = bool(end) and rec != "X1"
            if ends:
                events.append(event(child, "ceased_looked_after", end, reason=rec))
            new_period = ends

    # Reviews (optional file): cla_review on REVIEW, participation from REVIEW_CODE.
    path = os.path.join(folder, "reviews.csv")
    if os.path.exists(path):
        for row in read_csv(path):
            child, review, dob = cell(row, "CHILD"), cell(row, "REVIEW"), cell(row, "DOB")
            if not child or not review:
                continue
            date = parse_date(review, True)
            if date is None or (dob and parse_date(dob, True) is None):
                continue                               # READING: a bad DOB rejects the row too
            events.append(event(child, "cla_review", date, participation=cell(row, "REVIEW_CODE")))
    return events, cases


# ---------------------------------------------------------------- CIN census

def text(el):
    """Trimmed text of an element, '' when absent or empty."""
    return "" if el is None or el.text is None else el.text.strip()


def boolean(value):
    """true/false/1/0 normalised to 'true'/'false'; anything else kept (READING)."""
    return {"true": "true", "1": "true", "false": "false", "0": "false"}.get(value, value)


def cin_census(path):
    events, cases, seen = [], [], set()
    root = ET.parse(path).getroot()
    if root.tag != "Message":
        raise SystemExit("no <Message>")

    for child in root.findall("Children/Child"):
        ids = child.find("ChildIdentifiers")
        cid = text(ids.find("LAchildID")) if ids is not None else ""
        if not cid:
            continue                                   # no LAchildID: the child is rejected whole

        # The case: the first listing of a child keeps its identifiers.
        if cid not in seen:
            seen.add(cid)
            g = (lambda name: text(ids.find(name))) if ids is not None else (lambda name: "")
            attrs, ok = {}, True
            dob = g("PersonBirthDate")
            if not dob and g("ExpectedPersonBirthDate"):
                dob, attrs["unborn"] = g("ExpectedPersonBirthDate"), "true"
            if dob and parse_date(dob, False) is None:
                ok = False                             # a bad date of birth rejects the case
            death = g("PersonDeathDate")
            if death and parse_date(death, False) is None:
                ok = False                             # and so does a bad date of death
            attrs["date_of_death"] = death
            attrs["sex"] = g("Sex") or g("GenderCurrent")
            attrs["upn"], attrs["former_upn"] = g("UPN"), g("FormerUPN")
            attrs["upn_unknown"] = g("UPNunknown")
            attrs["ethnicity"] = text(child.find("ChildCharacteristics/Ethnicity"))
            attrs["disabilities"] = " ".join(
                t for t in (text(d) for d in child.findall(
                    "ChildCharacteristics/Disabilities/Disability")) if t)
            if ok:
                cases.append(case(cid, dob, attrs))

        # Events: one CINdetails block per referral episode (also for a second listing).
        for block in child.findall("CINdetails"):
            ref = parse_date(text(block.find("CINreferralDate")), False)

            def dated(el):
                """The ISO date of an element, None when absent or malformed."""
                return parse_date(text(el), False) if text(el) else None

            # docs/importers.md: a block with no (or a bad) CINreferralDate loses its referral
            # alone; the block's other events are kept.
            if ref is not None:
                events.append(event(cid, "referral", ref,
                                    source=text(block.find("ReferralSource")),
                                    primary_need=text(block.find("PrimaryNeedCode")),
                                    nfa=boolean(text(block.find("ReferralNFA")))))
            d = dated(block.find("CINclosureDate"))
            if d:
                events.append(event(cid, "cin_closure", d,
                                    reason=text(block.find("ReasonForClosure"))))
            for a in block.findall("Assessments"):
                d = dated(a.find("AssessmentActualStartDate"))
                if d:
                    events.append(event(cid, "assessment_start", d))
                d = dated(a.find("AssessmentAuthorisationDate"))
                if d:
                    # READING: AssessmentFactors anywhere under the Assessments element
                    # (in the census: FactorsIdentifiedAtAssessment/AssessmentFactors).
                    factors = " ".join(t for t in (text(f) for f in a.iter("AssessmentFactors")) if t)
                    events.append(event(cid, "assessment_completed", d, factors=factors))
            for p in block.findall("CINPlanDates"):
                for tag, name in (("CINPlanStartDate", "cin_plan_start"),
                                  ("CINPlanEndDate", "cin_plan_end")):
                    d = dated(p.find(tag))
                    if d:
                        events.append(event(cid, name, d))
            icpc_dates = [dated(e) for e in block.findall("DateOfInitialCPC")]
            for s in block.findall("Section47"):
                d = dated(s.find("S47ActualStartDate"))
                if d:
                    events.append(event(
                        cid, "strategy_discussion", d, outcome="s47",
                        initial_cpc_target=text(s.find("InitialCPCtarget")),
                        icpc_not_required=boolean(text(s.find("ICPCnotRequired")))))
                icpc_dates += [dated(e) for e in s.findall("DateOfInitialCPC")]
            plans = block.findall("ChildProtectionPlans")
            plan_starts = {dated(p.find("CPPstartDate")) for p in plans} - {None}
            done = set()
            for d in icpc_dates:                       # each distinct date once, first seen first
                if d and d not in done:
                    done.add(d)
                    events.append(event(cid, "icpcc", d,
                                        outcome="plan" if d in plan_starts else ""))
            for p in plans:
                d = dated(p.find("CPPstartDate"))
                if d:
                    events.append(event(
                        cid, "cp_plan_start", d,
                        category=text(p.find("InitialCategoryOfAbuse")),
                        latest_category=text(p.find("LatestCategoryOfAbuse")),
                        previous_plans=text(p.find("NumberOfPreviousCPP"))))
                d = dated(p.find("CPPendDate"))
                if d:
                    events.append(event(cid, "cp_plan_end", d))
                for r in p.findall("Reviews/CPPreviewDate"):
                    d = dated(r)
                    if d:
                        events.append(event(cid, "rcpcc", d))
    return events, cases


# ---------------------------------------------------------------- duly's side

def run_duly(duly, kind, path):
    with tempfile.TemporaryDirectory() as tmp:
        e_out, c_out = os.path.join(tmp, "E.csv"), os.path.join(tmp, "C.csv")
        proc = subprocess.run([duly, "events", "--source", kind, path, "--skip-invalid",
                               "--out", e_out, "--cases-out", c_out],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr[-2000:])
            raise SystemExit("duly exited with status %d" % proc.returncode)
        events = [event(r["case_id"], r["event"], r["date"],
                        **{k: v for k, v in r.items()
                           if k not in ("case_id", "event", "date", "recorded")})
                  for r in read_csv(e_out)]
        cases = [case(r["case_id"], r.get("date_of_birth", ""),
                      {k: v for k, v in r.items() if k not in ("case_id", "date_of_birth")})
                 for r in read_csv(c_out)]
    return events, cases


# ---------------------------------------------------------------- comparison

def show(row):
    return ",".join(str(x) for x in row[:-1]) + " {" + ", ".join(
        "%s=%s" % kv for kv in sorted(row[-1])) + "}"


def compare(label, mine, theirs):
    """Print the differences between two multisets of rows; True when equal."""
    a, b = collections.Counter(mine), collections.Counter(theirs)
    only_mine, only_duly = list((a - b).elements()), list((b - a).elements())
    for side, rows in (("oracle only", only_mine), ("duly only", only_duly)):
        if rows:
            print("  %s %s: %d" % (label, side, len(rows)))
            for row in sorted(rows)[:20]:
                print("    " + show(row))
    return not only_mine and not only_duly


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--duly", required=True, help="path to the duly program")
    ap.add_argument("kind", choices=["ssda903", "cin-census"])
    ap.add_argument("path", help="the SSDA903 folder or the CIN census XML file")
    args = ap.parse_args()

    mine_e, mine_c = (ssda903 if args.kind == "ssda903" else cin_census)(args.path)
    duly_e, duly_c = run_duly(args.duly, args.kind, args.path)

    print("%s %s" % (args.kind, args.path))
    ca, cb = collections.Counter(e[1] for e in mine_e), collections.Counter(e[1] for e in duly_e)
    print("  %-22s %8s %8s" % ("events", "oracle", "duly"))
    for name in sorted(set(ca) | set(cb)):
        print("  %-22s %8d %8d" % (name, ca[name], cb[name]))
    print("  %-22s %8d %8d" % ("(all events)", len(mine_e), len(duly_e)))
    print("  %-22s %8d %8d" % ("cases", len(mine_c), len(duly_c)))
    same = compare("events", mine_e, duly_e) & compare("cases", mine_c, duly_c)
    print("  " + ("MATCH" if same else "DIFFERENT"))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
