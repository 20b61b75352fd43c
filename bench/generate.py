#!/usr/bin/env python3
"""Synthetic case timelines for the benchmark (bench/run.sh) and for trying duly at scale.

Each case follows a plausible journey through children's social care: a contact, a referral,
visits and an assessment; for some, a strategy discussion, a section 47 enquiry, an initial
child protection conference and a child protection plan with core groups, home visits and
review conferences; for some, a period looked after with placements, visits, CLA reviews and
midway reviews. Most things happen on time, some late, some never, and write-ups (`recorded`)
come a few days after the event, sometimes much later or not at all, so every status of every
bench rule occurs. The output is seeded (the same --seed gives the same files) and its rows are
shuffled in chunks, as a real case-management export is rarely sorted.

    python3 bench/generate.py --events 1000000 --seed 1 --out /tmp/duly-bench/1m

writes events.csv (case_id,event,date,recorded,outcome,seen_alone,at_home,permanent) and
cases.csv (case_id,date_of_birth,team). Standard library only.
"""

import argparse
import datetime
import os
import random
import sys

EVENT_COLUMNS = ["case_id", "event", "date", "recorded", "outcome", "seen_alone", "at_home",
                 "permanent"]
TEAMS = ["north", "south", "east", "west", "central", "disabled_children"]

FIRST_DAY = datetime.date(2019, 1, 1).toordinal()
LAST_START = datetime.date(2025, 10, 31).toordinal()
AS_OF = datetime.date(2025, 12, 31).toordinal()


class Journey:
    """The events of one case, as rows of text; dates are proleptic ordinals until written."""

    def __init__(self, rng, case_id, iso):
        self.rng = rng
        self.case_id = case_id
        self.iso = iso
        self.rows = []

    def recorded(self, day):
        # Most write-ups follow within a working week; a tail is weeks late; a few never come.
        r = self.rng.random()
        if r < 0.02:
            return ""
        if r < 0.85:
            return self.iso(day + self.rng.randint(0, 4))
        if r < 0.97:
            return self.iso(day + self.rng.randint(5, 14))
        return self.iso(day + self.rng.randint(15, 60))

    def add(self, event, day, outcome="", seen_alone="", at_home="", permanent=""):
        # Events far beyond the as-of date are not in an export; a conference scheduled a few
        # weeks ahead is (notice rules see it).
        if day > AS_OF + 40:
            return
        recorded = self.recorded(day) if day <= AS_OF else ""
        self.rows.append((self.case_id, event, self.iso(day), recorded, outcome, seen_alone,
                          at_home, permanent))

    def late(self, usual, spread, late_chance=0.12, late_by=(1, 30)):
        """A gap that usually falls in [usual - spread, usual] and sometimes overruns."""
        if self.rng.random() < late_chance:
            return usual + self.rng.randint(*late_by)
        return usual - self.rng.randint(0, spread)

    def visit(self, day, over_three):
        seen_alone = "true" if (over_three and self.rng.random() < 0.88) else "false"
        at_home = "true" if self.rng.random() < 0.9 else "false"
        if self.rng.random() < 0.03:
            seen_alone = ""  # not written down
        self.add("visit", day, seen_alone=seen_alone, at_home=at_home)


def child_protection(j, start, dob):
    """Strategy discussion, s47, ICPCC and, for most, a CP plan. Returns the day it ends."""
    rng = j.rng
    strategy = start + rng.choice([0, 1, 1, 2, 3, 4, 6])
    s47 = rng.random() < 0.75
    j.add("strategy_discussion", strategy, outcome="s47" if s47 else "nfa")
    if not s47:
        return strategy
    icpcc = strategy + j.late(21, 8, late_chance=0.15, late_by=(1, 20))  # 15 working days ~ 21
    if rng.random() < 0.9:
        report_gap = rng.choice([2, 3, 3, 4, 5, 7]) if rng.random() < 0.85 else rng.choice([0, 1])
        j.add("cp_report", icpcc - report_gap)
    plan = rng.random() < 0.72
    j.add("icpcc", icpcc, outcome="plan" if plan else "no_plan")
    if not plan or icpcc > AS_OF:
        return icpcc
    j.add("cp_plan_start", icpcc)
    length = rng.randint(120, 720)
    end = icpcc + length
    over_three = dob is not None and icpcc - dob > 3 * 365

    # Core groups: the first within 10 days, then about every 6 weeks.
    day = icpcc + j.late(10, 6, late_chance=0.1, late_by=(1, 10))
    while day < end:
        if rng.random() < 0.97:
            j.add("core_group", day)
        day += j.late(42, 10, late_chance=0.1, late_by=(1, 21))
    # Home visits about every 10 days.
    day = icpcc + rng.randint(1, 7)
    while day < end:
        j.visit(day, over_three)
        day += j.late(10, 4, late_chance=0.12, late_by=(1, 8))
    # Review conferences: 3 months, then every 6 months.
    day = icpcc + j.late(91, 14, late_chance=0.1, late_by=(1, 30))
    while day < end:
        j.add("rcpcc", day, outcome="continue")
        day += j.late(182, 20, late_chance=0.1, late_by=(1, 40))
    if end <= AS_OF:
        j.add("cp_plan_end", end)
    return end


def looked_after(j, start, dob):
    """A period in care: care plan, placements, visits, CLA reviews, midway reviews."""
    rng = j.rng
    if start > AS_OF:
        return
    j.add("became_looked_after", start)
    if rng.random() < 0.95:
        # The care plan: sometimes written before the child comes into care.
        j.add("care_plan", start + (rng.randint(-10, -1) if rng.random() < 0.2
                                    else j.late(12, 12, late_chance=0.15, late_by=(1, 25))))
    length = rng.randint(90, 1500)
    end = start + length
    over_three = dob is not None and start - dob > 3 * 365

    # Placements: the first on the first day; later moves, the last often permanent.
    placements = [start]
    day = start
    while True:
        day += rng.randint(60, 400)
        if day >= end or len(placements) > 4:
            break
        placements.append(day)
    permanent_from = placements[-1] if len(placements) > 1 and rng.random() < 0.5 else None
    for p in placements:
        j.add("placement_start", p, permanent="true" if p == permanent_from else "false")

    # Visits: about every 6 weeks, every 3 months once the placement is permanent.
    day = start + rng.randint(1, 7)
    while day < end:
        j.visit(day, over_three)
        usual = 91 if permanent_from is not None and day >= permanent_from else 42
        day += j.late(usual, 14, late_chance=0.1, late_by=(1, 20))

    # CLA reviews at 20 working days, 3 months later, then every 6 months, with a midway
    # review between the 6-monthly ones (often forgotten).
    reviews = []
    day = start + j.late(28, 6, late_chance=0.1, late_by=(1, 14))
    gaps = [91]
    while day < end:
        reviews.append(day)
        j.add("cla_review", day)
        day += j.late(gaps.pop(0) if gaps else 182, 14, late_chance=0.1, late_by=(1, 30))
    for a, b in zip(reviews[1:], reviews[2:]):
        if rng.random() < 0.7:
            j.add("midway_review", (a + b) // 2 + rng.randint(-10, 10))
    if end <= AS_OF:
        j.add("ceased_looked_after", end)


def one_case(rng, case_id, iso):
    j = Journey(rng, case_id, iso)
    contact = rng.randint(FIRST_DAY, LAST_START)
    dob = None
    if rng.random() < 0.96:
        dob = contact - rng.randint(0, 17 * 365)
    j.add("contact", contact, outcome=rng.choices(["referral", "advice", "nfa"], [80, 12, 8])[0])
    if j.rows[-1][4] != "referral":
        return j.rows, dob

    referral = contact + (rng.choice([0, 0, 1, 1, 1]) if rng.random() < 0.9
                          else rng.randint(2, 6))
    j.add("referral", referral)
    over_three = dob is not None and referral - dob > 3 * 365
    j.visit(referral + j.late(7, 6, late_chance=0.15, late_by=(1, 10)), over_three)
    # The assessment: 35 working days is about 49 calendar days; many finish sooner.
    if rng.random() < 0.93:
        j.add("assessment_completed", referral + j.late(49, 35, late_chance=0.2,
                                                         late_by=(1, 40)))

    end = referral
    if rng.random() < 0.45:
        end = child_protection(j, referral + rng.randint(0, 20), dob)
    if rng.random() < 0.3:
        looked_after(j, max(end, referral) + rng.randint(0, 120), dob)
    return j.rows, dob


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=".", help="directory for events.csv and cases.csv")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    iso_cache = {}

    def iso(day):
        text = iso_cache.get(day)
        if text is None:
            text = iso_cache[day] = datetime.date.fromordinal(day).isoformat()
        return text

    rows = []
    cases = []
    n = 0
    while len(rows) < args.events:
        n += 1
        case_id = "C%07d" % n
        case_rows, dob = one_case(rng, case_id, iso)
        rows.extend(case_rows)
        cases.append((case_id, iso(dob) if dob is not None else "", rng.choice(TEAMS)))
    # The export stops at the target: the last case is cut short, as a case open at the
    # moment of an export would be.
    del rows[args.events:]

    # Shuffle in chunks: each chunk keeps its order (one case's events, or a few cases'), the
    # chunks come in any order, so the reader must group and sort.
    chunks = []
    i = 0
    while i < len(rows):
        size = rng.randint(200, 5000)
        chunks.append((i, i + size))
        i += size
    rng.shuffle(chunks)

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "events.csv"), "w", newline="") as f:
        f.write(",".join(EVENT_COLUMNS) + "\n")
        for a, b in chunks:
            f.write("".join(",".join(row) + "\n" for row in rows[a:b]))
    case_order = list(range(len(cases)))
    rng.shuffle(case_order)
    with open(os.path.join(args.out, "cases.csv"), "w", newline="") as f:
        f.write("case_id,date_of_birth,team\n")
        f.write("".join(",".join(cases[k]) + "\n" for k in case_order))
    print("%d events, %d cases -> %s" % (len(rows), len(cases), args.out), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
