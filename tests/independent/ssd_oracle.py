#!/usr/bin/env python3
"""Test oracle for duly's Standard Safeguarding Dataset importer (`--source ssd DIR`).

An INDEPENDENT implementation, written only from docs/importers.md (sections "The Standard
Safeguarding Dataset" and "Rejected rows, warnings and notes"), never from duly's C++ code. It
maps a folder of ssd_*.csv tables to events and cases itself, runs `duly events` on the same
folder, and compares events and cases as multisets, and the rejected rows by file and line.

  python3 ssd_oracle.py --duly PATH_TO_DULY ssd DIR

Exit status: 0 when both sides agree, 1 when they differ (or duly fails).

Readings where docs/importers.md leaves room (marked "READING" below):
  * A blank cell, or `SSD_PH`, is absent; other values are kept as written. A date-time gives
    its day; `1900-01-01` is no date (so, where the date is required, a missing one).
  * Every mapped date column is checked: a cell that is not a date rejects the row. The event's
    own date is required, except a CLA review's, a CP review's and an initial conference's (a
    row without one is "not held": not an event, not rejected).
  * Person id columns are the SSD's `PREFIX_person_id` (ssd_cla_reviews: `clar_cla_person_id`
    or `clar_person_id`); a row with no person id is linked to its child whatever its system.
  * ceased_looked_after carries `reason` only (as SSDA903's does).
  * Contact outcome items: a JSON cell's keys set to Y, a text cell's comma-separated parts.
    No item (an empty cell, no Y) gives no `outcome`; several, none of the four, `other`.
  * icpcc `outcome` for a flag neither Y nor N: the value as written (the Flags rule).
  * Of several conferences naming one enquiry, the first (in table order) with a target date
    gives it; a health check not done or of an unmapped type needs no date.
  * Settled against duly where the docs do not say: involvement ties go to the later row; only
    ssd_person rows are cases.
A table lacking a column it needs stops the run, as the docs say; the oracle only checks that
duly refuses it.
"""
import argparse, collections, csv, datetime, os, re, subprocess, sys, tempfile

TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})" + TIME)
UK = re.compile(r"(\d{2})/(\d{2})/(\d{4})" + TIME)
FLAGS = {"y": "true", "yes": "true", "1": "true", "true": "true",
         "n": "false", "no": "false", "0": "false", "false": "false"}
NOT_DONE = {"planned", "refused", "cancelled", "canceled", "booked", "scheduled", "declined",
            "did not attend", "dna", "not attended", "not done", "no"}
HEALTH = {"health assessment": "health_assessment", "review health assessment": "health_assessment",
          "initial health assessment": "initial_health_assessment", "dental check": "dental_check"}

# table: (key columns, child columns: person id(s) then a link, date columns one of which it needs)
SPEC = {name: tuple(tuple(g.split()) for g in groups) for name, groups in {
    "ssd_person": ("pers_person_id", "pers_person_id", ""),
    "ssd_involvements": ("invo_involvements_id", "invo_person_id invo_referral_id",
                         "invo_involvement_start_date"),
    "ssd_department": ("dept_team_id", "", ""),
    "ssd_professionals": ("prof_professional_id prof_staff_id", "", ""),
    "ssd_contacts": ("cont_contact_id", "cont_person_id", "cont_contact_date"),
    "ssd_cin_episodes": ("cine_referral_id", "cine_person_id", "cine_referral_date"),
    "ssd_cin_assessments": ("cina_assessment_id", "cina_person_id cina_referral_id",
                            "cina_assessment_start_date cina_assessment_auth_date"),
    "ssd_cin_plans": ("cinp_cin_plan_id cin_plan_id", "cinp_person_id cinp_referral_id",
                      "cinp_cin_plan_start_date cinp_cin_plan_start"),
    "ssd_s47_enquiry": ("s47e_s47_enquiry_id", "s47e_person_id s47e_referral_id", "s47e_s47_start_date"),
    "ssd_initial_cp_conference": ("icpc_icpc_id", "icpc_person_id icpc_referral_id", "icpc_icpc_date"),
    "ssd_cp_plans": ("cppl_cp_plan_id", "cppl_person_id", "cppl_cp_plan_start_date"),
    "ssd_cp_reviews": ("cppr_cp_review_id", "cppr_person_id cppr_cp_plan_id", "cppr_cp_review_date"),
    "ssd_cp_visits": ("cppv_cp_visit_id", "cppv_person_id cppv_cp_plan_id", "cppv_cp_visit_date"),
    "ssd_cla_visits": ("clav_cla_visit_id", "clav_person_id clav_cla_id", "clav_cla_visit_date"),
    "ssd_cin_visits": ("cinv_cin_visit_id", "cinv_person_id cinv_cin_plan_id", "cinv_cin_visit_date"),
    "ssd_cla_episodes": ("clae_cla_episode_id", "clae_person_id", "clae_cla_episode_start_date"),
    "ssd_cla_placement": ("clap_cla_placement_id", "clap_person_id clap_cla_id",
                          "clap_cla_placement_start_date"),
    "ssd_cla_reviews": ("clar_cla_review_id", "clar_cla_person_id clar_person_id clar_cla_id",
                        "clar_cla_review_date"),
    "ssd_cla_health": ("clah_health_check_id", "clah_person_id", "clah_health_check_date"),
}.items()}
# the link column of a table (its last child column) leads through: referral, plan or care period
VIA = {"invo_referral_id": "cin", "cina_referral_id": "cin", "cinp_referral_id": "cin",
       "s47e_referral_id": "cin", "icpc_referral_id": "cin", "cinv_cin_plan_id": "cin",
       "cppr_cp_plan_id": "cp", "cppv_cp_plan_id": "cp",
       "clav_cla_id": "cla", "clap_cla_id": "cla", "clar_cla_id": "cla"}


class Bad(Exception):                                  # a rejected row, with its reason
    pass


def parse_date(text):
    """ISO day of a date or date-time (ISO or DD/MM/YYYY), None when not a date."""
    m, uk = ISO.fullmatch(text.strip()), UK.fullmatch(text.strip())
    if not m and not uk:
        return None
    y, mo, d = m.groups() if m else uk.groups()[::-1]
    try:
        return datetime.date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return None


def flag(value):
    """true/false for the documented spellings (any case); anything else kept as written."""
    return FLAGS.get(value.strip().lower(), value) if value else ""


class Row:
    def __init__(self, line, cells):
        self.line, self.cells = line, cells

    def get(self, *cols):
        """The first present cell of cols; '' when all are blank, SSD_PH or absent."""
        vals = [self.cells.get(c, "") for c in cols]
        return next((v for v in vals if v.strip() and v.strip() != "SSD_PH"), "")

    def date(self, *cols, required=False):
        v = self.get(*cols)
        iso = parse_date(v) if v else ""
        if iso is None:
            raise Bad('%s "%s" is not a date' % (cols[0], v))
        iso = "" if iso == "1900-01-01" else iso       # the placeholder date is no date
        if required and not iso:
            raise Bad("%s is missing" % cols[0])
        return iso


def row(key, date, **attrs):
    """An event (key: case_id, event) or a case (key: case_id) as compared: key, date and the
    frozenset of its non-empty attributes."""
    return key + (date or "", frozenset((k, v) for k, v in attrs.items() if v not in (None, "")))


def read_table(folder, name, rejects):
    """The table's rows, or None when the file is absent or lacks a column it needs."""
    files = {f.lower(): f for f in os.listdir(folder)}
    if name + ".csv" not in files:
        return None
    with open(os.path.join(folder, files[name + ".csv"]), newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader, [])]
        if any(g and not set(g) & set(header) for g in SPEC[name]):
            rejects.append((name + ".csv", 1, "the header lacks a column duly needs"))
            return None
        rows, line = [], 2
        for cells in reader:
            if cells and len(cells) != len(header):
                rejects.append((name + ".csv", line, "%d cells, not %d" % (len(cells), len(header))))
            elif cells:
                rows.append(Row(line, dict(zip(header, cells))))
            line = reader.line_num + 1
    return rows


def contact_outcome(text):
    """early_help, referral, advice, nfa, else the one item in lower case (a flag without
    _FLAG), else other."""
    if not text.strip():
        return ""                                      # READING: no outcome recorded
    if text.lstrip().startswith("{"):                  # SystemC: the keys set to Y
        items = re.findall(r'"(\w+)"\s*:\s*"[Yy]"', text)
    else:                                              # Mosaic: comma-separated actions
        items = [t.strip() for t in text.split(",") if t.strip()]
    kinds = set()
    for item in items:
        low = item.lower().replace("_", " ")
        kinds.add("early_help" if re.search(r"\beh\b|early help", low) else
                  "referral" if "refer" in low or "enquiry" in low else
                  "advice" if "advice" in low else
                  "nfa" if re.search(r"\bnfa\b|no further action", low) else "")
    kind = next((k for k in ("early_help", "referral", "advice", "nfa") if k in kinds), "")
    one = re.sub(r"_flag$", "", items[0].lower()) if len(items) == 1 else ""
    return kind or one or ("other" if items else "")


# ---------------------------------------------------------------- the SSD

def ssd(folder):
    events, cases, rejects = [], [], []
    T = {name: read_table(folder, name, rejects) or [] for name in SPEC}

    def links(name, idcol, pcol):                      # the first row with an id gives its child
        return {k: v for k, v in reversed([(r.get(idcol), r.get(pcol)) for r in T[name]]) if k and v}

    via = {"cin": links("ssd_cin_episodes", "cine_referral_id", "cine_person_id"),
           "cp": links("ssd_cp_plans", "cppl_cp_plan_id", "cppl_person_id"),
           "cla": links("ssd_cla_episodes", "clae_cla_id", "clae_person_id")}

    def child(name, r):
        """The row's person id, else the child its link leads to (any system: READING)."""
        person = [c for c in SPEC[name][1] if c not in VIA]
        link = [c for c in SPEC[name][1] if c in VIA]
        if r.get(*person):
            return r.get(*person)
        if link and r.get(link[0]) in via[VIA[link[0]]]:
            return via[VIA[link[0]]][r.get(link[0])]
        raise Bad("%s is missing" % person[0] + (" and %s %r leads to no child" % (
            link[0], r.get(link[0])) if link else ""))

    def each(name, fn):
        """Call fn(row, child) for each row of a table; a Bad rejects the row."""
        for r in T[name]:
            try:
                fn(r, child(name, r))
            except Bad as e:
                rejects.append((name + ".csv", r.line, str(e)))

    def ev(c, name, date, **attrs):
        events.append(row((c, name), date, **attrs))

    def dated_span(r, start_cols, end_cols):
        """A required start and an optional end, rejected when it ends before it starts."""
        start, end = r.date(*start_cols, required=True), r.date(*end_cols)
        if end and end < start:
            raise Bad("%s %s is before %s %s" % (end_cols[0], end, start_cols[0], start))
        return start, end

    def contact(r, c):
        ev(c, "contact", r.date("cont_contact_date", required=True),
           outcome=contact_outcome(r.get("cont_contact_outcome_json")),
           source=r.get("cont_contact_source_code", "cont_contact_source", "cont_contact_source_desc"))

    def referral(r, c):
        ref, close = r.date("cine_referral_date", required=True), r.date("cine_close_date")
        ev(c, "referral", ref, source=r.get("cine_referral_source_code"),
           primary_need=r.get("cine_cin_primary_need_code"), nfa=flag(r.get("cine_referral_nfa")))
        if close:                                      # before the referral: a warning only
            ev(c, "cin_closure", close, reason=r.get("cine_close_reason"))

    def assessment(r, c):
        start, auth = r.date("cina_assessment_start_date"), r.date("cina_assessment_auth_date")
        if not start and not auth:
            raise Bad("cina_assessment_start_date and cina_assessment_auth_date are both missing")
        if start:
            ev(c, "assessment_start", start)
        if auth:
            ev(c, "assessment_completed", auth, child_seen=flag(r.get("cina_assessment_child_seen")),
               nfa=flag(r.get("cina_assessment_outcome_nfa")))

    def cin_plan(r, c):
        start, end = dated_span(r, ("cinp_cin_plan_start_date", "cinp_cin_plan_start"),
                                ("cinp_cin_plan_end_date", "cinp_cin_plan_end"))
        ev(c, "cin_plan_start", start)
        if end:
            ev(c, "cin_plan_end", end)

    targets = {}                                       # s47 enquiry id -> the ICPC's target date

    def icpc(r, c):
        d, target = r.date("icpc_icpc_date"), r.date("icpc_icpc_target_date")
        if target and r.get("icpc_s47_enquiry_id"):    # the first one naming it, in table order
            targets.setdefault(r.get("icpc_s47_enquiry_id"), target)
        if d:                                          # no date: not held yet, not an event
            f = flag(r.get("icpc_icpc_outcome_cp_flag"))   # READING: other values as written
            ev(c, "icpcc", d, transfer_in=flag(r.get("icpc_icpc_transfer_in")),
               outcome={"true": "plan", "false": "no_plan"}.get(f, f))

    def s47(r, c):
        ev(c, "strategy_discussion", r.date("s47e_s47_start_date", required=True), outcome="s47",
           initial_cpc_target=targets.get(r.get("s47e_s47_enquiry_id")))

    def cp_plan(r, c):
        start, end = dated_span(r, ("cppl_cp_plan_start_date",), ("cppl_cp_plan_end_date",))
        ev(c, "cp_plan_start", start, category=r.get("cppl_cp_plan_initial_category"),
           latest_category=r.get("cppl_cp_plan_latest_category"), ola=flag(r.get("cppl_cp_plan_ola")))
        if end:
            ev(c, "cp_plan_end", end)

    def cp_review(r, c):
        d = r.date("cppr_cp_review_date")
        if d:                                          # no date: not held
            ev(c, "rcpcc", d, continue_plan=flag(r.get("cppr_cp_review_outcome_continue_cp")),
               participation=r.get("cppr_cp_review_participation"))

    seen_ids, seen_days = set(), set()                 # of the CP and CLA visits

    def visit(prefix, setting):
        def fn(r, c):
            d, key = r.date(prefix + "_visit_date", required=True), r.get(prefix + "_visit_id")
            if setting == "cin" and (key in seen_ids or (c, d) in seen_days):
                return                                 # a CP or CLA visit again: counted once
            if setting != "cin":
                seen_ids.add(key), seen_days.add((c, d))
            ev(c, "visit", d, child_seen=flag(r.get(prefix + "_visit_seen")),
               seen_alone=flag(r.get(prefix + "_visit_seen_alone")),
               bedroom_seen=flag(r.get(prefix + "_visit_bedroom")), setting=setting)
        return fn

    episodes = collections.defaultdict(list)

    def cla_episode(r, c):
        start, end = dated_span(r, ("clae_cla_episode_start_date",),
                                ("clae_cla_episode_ceased_date", "clae_cla_episode_ceased"))
        episodes[c].append((start, end, r.get("clae_cla_episode_ceased_reason").strip(),
                            r.get("clae_cla_primary_need_code")))

    def placement(r, c):
        kind = r.get("clap_cla_placement_type").strip()
        ev(c, "placement_start", r.date("clap_cla_placement_start_date", required=True),
           placement_type=r.get("clap_cla_placement_type"),
           placement_provider=r.get("clap_cla_placement_provider"),
           placement_postcode=r.get("clap_cla_placement_postcode"), urn=r.get("clap_cla_placement_urn"),
           reason_place_change=r.get("clap_cla_placement_change_reason"),
           permanent=str(kind in ("U1", "U4")).lower(), placed_with_parents=str(kind == "P1").lower())

    def cla_review(r, c):
        d = r.date("clar_cla_review_date")
        if d and flag(r.get("clar_cla_review_cancelled")) != "true":
            ev(c, "cla_review", d, participation=r.get("clar_cla_review_participation"))

    def health(r, c):                                  # a check that is no event needs no date
        status = r.get("clah_health_check_status").strip().lower()
        name = HEALTH.get(r.get("clah_health_check_type").strip().lower())
        if name and status not in NOT_DONE:
            ev(c, name, r.date("clah_health_check_date", required=True))

    for name, fn in (("ssd_contacts", contact), ("ssd_cin_episodes", referral),
                     ("ssd_cin_assessments", assessment), ("ssd_cin_plans", cin_plan),
                     ("ssd_initial_cp_conference", icpc), ("ssd_s47_enquiry", s47),
                     ("ssd_cp_plans", cp_plan), ("ssd_cp_reviews", cp_review),
                     ("ssd_cp_visits", visit("cppv_cp", "cp")),
                     ("ssd_cla_visits", visit("clav_cla", "cla")),
                     ("ssd_cin_visits", visit("cinv_cin", "cin")), ("ssd_cla_episodes", cla_episode),
                     ("ssd_cla_placement", placement), ("ssd_cla_reviews", cla_review),
                     ("ssd_cla_health", health)):
        each(name, fn)

    # Care periods: each child's episodes in start order (ties in file order), as SSDA903's.
    for c, eps in episodes.items():
        new_period = True
        for start, end, reason, need in sorted(eps, key=lambda e: e[0]):
            if new_period:
                ev(c, "became_looked_after", start, category_of_need=need)
            new_period = bool(end) and reason != "X1"  # no reason: ends it, with a warning
            if new_period:
                ev(c, "ceased_looked_after", end, reason=reason)

    # Cases: ssd_person, with team and worker from the child's involvement.
    teams = {r.get("dept_team_id"): r.get("dept_team_name") for r in T["ssd_department"]}
    workers = {r.get(col): r.get("prof_professional_name") for r in T["ssd_professionals"]
               for col in ("prof_staff_id", "prof_professional_id") if r.get(col)}
    invos = collections.defaultdict(list)

    def involvement(r, c):                             # READING: the start date is required
        invos[c].append((r.date("invo_involvement_start_date", required=True),
                         r.date("invo_involvement_end_date"), len(invos[c]), r))

    each("ssd_involvements", involvement)
    seen = set()

    def person(r, c):
        dob, expected, death = r.date("pers_dob"), r.date("pers_expected_dob"), r.date("pers_death_date")
        if c in seen:
            raise Bad('pers_person_id "%s" appears twice' % c)
        seen.add(c)
        attrs = {"sex": r.get("pers_sex"), "ethnicity": r.get("pers_ethnicity"),
                 "upn": r.get("pers_upn"), "upn_unknown": r.get("pers_upn_unknown"),
                 "date_of_death": death, "mother": flag(r.get("pers_is_mother"))}
        if not dob and expected:
            dob, attrs["unborn"] = expected, "true"
        opened = [i for i in invos[c] if not i[1]]     # the open one that started last,
        chosen = (max(opened, key=lambda i: (i[0], i[2])) if opened else   # else the one
                  max(invos[c], key=lambda i: (i[1], i[2])) if invos[c] else None)  # ended last
        if chosen:
            team, worker = chosen[3].get("invo_professional_team"), chosen[3].get("invo_professional_id")
            attrs["team"], attrs["worker"] = teams.get(team) or team, workers.get(worker) or worker
        cases.append(row((c,), dob, **attrs))

    each("ssd_person", person)
    return events, cases, rejects


# ---------------------------------------------------------------- duly's side

def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def run_duly(duly, path):
    with tempfile.TemporaryDirectory() as tmp:
        e_out, c_out, r_out = (os.path.join(tmp, n) for n in ("E.csv", "C.csv", "R.csv"))
        proc = subprocess.run([duly, "events", "--source", "ssd", path, "--skip-invalid",
                               "--out", e_out, "--cases-out", c_out, "--rejects", r_out],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr[-2000:])
            raise SystemExit("duly exited with status %d" % proc.returncode)
        skip = ("case_id", "event", "date", "recorded", "date_of_birth")
        attrs = lambda r: {k: v for k, v in r.items() if k not in skip}
        events = [row((r["case_id"], r["event"]), r["date"], **attrs(r)) for r in read_csv(e_out)]
        cases = [row((r["case_id"],), r.get("date_of_birth"), **attrs(r)) for r in read_csv(c_out)]
        rejects = [(os.path.basename(r["file"]), int(r["line"]), r["reason"]) for r in read_csv(r_out)]
    return events, cases, rejects


# ---------------------------------------------------------------- comparison

def show(r):
    attrs = ", ".join("%s=%s" % kv for kv in sorted(r[-1]))
    return ",".join(str(x) for x in r[:-1]) + " {" + attrs + "}"


def compare(label, mine, theirs, show=show):
    """Print the differences between two multisets of rows; True when equal."""
    a, b = collections.Counter(mine), collections.Counter(theirs)
    only_mine, only_duly = sorted((a - b).elements()), sorted((b - a).elements())
    for side, rows in (("expected by the oracle, not in duly's output", only_mine),
                       ("in duly's output, not expected by the oracle", only_duly)):
        if rows:
            print("  %s %s: %d" % (label, side, len(rows)))
            for r in rows[:20]:
                print("    " + show(r))
    return not only_mine and not only_duly


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--duly", required=True, help="path to the duly program")
    ap.add_argument("kind", choices=["ssd"])
    ap.add_argument("path", help="the folder of ssd_*.csv tables")
    args = ap.parse_args()

    mine_e, mine_c, mine_r = ssd(args.path)
    duly_e, duly_c, duly_r = run_duly(args.duly, args.path)

    print("%s %s" % (args.kind, args.path))
    ca, cb = collections.Counter(e[1] for e in mine_e), collections.Counter(e[1] for e in duly_e)
    print("  %-28s %8s %8s" % ("events", "oracle", "duly"))
    for name in sorted(set(ca) | set(cb)):
        print("  %-28s %8d %8d" % (name, ca[name], cb[name]))
    for label, m, d in (("(all events)", mine_e, duly_e), ("cases", mine_c, duly_c),
                        ("rejected rows", mine_r, duly_r)):
        print("  %-28s %8d %8d" % (label, len(m), len(d)))
    # Rejected rows are compared by file and line (so their number too), not by the wording.
    reasons = {r[:2]: r[2] for r in mine_r + duly_r}
    same = (compare("events", mine_e, duly_e) & compare("cases", mine_c, duly_c)
            & compare("rejected rows", [r[:2] for r in mine_r], [r[:2] for r in duly_r],
                      lambda r: "%s:%d: %s" % (r + (reasons[r],))))
    print("  %s: oracle %d events, %d cases, %d rejected rows; duly %d, %d, %d" % (
        "MATCH" if same else "DIFFERENT", len(mine_e), len(mine_c), len(mine_r),
        len(duly_e), len(duly_c), len(duly_r)))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
