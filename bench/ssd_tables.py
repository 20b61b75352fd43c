"""The generator's timelines as tables of the Standard Safeguarding Dataset (docs/importers.md).

    python3 bench/generate.py --events 20000 --seed 1 --out /tmp/d --ssd

writes, beside events.csv and cases.csv, a folder ssd/ with one CSV file per SSD table (the
SSD's column names as headers, dates as date-times, flags Y/N, contact outcomes as SystemC's
JSON) and load_postgres.sql, which creates the tables in schema ssd_development and loads the
CSV files (`cd ssd && psql -f load_postgres.sql`). `duly check` on events.csv and cases.csv, on
`--source ssd ssd/` and on the tables in PostgreSQL (`--source odbc`) must give the same
obligations for every rule the SSD can feed: that is the test of the SSD importer
(tests/ssd/three_ways.cmake).

It writes what a SystemC export would hold: each statutory visit during a child protection plan
is in ssd_cp_visits and again in ssd_cin_visits under the same case-note id, each CLA visit in
ssd_cla_visits and again in ssd_cin_visits under an id of its own; placement moves are CLA
episodes that cease with X1. What the SSD has no table for (core groups, care plans, midway
reviews, social work reports, write-up dates, a strategy discussion with no section 47) is left
out, and the SSD holds health checks the generator's timelines do not: a seeded few per care
period, some of them planned or refused, in ssd_cla_health. Standard library only.
"""

import csv
import datetime
import os
import random

# Every table written, with its columns and their PostgreSQL types, in the SSD's order.
ID = "varchar(48)"
TEXT = "varchar(255)"
FLAG = "char(1)"
DATE = "timestamp"
TABLES = {
    "ssd_person": [("pers_person_id", ID + " PRIMARY KEY"), ("pers_sex", "varchar(20)"),
                   ("pers_ethnicity", ID), ("pers_dob", DATE), ("pers_expected_dob", DATE),
                   ("pers_death_date", DATE), ("pers_forename", "varchar(100)")],
    "ssd_department": [("dept_team_id", ID + " PRIMARY KEY"), ("dept_team_name", TEXT)],
    "ssd_professionals": [("prof_professional_id", ID + " PRIMARY KEY"), ("prof_staff_id", ID),
                          ("prof_professional_name", "varchar(300)")],
    "ssd_involvements": [("invo_involvements_id", ID + " PRIMARY KEY"), ("invo_professional_id", ID),
                         ("invo_professional_team", ID), ("invo_person_id", ID),
                         ("invo_involvement_start_date", DATE), ("invo_involvement_end_date", DATE)],
    "ssd_contacts": [("cont_contact_id", ID + " PRIMARY KEY"), ("cont_person_id", ID),
                     ("cont_contact_date", DATE), ("cont_contact_source_code", ID),
                     ("cont_contact_outcome_json", "varchar(4000)")],
    "ssd_cin_episodes": [("cine_referral_id", ID + " PRIMARY KEY"), ("cine_person_id", ID),
                         ("cine_referral_date", DATE), ("cine_cin_primary_need_code", "varchar(3)"),
                         ("cine_referral_nfa", FLAG), ("cine_close_reason", "varchar(100)"),
                         ("cine_close_date", DATE)],
    "ssd_cin_assessments": [("cina_assessment_id", ID + " PRIMARY KEY"), ("cina_person_id", ID),
                            ("cina_referral_id", ID), ("cina_assessment_start_date", DATE),
                            ("cina_assessment_child_seen", FLAG), ("cina_assessment_auth_date", DATE)],
    "ssd_s47_enquiry": [("s47e_s47_enquiry_id", ID + " PRIMARY KEY"), ("s47e_referral_id", ID),
                        ("s47e_person_id", ID), ("s47e_s47_start_date", DATE),
                        ("s47e_s47_end_date", DATE)],
    "ssd_initial_cp_conference": [("icpc_icpc_id", ID + " PRIMARY KEY"), ("icpc_s47_enquiry_id", ID),
                                  ("icpc_person_id", ID), ("icpc_icpc_target_date", DATE),
                                  ("icpc_icpc_date", DATE), ("icpc_icpc_outcome_cp_flag", FLAG)],
    "ssd_cp_plans": [("cppl_cp_plan_id", ID + " PRIMARY KEY"), ("cppl_icpc_id", ID),
                     ("cppl_person_id", ID), ("cppl_cp_plan_start_date", DATE),
                     ("cppl_cp_plan_end_date", DATE), ("cppl_cp_plan_initial_category", "varchar(100)")],
    "ssd_cp_reviews": [("cppr_cp_review_id", ID + " PRIMARY KEY"), ("cppr_person_id", ID),
                       ("cppr_cp_plan_id", ID), ("cppr_cp_review_date", DATE),
                       ("cppr_cp_review_outcome_continue_cp", FLAG)],
    "ssd_cp_visits": [("cppv_cp_visit_id", ID + " PRIMARY KEY"), ("cppv_person_id", ID),
                      ("cppv_cp_plan_id", ID), ("cppv_cp_visit_date", DATE),
                      ("cppv_cp_visit_seen", FLAG), ("cppv_cp_visit_seen_alone", FLAG)],
    "ssd_cla_visits": [("clav_cla_visit_id", ID + " PRIMARY KEY"), ("clav_cla_id", ID),
                       ("clav_person_id", ID), ("clav_cla_visit_date", DATE),
                       ("clav_cla_visit_seen", FLAG), ("clav_cla_visit_seen_alone", FLAG)],
    "ssd_cin_visits": [("cinv_cin_visit_id", ID + " PRIMARY KEY"), ("cinv_person_id", ID),
                       ("cinv_cin_visit_date", DATE), ("cinv_cin_visit_seen", FLAG),
                       ("cinv_cin_visit_seen_alone", FLAG)],
    "ssd_cla_episodes": [("clae_cla_episode_id", ID + " PRIMARY KEY"), ("clae_person_id", ID),
                         ("clae_cla_episode_start_date", DATE), ("clae_cla_episode_start_reason", "varchar(100)"),
                         ("clae_cla_primary_need_code", "varchar(3)"), ("clae_cla_episode_ceased_date", DATE),
                         ("clae_cla_episode_ceased_reason", TEXT), ("clae_cla_id", ID)],
    "ssd_cla_placement": [("clap_cla_placement_id", ID + " PRIMARY KEY"), ("clap_cla_id", ID),
                          ("clap_person_id", ID), ("clap_cla_placement_start_date", DATE),
                          ("clap_cla_placement_type", "varchar(100)"), ("clap_cla_placement_end_date", DATE)],
    "ssd_cla_reviews": [("clar_cla_review_id", ID + " PRIMARY KEY"), ("clar_cla_id", ID),
                        ("clar_cla_person_id", ID), ("clar_cla_review_date", DATE),
                        ("clar_cla_review_cancelled", FLAG)],
    "ssd_cla_health": [("clah_health_check_id", ID + " PRIMARY KEY"), ("clah_person_id", ID),
                       ("clah_health_check_type", "varchar(500)"), ("clah_health_check_date", DATE),
                       ("clah_health_check_status", ID)],
}

CONTACT_FLAGS = ["NEW_REFERRAL_FLAG", "EXISTING_REFERRAL_FLAG", "CP_ENQUIRY_FLAG", "NFA_FLAG",
                 "NON_AGENCY_ADOPTION_FLAG", "PRIVATE_FOSTERING_FLAG", "ADVICE_FLAG", "MISSING_FLAG",
                 "OLA_CP_FLAG", "OTHER_OUTCOMES_EXIST_FLAG"]
OUTCOME_FLAG = {"referral": "NEW_REFERRAL_FLAG", "advice": "ADVICE_FLAG", "nfa": "NFA_FLAG"}


def stamp(text):
    """An ISO date as the SSD's date-time."""
    return text + " 00:00:00" if text else ""


def contact_json(outcome):
    # As SystemC builds it: every key present, a flag not set is "".
    flag = OUTCOME_FLAG.get(outcome)
    parts = ['"%s": "%s"' % (key, "Y" if key == flag else "") for key in CONTACT_FLAGS]
    parts.append('"NUMBER_OF_OUTCOMES": %s' % ("1" if flag else "null"))
    parts.append('"COMMENTS": ""')
    return "{" + ", ".join(parts) + "}"


def weekdays_after(text, n):
    """The nth weekday after an ISO date: the initial conference's target date as a system
    that forgets bank holidays works it out, so that the cross-check has something to find."""
    day = datetime.date.fromisoformat(text)
    while n > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day.isoformat()


def yes_no(text):
    return {"true": "Y", "false": "N"}.get(text, "")


class Tables:
    def __init__(self):
        self.rows = {name: [] for name in TABLES}
        self.ids = {}

    def next_id(self, prefix):
        self.ids[prefix] = self.ids.get(prefix, 0) + 1
        return "%s%d" % (prefix, self.ids[prefix])

    def add(self, table, **cells):
        """Adds a row and returns it, for cells known later (an end date)."""
        self.rows[table].append(cells)
        return cells


def write_case(t, rng, case_id, dob, team, events):
    """One child's events (case_id, event, date, recorded, outcome, seen_alone, at_home,
    permanent), in date order, as SSD rows."""
    t.add("ssd_person", pers_person_id=case_id, pers_sex=rng.choice("FM"), pers_dob=stamp(dob),
          pers_forename="")  # names are never needed, and never read
    t.add("ssd_involvements", invo_involvements_id=t.next_id("I"),
          invo_professional_id="W%d" % rng.randint(1, 40), invo_professional_team="T-" + team,
          invo_person_id=case_id, invo_involvement_start_date=stamp(events[0][2] if events else ""))
    referral = s47 = s47_day = icpc = plan = period = None
    episode = None  # the open CLA episode's row
    for (_, event, date, _recorded, outcome, seen_alone, _at_home, permanent) in events:
        if event == "contact":
            t.add("ssd_contacts", cont_contact_id=t.next_id("CT"), cont_person_id=case_id,
                  cont_contact_date=stamp(date), cont_contact_source_code="1A",
                  cont_contact_outcome_json=contact_json(outcome))
        elif event == "referral":
            referral = t.next_id("R")
            t.add("ssd_cin_episodes", cine_referral_id=referral, cine_person_id=case_id,
                  cine_referral_date=stamp(date), cine_cin_primary_need_code="N1",
                  cine_referral_nfa="N")
        elif event == "assessment_completed":
            t.add("ssd_cin_assessments", cina_assessment_id=t.next_id("A"), cina_person_id=case_id,
                  cina_referral_id=referral or "", cina_assessment_child_seen="Y",
                  cina_assessment_auth_date=stamp(date))
        elif event == "strategy_discussion" and outcome == "s47":
            s47, s47_day = t.next_id("S"), date
            t.add("ssd_s47_enquiry", s47e_s47_enquiry_id=s47, s47e_referral_id=referral or "",
                  s47e_person_id=case_id, s47e_s47_start_date=stamp(date))
        elif event == "icpcc":
            icpc = t.next_id("IC")
            t.add("ssd_initial_cp_conference", icpc_icpc_id=icpc, icpc_s47_enquiry_id=s47 or "",
                  icpc_person_id=case_id, icpc_icpc_date=stamp(date),
                  icpc_icpc_target_date=stamp(weekdays_after(s47_day, 15)) if s47_day else "",
                  icpc_icpc_outcome_cp_flag="Y" if outcome == "plan" else "N")
        elif event == "cp_plan_start":
            plan = t.add("ssd_cp_plans", cppl_cp_plan_id=t.next_id("P"), cppl_icpc_id=icpc or "",
                         cppl_person_id=case_id, cppl_cp_plan_start_date=stamp(date),
                         cppl_cp_plan_initial_category=rng.choice(["Neglect", "Emotional abuse"]))
        elif event == "cp_plan_end" and plan:
            plan["cppl_cp_plan_end_date"] = stamp(date)
            plan = None
        elif event == "rcpcc":
            t.add("ssd_cp_reviews", cppr_cp_review_id=t.next_id("CR"), cppr_person_id=case_id,
                  cppr_cp_plan_id=plan["cppl_cp_plan_id"] if plan else "",
                  cppr_cp_review_date=stamp(date), cppr_cp_review_outcome_continue_cp="Y")
        elif event == "visit":
            seen = "Y"
            alone = yes_no(seen_alone)
            if plan:
                note = t.next_id("CN")
                t.add("ssd_cp_visits", cppv_cp_visit_id=note, cppv_person_id=case_id,
                      cppv_cp_plan_id=plan["cppl_cp_plan_id"], cppv_cp_visit_date=stamp(date),
                      cppv_cp_visit_seen=seen, cppv_cp_visit_seen_alone=alone)
                # SystemC: the same case note again among the CIN visits.
                t.add("ssd_cin_visits", cinv_cin_visit_id=note, cinv_person_id=case_id,
                      cinv_cin_visit_date=stamp(date), cinv_cin_visit_seen=seen,
                      cinv_cin_visit_seen_alone=alone)
            elif period:
                t.add("ssd_cla_visits", clav_cla_visit_id=t.next_id("CV"), clav_cla_id=period,
                      clav_person_id=case_id, clav_cla_visit_date=stamp(date),
                      clav_cla_visit_seen=seen, clav_cla_visit_seen_alone=alone)
                t.add("ssd_cin_visits", cinv_cin_visit_id=t.next_id("CN"), cinv_person_id=case_id,
                      cinv_cin_visit_date=stamp(date), cinv_cin_visit_seen=seen,
                      cinv_cin_visit_seen_alone=alone)
            else:
                t.add("ssd_cin_visits", cinv_cin_visit_id=t.next_id("CN"), cinv_person_id=case_id,
                      cinv_cin_visit_date=stamp(date), cinv_cin_visit_seen=seen,
                      cinv_cin_visit_seen_alone=alone)
        elif event == "became_looked_after":
            period = t.next_id("LA")
            episode = open_episode(t, case_id, period, date, "S")
            health_checks(t, rng, case_id, date)
        elif event == "placement_start":
            if period is None:
                continue
            if episode["clae_cla_episode_start_date"] != stamp(date):
                # A move: the episode ceases with X1 and the next begins the same day.
                episode["clae_cla_episode_ceased_date"] = stamp(date)
                episode["clae_cla_episode_ceased_reason"] = "X1"
                episode = open_episode(t, case_id, period, date, "P")
            t.add("ssd_cla_placement", clap_cla_placement_id=t.next_id("PL"), clap_cla_id=period,
                  clap_person_id=case_id, clap_cla_placement_start_date=stamp(date),
                  clap_cla_placement_type="U4" if permanent == "true" else "U6")
        elif event == "cla_review" and period:
            review = dict(clar_cla_review_id=t.next_id("LR"), clar_cla_id=period,
                          clar_cla_person_id=case_id, clar_cla_review_date=stamp(date),
                          clar_cla_review_cancelled="N")
            t.add("ssd_cla_reviews", **review)
            if rng.random() < 0.05:  # a review booked, then cancelled, the week before
                day = datetime.date.fromisoformat(date) - datetime.timedelta(days=7)
                t.add("ssd_cla_reviews", **dict(review, clar_cla_review_id=t.next_id("LR"),
                                               clar_cla_review_date=stamp(day.isoformat()),
                                               clar_cla_review_cancelled="Y"))
        elif event == "ceased_looked_after" and episode:
            episode["clae_cla_episode_ceased_date"] = stamp(date)
            episode["clae_cla_episode_ceased_reason"] = rng.choice(["E4A", "E11", "E13", "E8"])
            period = episode = None


def open_episode(t, case_id, period, date, reason):
    return t.add("ssd_cla_episodes", clae_cla_episode_id=t.next_id("E"), clae_person_id=case_id,
                 clae_cla_episode_start_date=stamp(date), clae_cla_episode_start_reason=reason,
                 clae_cla_primary_need_code="N1", clae_cla_id=period)


def health_checks(t, rng, case_id, start):
    """A health assessment within a month or so of coming into care, a dental check, and now
    and then one planned or refused: what ssd_cla_health holds."""
    day = datetime.date.fromisoformat(start)
    for kind, after, status in [("Health Assessment", rng.randint(5, 40), "Completed"),
                                ("Dental Check", rng.randint(30, 200), "Completed"),
                                ("Health Assessment", rng.randint(150, 200),
                                 rng.choice(["Completed", "Completed", "Planned", "Refused"]))]:
        t.add("ssd_cla_health", clah_health_check_id=t.next_id("H"), clah_person_id=case_id,
              clah_health_check_type=kind,
              clah_health_check_date=stamp((day + datetime.timedelta(days=after)).isoformat()),
              clah_health_check_status=status)


def write(out, events, cases, seed):
    """Writes out/ssd/: `events` the generator's rows, `cases` its (case_id, dob, team)."""
    rng = random.Random(seed * 7919 + 17)  # its own stream: events.csv stays as it was
    by_case = {}
    for row in events:
        by_case.setdefault(row[0], []).append(row)
    t = Tables()
    for team in sorted({c[2] for c in cases}):
        t.add("ssd_department", dept_team_id="T-" + team, dept_team_name=team)
    for w in range(1, 41):
        t.add("ssd_professionals", prof_professional_id="W%d" % w, prof_staff_id="S%d" % w,
              prof_professional_name="Worker %d" % w)
    for case_id, dob, team in cases:
        rows = sorted(by_case.get(case_id, []), key=lambda r: r[2])  # stable: same-day order kept
        write_case(t, rng, case_id, dob, team, rows)
    folder = os.path.join(out, "ssd")
    os.makedirs(folder, exist_ok=True)
    for name, columns in TABLES.items():
        names = [c for c, _ in columns]
        with open(os.path.join(folder, name + ".csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(names)
            for row in t.rows[name]:
                w.writerow([row.get(c, "") for c in names])
    with open(os.path.join(folder, "load_postgres.sql"), "w") as f:
        f.write("-- The tables of this folder in schema ssd_development: cd here, then\n"
                "--   psql -v ON_ERROR_STOP=1 -f load_postgres.sql\n"
                "SET client_min_messages = warning;\n"
                "CREATE SCHEMA IF NOT EXISTS ssd_development;\n")
        for name, columns in TABLES.items():
            f.write("DROP TABLE IF EXISTS ssd_development.%s;\n" % name)
            f.write("CREATE TABLE ssd_development.%s (\n  %s\n);\n"
                    % (name, ",\n  ".join("%s %s" % c for c in columns)))
            f.write("\\copy ssd_development.%s FROM '%s.csv' WITH (FORMAT csv, HEADER true)\n"
                    % (name, name))
    return sum(len(r) for r in t.rows.values())
