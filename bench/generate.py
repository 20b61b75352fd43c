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

    python3 bench/generate.py --vocabulary camden --seed 2024 --out examples/data/camden

writes instead the small sample of examples/data/camden: about forty children whose journeys
use every event type and attribute of policies/events.policy, checked on 2024-06-30 (see
examples/data/README.md).
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


# --- The Camden sample (--vocabulary camden) ------------------------------------------------
#
# A small, readable sample that uses the whole vocabulary of policies/events.policy, so that
# `duly check policies/camden.policy` finds obligations for nearly every rule: about forty
# children, each following one kind of journey (a contact that goes no further, an assessment,
# a child in need plan, a child protection plan, a pre-birth plan, a period looked after in its
# several kinds of placement, a care leaver). Each team has its own standard of practice, so
# most obligations are met, some are late, some missed, and the newest are pending on the
# as-of date. Its rows are sorted by case and date, to be read by a person.

SAMPLE_AS_OF = datetime.date(2024, 6, 30).toordinal()
SAMPLE_COLUMNS = ["case_id", "event", "date", "recorded", "outcome", "urgent", "at_home",
                  "child_seen", "seen_alone", "seen_awake", "unannounced", "mother_fit",
                  "emergency", "permanent", "regulation_24", "placed_with_parents"]
# The share of things each team does in time: enough spread that `--by team` tells them apart.
SAMPLE_TEAMS = {"north": 0.93, "south": 0.88, "east": 0.84, "west": 0.76}
SAMPLE_WORKERS = {
    "north": ["A. Okafor", "B. Byrne", "C. Patel"],
    "south": ["D. Nowak", "E. Hughes", "F. Rahman"],
    "east": ["G. Silva", "H. Adeyemi", "J. Kelly"],
    "west": ["K. Murphy", "L. Chen", "M. Osei"],
}
# Conferences and reviews already booked when the export is taken: they appear after the as-of
# date (notice rules see them); nothing else does.
SCHEDULED = {"icpcc", "rcpcc", "cla_review"}
# England and Wales bank holidays of the years the sample covers, so that working-day
# deadlines are met or missed as the engine counts them.
BANK_HOLIDAYS = {datetime.date.fromisoformat(d).toordinal() for d in (
    "2019-01-01 2019-04-19 2019-04-22 2019-05-06 2019-05-27 2019-08-26 2019-12-25 2019-12-26 "
    "2020-01-01 2020-04-10 2020-04-13 2020-05-08 2020-05-25 2020-08-31 2020-12-25 2020-12-28 "
    "2021-01-01 2021-04-02 2021-04-05 2021-05-03 2021-05-31 2021-08-30 2021-12-27 2021-12-28 "
    "2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-06-02 2022-06-03 2022-08-29 2022-09-19 "
    "2022-12-26 2022-12-27 2023-01-02 2023-04-07 2023-04-10 2023-05-01 2023-05-08 2023-05-29 "
    "2023-08-28 2023-12-25 2023-12-26 2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 "
    "2024-08-26 2024-12-25 2024-12-26").split()}


def day_of(text):
    return datetime.date.fromisoformat(text).toordinal()


def is_working_day(day):
    return datetime.date.fromordinal(day).weekday() < 5 and day not in BANK_HOLIDAYS


def working_days_after(day, n):
    """The nth working day strictly after day (reading 1)."""
    while n > 0:
        day += 1
        if is_working_day(day):
            n -= 1
    return day


def working_days_before(day, n):
    while n > 0:
        day -= 1
        if is_working_day(day):
            n -= 1
    return day


def add_months(day, n):
    """day + n months, the day of the month kept or cut to the month's end (reading 2)."""
    d = datetime.date.fromordinal(day)
    month = d.month - 1 + n
    year, month = d.year + month // 12, month % 12 + 1
    for dom in (d.day, 30, 29, 28):
        try:
            return datetime.date(year, month, dom).toordinal()
        except ValueError:
            continue
    raise AssertionError("no such month")


def age_on(dob, day):
    if dob is None:
        return None
    b, d = datetime.date.fromordinal(dob), datetime.date.fromordinal(day)
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def birthday(dob, years):
    b = datetime.date.fromordinal(dob)
    try:
        return b.replace(year=b.year + years).toordinal()
    except ValueError:  # 29 February: 1 March in other years (reading 2)
        return datetime.date(b.year + years, 3, 1).toordinal()


def flag(value):
    return "true" if value else "false"


class SampleCase:
    """One child's events; dates are ordinals until written. quality is the chance that a
    thing is done in time."""

    def __init__(self, rng, dob, quality):
        self.rng = rng
        self.dob = dob
        self.quality = quality
        self.rows = []  # [day, event, attributes]
        self.cp_plans = []  # (start, end or None): recording is stricter inside (T12)

    def ok(self, chance=None):
        return self.rng.random() < (self.quality if chance is None else chance)

    def working(self, day, floor):
        """The nearest working day on or before day, not before floor; else the next one."""
        d = day
        while not is_working_day(d) and d > floor:
            d -= 1
        if is_working_day(d) and d >= floor:
            return d
        d = day
        while not is_working_day(d):
            d += 1
        return d

    def by(self, earliest, due, late_by=(1, 10), chance=None):
        """A working day in [earliest, due] when the thing is done in time, else late_by days
        after due."""
        if self.ok(chance):
            return self.working(self.rng.randint(earliest, max(earliest, due)), earliest)
        return self.working(due + self.rng.randint(*late_by), due + 1)

    def ahead(self, event_day, notice_due, early_by, late_window):
        """A day for a notice (an invitation, a report): early_by days before notice_due, or
        late: within late_window days before the event itself."""
        if self.ok():
            return self.working(notice_due - self.rng.randint(0, early_by), notice_due - 30)
        return event_day - self.rng.randint(*late_window)

    def add(self, event, day, **attributes):
        limit = SAMPLE_AS_OF + (42 if event in SCHEDULED else 0)
        if day <= limit:
            self.rows.append([day, event, attributes])

    def age(self, day):
        return age_on(self.dob, day)

    def visit(self, day, setting, unannounced=False, awake=None):
        """A social worker's visit. setting: "cin", "cp", "cla" or "unborn" (a visit to the
        mother before the birth: nothing is recorded about the child)."""
        if setting == "unborn":
            self.add("visit", day, at_home="true", unannounced=flag(unannounced))
            return
        age = self.age(day)
        young = age is not None and age < 3
        seen = self.ok(0.97 if setting != "cin" else 0.94)
        alone = seen and not young and self.ok(0.9 if setting == "cp" else 0.86)
        if awake is None:
            awake = seen and self.ok(0.8)
        attributes = {"child_seen": flag(seen), "unannounced": flag(unannounced)}
        if setting == "cla":
            attributes["at_home"] = ""  # a visit in placement: at home does not apply
        else:
            attributes["at_home"] = flag(self.ok(0.93))
        if young:
            attributes["seen_awake"] = flag(awake and seen)
        else:
            attributes["seen_alone"] = flag(alone)
        self.add("visit", day, **attributes)

    def in_cp_plan(self, day):
        return any(s <= day and (e is None or day <= e) for s, e in self.cp_plans)

    def recorded(self, day):
        """When the event was written up: CP work within 2 days as a rule, the rest within a
        working week; a tail later; a few not yet."""
        r = self.rng.random()
        slack = 1.0 - self.quality
        if self.in_cp_plan(day):
            gap = (self.rng.randint(0, 2) if r < 1 - slack * 1.2
                   else self.rng.randint(3, 9))
        elif r < 1 - slack:
            gap = self.rng.randint(0, 4)
        elif r < 1 - slack * 0.25:
            gap = self.rng.randint(8, 16)
        else:
            gap = None
        if gap is None or day + gap > SAMPLE_AS_OF:
            return ""
        return datetime.date.fromordinal(day + gap).isoformat()


# Journeys. Each takes the case and the day it starts, adds its events, and returns the day
# its work ends (or None while it is still open on the as-of date).

def front_door(c, contact, outcome, urgent=False, setting="cin"):
    """Contact, referral, visits and the child and family assessment (T01, T02, T05, T06).
    An urgent referral goes on to a strategy discussion, whose visits follow; setting "unborn":
    the visits are to an expectant mother. Returns the referral and assessment days (the
    assessment None while it is still open)."""
    c.add("contact", contact, outcome="referral")
    referral = c.by(contact, contact + 1, late_by=(2, 5))
    c.add("referral", referral, urgent=flag(urgent))
    first = c.by(referral, working_days_after(referral, 7), late_by=(1, 9))
    c.visit(first, setting)
    assessment = c.by(referral + 18, working_days_after(referral, 35), late_by=(3, 30))
    if not urgent and c.rng.random() < 0.6 and assessment - first > 20:
        c.visit(c.working(c.rng.randint(first + 10, assessment - 3), first + 10), setting)
    if assessment > SAMPLE_AS_OF:
        return referral, None
    c.add("assessment_completed", assessment, outcome=outcome)
    return referral, assessment


def strategy(c, concern, outcome):
    """A concern, the strategy discussion and its minutes (T13, North Somerset's T49)."""
    c.add("concern", concern)
    discussion = c.by(concern, working_days_after(concern, 3), late_by=(1, 4))
    c.add("strategy_discussion", discussion, outcome=outcome)
    c.add("strategy_minutes", c.by(discussion, discussion + 2, late_by=(1, 6)))
    return discussion


def cin_plan(c, assessment, length):
    """A child in need plan: the initial review, 3-monthly reviews, home visits every 3 weeks
    (one unannounced in every 3 months, under-3s seen awake), case summaries, and sometimes a
    strategy discussion that goes no further (T03, T04, T07..T10, T13)."""
    first_review = c.by(assessment + 4, assessment + 14, late_by=(1, 10))
    c.add("cin_plan_start", first_review)
    c.add("cin_review", first_review)
    end = first_review + length
    review = first_review
    while True:
        review = c.by(review + 75, add_months(review, 3), late_by=(3, 25))
        if review > end or review > SAMPLE_AS_OF:
            break
        c.add("cin_review", review)
    day, last_unannounced, last_awake = first_review, first_review, True
    while True:
        day = c.by(day + 12, day + 21, late_by=(1, 12))
        if day > min(end, SAMPLE_AS_OF):
            break
        unannounced = (day - last_unannounced > 60 and c.ok()) or c.ok(0.12)
        awake = (not last_awake and c.ok()) or c.ok(0.55)
        c.visit(day, "cin", unannounced=unannounced, awake=awake)
        if unannounced:
            last_unannounced = day
        last_awake = awake
    day = first_review
    while True:
        day = c.by(day + 70, add_months(day, 3), late_by=(5, 30))
        if day > min(end, SAMPLE_AS_OF):
            break
        c.add("case_summary", day)
    if c.rng.random() < 0.35:
        concern = c.working(first_review + c.rng.randint(20, max(21, min(length, 200))),
                            first_review)
        if concern < min(end, SAMPLE_AS_OF - 7):
            strategy(c, concern, "nfa")
    if end <= SAMPLE_AS_OF:
        c.add("cin_plan_end", end)
        return end
    return None


def conference(c, discussion, plan=True):
    """Invitations, the report and the initial child protection conference (T14..T16).
    Returns its day."""
    icpcc = c.by(discussion + 9, working_days_after(discussion, 15), late_by=(1, 12))
    invitation_due = working_days_before(icpcc, 5)
    c.add("invitation", c.ahead(icpcc, invitation_due, 4, (2, 4)))
    if c.ok(0.95):
        c.add("cp_report", c.ahead(icpcc, icpcc - 2, 3, (0, 1)))
    # A conference still to come has no outcome yet.
    outcome = "" if icpcc > SAMPLE_AS_OF else "plan" if plan else "no_plan"
    c.add("icpcc", icpcc, outcome=outcome)
    return icpcc


def cp_plan(c, icpcc, length, birth=None, mother_fit=None):
    """A child protection plan from the initial conference: core groups (first within 10 days,
    then every 6 weeks), home visits every 10 days, review conferences at 3 months and then
    every 6 months, each with the updated assessment before it and a midway review between
    (T17..T26). A pre-birth plan has a birth: the first core group after it within 10 days, or
    20 when the mother is not fit (T21). Returns the day the plan ends, None if still open."""
    rng = c.rng
    c.add("cp_plan_start", icpcc)
    end = icpcc + length
    # Review conferences; the plan ends at the one on or after its intended length.
    reviews = []
    review = c.by(icpcc + 70, add_months(icpcc, 3), late_by=(2, 20))
    while True:
        reviews.append(review)
        if review >= end or review > SAMPLE_AS_OF:
            break
        review = c.by(review + 150, add_months(review, 6), late_by=(3, 25))
    end = reviews[-1] if reviews[-1] <= SAMPLE_AS_OF else None
    c.cp_plans.append((icpcc, end))
    stop = min(end or SAMPLE_AS_OF, SAMPLE_AS_OF)
    for r in reviews:
        if c.ok(0.95):
            c.add("updated_assessment", c.ahead(r, r - 5, 5, (1, 4)))
        c.add("rcpcc", r)
    for a, b in zip(reviews, reviews[1:]):
        if b <= SAMPLE_AS_OF and c.ok():
            c.add("midway_review", c.working((a + b) // 2 + rng.randint(-10, 10), a + 1))
    # Core groups, and the one that must follow a birth.
    core = c.by(icpcc + 3, icpcc + 10, late_by=(1, 8))
    after_birth = birth is not None and birth <= SAMPLE_AS_OF
    while core < stop:
        if after_birth and core > birth:
            allowed = 20 if mother_fit == "false" else 10
            core = c.by(birth + 4, birth + allowed, late_by=(1, 7))
            after_birth = False
        c.add("core_group", core)
        core = c.by(core + 28, core + 42, late_by=(1, 14))
    # Home visits every 10 days; before the birth the visits are to the mother.
    day = icpcc
    while True:
        day = c.by(day + 5, day + 10, late_by=(1, 6))
        if day > stop:
            break
        unborn = birth is not None and day < birth
        if birth is not None and day >= birth and day - birth < 7:
            day = birth + rng.randint(1, 4)  # the baby is visited in the first days home
        c.visit(day, "unborn" if unborn else "cp", unannounced=c.ok(0.2))
    if end is not None:
        c.add("cp_plan_end", end)
    return end


def sample_looked_after(c, start, length, placement="foster", permanent_move=False):
    """A period looked after: the care plan, health and education plans, placements with their
    agreement meetings, visits, CLA reviews with invitations, IRO documents and midway reviews,
    health and dental checks (T27..T43). placement: "foster", "emergency", "regulation_24" or
    "with_parents". Returns the day the child ceased to be looked after, or None."""
    rng = c.rng
    end = start + length if length is not None else None
    stop = min(end if end is not None else SAMPLE_AS_OF, SAMPLE_AS_OF)
    c.add("became_looked_after", start)
    # The first placement: planned ones have their agreement meeting a week or more before.
    emergency = placement == "emergency" or (placement == "foster" and rng.random() < 0.3)
    if emergency:
        c.add("placement_agreement", c.by(start + 1, start + 5, late_by=(1, 6)))
    else:
        c.add("placement_agreement", c.ahead(start, start - 7, 7, (1, 5)))
    c.add("placement_start", start, emergency=flag(emergency), permanent="false",
          regulation_24=flag(placement == "regulation_24"),
          placed_with_parents=flag(placement == "with_parents"))
    for event in ("care_plan", "initial_health_assessment", "pep", "dental_check"):
        chance = {"initial_health_assessment": c.quality - 0.15,
                  "dental_check": c.quality - 0.12}.get(event)
        if event == "pep" and (c.age(start) or 0) < 3:
            continue  # a PEP is for a child in education
        done = c.by(start + 1, working_days_after(start, 10), late_by=(2, 25), chance=chance)
        if done <= stop:
            c.add(event, done)
    # CLA reviews: 20 working days, 3 months, then 6-monthly.
    reviews = []
    review = c.by(start + 15, working_days_after(start, 20), late_by=(1, 10))
    while review <= stop or (review <= SAMPLE_AS_OF + 42 and end is None):
        reviews.append(review)
        gap = add_months(review, 3 if len(reviews) == 1 else 6)
        review = c.by(gap - 25, gap, late_by=(3, 25))
    for r in reviews:
        c.add("review_invitation", c.ahead(r, r - 14, 7, (5, 10)))
        c.add("iro_documents", c.ahead(r, working_days_before(r, 3), 3, (0, 2)))
        c.add("cla_review", r)
    for a, b in zip(reviews[1:], reviews[2:]):
        if b <= SAMPLE_AS_OF and c.ok():
            c.add("midway_review", c.working((a + b) // 2 + rng.randint(-12, 12), a + 1))
    if len(reviews) >= 2 and c.ok():
        c.add("permanency_plan", c.working(reviews[1] - rng.randint(5, 40), reviews[0] + 1))
    # Placement moves, the last sometimes the permanent placement.
    moves = []
    day = start
    while placement in ("foster", "emergency") and rng.random() < 0.55:
        day += rng.randint(90, 300)
        if day >= stop - 14:
            break
        moves.append(day)
    approved = None
    if placement == "regulation_24" and len(reviews) > 1:
        approved = c.working(start + rng.randint(100, 200), start + 100)
        if approved <= stop:
            c.add("carer_approved", approved)
    for i, move in enumerate(moves):
        move = c.working(move, move - 5)
        is_permanent = permanent_move and i == len(moves) - 1
        c.add("placement_agreement", c.ahead(move, move - 7, 10, (1, 5)))
        c.add("placement_start", move, emergency="false", permanent=flag(is_permanent),
              regulation_24="false", placed_with_parents="false")
        moves[i] = move
    # Visits: within a week of coming into care and of each move, then at the placement's
    # frequency (T38..T41).
    permanent_from = moves[-1] if permanent_move and moves else None
    first_review = reviews[0] if reviews else None
    day = c.by(start, start + 7, late_by=(1, 5))
    pending_moves = list(moves)
    while day <= stop:
        c.visit(day, "cla", unannounced=c.ok(0.1))
        if pending_moves and pending_moves[0] - day < 45:
            move = pending_moves.pop(0)
            day = c.by(move, move + 7, late_by=(1, 5))
            continue
        if placement in ("regulation_24", "with_parents") and day < first_review:
            interval = 7
        elif placement == "with_parents" or (placement == "regulation_24" and
                                             (approved is None or day < approved)):
            interval = 28
        elif permanent_from is not None and day >= permanent_from:
            interval = 91
        else:
            interval = 42
        day = c.by(day + max(3, interval * 2 // 3), day + interval, late_by=(1, 14))
    # Review health assessments: 6-monthly under 5, yearly from 5; dental checks yearly.
    day = start
    while True:
        under_five = (c.age(day) or 0) < 5
        due = add_months(day, 6 if under_five else 12)
        day = c.by(due - (40 if under_five else 60), due, late_by=(5, 45))
        if day > stop:
            break
        c.add("health_assessment", day)
    day = start
    while True:
        day = c.by(day + 300, day + 365, late_by=(5, 60), chance=c.quality - 0.1)
        if day > stop:
            break
        c.add("dental_check", day)
    # Turning 16 in care: the pathway plan (T30), reviewed 6-monthly.
    if c.dob is not None:
        sixteen = birthday(c.dob, 16)
        if start <= sixteen <= stop:
            plan = c.by(sixteen + 10, add_months(sixteen, 3), late_by=(5, 40))
            if plan <= stop:
                c.add("pathway_plan", plan)
                while True:
                    plan = c.by(plan + 150, add_months(plan, 6), late_by=(5, 30))
                    if plan > stop:
                        break
                    c.add("pathway_plan_review", plan)
    if end is not None and end <= SAMPLE_AS_OF:
        c.add("ceased_looked_after", end)
        return end
    return None


def care_leaver(c, left):
    """After leaving care at 16 or over: personal adviser visits every 8 weeks (3 months from
    21), pathway plan reviews every 6 months, moves of accommodation with a visit within 7 days
    (T46, T47)."""
    rng = c.rng
    day = left
    moves = []
    while True:
        day += rng.randint(120, 420)
        if day > SAMPLE_AS_OF - 10:
            break
        moves.append(c.working(day, day - 3))
    for move in moves:
        c.add("accommodation_move", move)
        c.add("pa_visit", c.by(move, move + 7, late_by=(1, 10)))
    day = left
    while True:
        interval = 91 if (c.age(day) or 0) >= 21 else 56
        day = c.by(day + interval - 21, day + interval, late_by=(2, 20))
        if day > SAMPLE_AS_OF:
            break
        c.add("pa_visit", day)
    day = left
    while True:
        day = c.by(day + 150, add_months(day, 6), late_by=(5, 40))
        if day > SAMPLE_AS_OF:
            break
        c.add("pathway_plan_review", day)


def sample_journey(c, kind, first_day, length, rng):
    """The events of one child, by the kind of journey, from first_day (ISO text); length: the
    days looked after, None for a child still looked after."""
    start = c.working(day_of(first_day), day_of(first_day) - 3)
    if kind == "contact":
        c.add("contact", start, outcome=rng.choice(["advice", "nfa", "early_help"]))
    elif kind == "assessment":
        front_door(c, start, rng.choice(["nfa", "early_help", "nfa"]))
    elif kind == "cin":
        _, assessment = front_door(c, start, "cin_plan")
        if assessment is not None:
            cin_plan(c, assessment, rng.randint(180, 600))
    elif kind in ("cp", "cp_step_down", "cp_no_plan", "cp_booked"):
        referral, _ = front_door(c, start, "cp_conference", urgent=True)
        discussion = strategy(c, referral + rng.randint(0, 3), "s47")
        icpcc = conference(c, discussion, plan=kind != "cp_no_plan")
        if kind in ("cp", "cp_step_down") and icpcc <= SAMPLE_AS_OF:
            end = cp_plan(c, icpcc, rng.randint(200, 560))
            if kind == "cp_step_down" and end is not None:
                c.add("assessment_completed", end, outcome="cin_plan")
                cin_plan(c, end, rng.randint(150, 400))
    elif kind.startswith("prebirth"):
        # The mother is referred in pregnancy; the conference is a pre-birth one.
        referral, _ = front_door(c, start, "cp_conference", urgent=True, setting="unborn")
        discussion = strategy(c, referral + rng.randint(0, 3), "s47")
        icpcc = conference(c, discussion)
        mother_fit = {"prebirth_fit": "true", "prebirth_unfit": "false",
                      "prebirth_unrecorded": ""}.get(kind, "")
        birth = c.dob if c.dob is not None else SAMPLE_AS_OF + 30
        if birth <= SAMPLE_AS_OF:
            c.add("birth", birth, mother_fit=mother_fit)
        cp_plan(c, icpcc, rng.randint(300, 500), birth=birth, mother_fit=mother_fit)
    elif kind in ("cla", "cla_emergency", "cla_permanent", "cla_reg24", "cla_with_parents",
                  "cla_teen"):
        placement = {"cla_emergency": "emergency", "cla_reg24": "regulation_24",
                     "cla_with_parents": "with_parents"}.get(kind, "foster")
        sample_looked_after(c, start, length, placement, permanent_move=kind == "cla_permanent")
    elif kind == "care_leaver":
        left = sample_looked_after(c, start, length, "foster")
        if left is not None:
            c.add("left_care", left)  # as the leaving care service records it
            care_leaver(c, left)


# The sample's children: (kind, team, date of birth, first day, days looked after). A fixed
# list, so that every rule has cases; the random generator decides what happens in time.
SAMPLE_CHILDREN = [
    ("contact", "north", "2015-03-02", "2024-02-12", None),
    ("contact", "east", "2010-11-19", "2024-05-20", None),
    ("contact", "west", "2019-07-08", "2023-11-06", None),
    ("assessment", "north", "2012-05-14", "2023-09-04", None),
    ("assessment", "south", "2017-01-23", "2024-01-15", None),
    ("assessment", "east", "2021-09-30", "2024-03-11", None),
    ("assessment", "west", "2009-06-17", "2024-05-13", None),  # still being assessed
    ("cin", "north", "2016-08-11", "2023-03-06", None),
    ("cin", "north", "2022-06-05", "2023-10-09", None),   # under 3: seen awake (T10)
    ("cin", "south", "2013-02-27", "2023-05-15", None),
    ("cin", "south", "2021-12-14", "2023-08-21", None),   # under 3, turns 3 in the plan
    ("cin", "east", "2011-10-03", "2022-11-07", None),
    ("cin", "east", "2018-04-22", "2024-01-08", None),
    ("cin", "west", "2014-07-30", "2023-06-12", None),
    ("cin", "west", "2020-09-09", "2023-12-04", None),
    ("cin", "south", "2015-12-07", "2022-08-15", None),
    ("cp", "north", "2023-01-19", "2023-09-18", None),    # a baby: seen awake (T26)
    ("cp", "north", "2012-12-01", "2023-11-13", None),
    ("cp", "south", "2017-06-25", "2023-04-17", None),
    ("cp_step_down", "south", "2014-03-08", "2022-09-12", None),
    ("cp", "east", "2022-02-10", "2023-07-03", None),
    ("cp", "east", "2010-08-16", "2024-01-22", None),
    ("cp", "west", "2019-05-05", "2023-08-07", None),
    ("cp_step_down", "west", "2016-11-28", "2022-10-17", None),
    ("cp_no_plan", "north", "2015-09-14", "2024-03-04", None),
    ("cp", "south", "2020-10-30", "2022-11-21", None),
    ("cp_booked", "south", "2018-02-02", "2024-06-17", None),  # ICPCC booked after the as-of date
    ("prebirth_fit", "north", "2024-02-14", "2023-11-20", None),
    ("prebirth_unfit", "east", "2023-09-21", "2023-06-26", None),
    ("prebirth_unrecorded", "south", "2024-05-08", "2024-01-15", None),
    ("prebirth_unborn", "west", None, "2024-04-22", None),  # not yet born: no date of birth
    ("cla", "north", "2011-04-18", "2022-08-01", None),
    ("cla_emergency", "south", "2020-03-03", "2023-10-23", None),  # under 5: 6-monthly health
    ("cla_permanent", "east", "2013-12-12", "2022-06-06", None),
    ("cla_emergency", "west", "2015-06-01", "2023-02-13", 320),  # returned home
    ("cla", "west", "2018-10-26", "2024-02-19", None),
    ("cla", "north", "2021-07-19", "2022-09-26", None),  # under 5: 6-monthly health
    ("cla_permanent", "south", "2009-01-30", "2022-07-11", None),
    ("cla_reg24", "north", "2016-02-08", "2023-05-22", None),
    ("cla_reg24", "east", "2012-09-15", "2023-11-27", None),
    ("cla_with_parents", "south", "2019-01-11", "2023-09-04", None),
    ("cla_teen", "north", "2008-03-27", "2023-01-09", None),   # turns 16 in care (T30)
    ("cla_teen", "south", "2008-01-05", "2023-09-18", None),
    ("care_leaver", "east", "2006-05-20", "2022-03-14", 600),  # leaves care at 17
    ("care_leaver", "west", "2005-11-02", "2021-09-06", 700),  # 16 in care
    ("care_leaver", "south", "2003-01-15", "2019-06-03", 590),  # 21 in January 2024 (T46b)
]


def write_camden_sample(args):
    rng = random.Random(args.seed)
    workers = {team: list(names) for team, names in SAMPLE_WORKERS.items()}
    children = list(SAMPLE_CHILDREN)
    rng.shuffle(children)  # so that the case ids do not give the journey away
    cases = []
    events = []
    for n, (kind, team, dob, start, length) in enumerate(children, 1):
        case_id = "C%03d" % n
        quality = min(0.98, SAMPLE_TEAMS[team] + rng.uniform(-0.05, 0.05))
        c = SampleCase(rng, day_of(dob) if dob else None, quality)
        sample_journey(c, kind, start, length, rng)
        worker = rng.choice(workers[team])
        prebirth = "true" if kind.startswith("prebirth") else ""
        cases.append((case_id, dob or "", team, worker, prebirth))
        c.rows.sort(key=lambda row: row[0])  # stable: same-day events keep their order
        for day, event, attributes in c.rows:
            recorded = c.recorded(day) if day <= SAMPLE_AS_OF else ""
            row = {"case_id": case_id, "event": event,
                   "date": datetime.date.fromordinal(day).isoformat(), "recorded": recorded}
            row.update(attributes)
            events.append([row.get(k, "") for k in SAMPLE_COLUMNS])
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "events.csv"), "w", newline="") as f:
        f.write(",".join(SAMPLE_COLUMNS) + "\n")
        f.write("".join(",".join(row) + "\n" for row in events))
    with open(os.path.join(args.out, "cases.csv"), "w", newline="") as f:
        f.write("case_id,date_of_birth,team,worker,prebirth_plan\n")
        f.write("".join(",".join(case) + "\n" for case in cases))
    print("%d events, %d cases -> %s" % (len(events), len(cases), args.out), file=sys.stderr)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=".", help="directory for events.csv and cases.csv")
    parser.add_argument("--vocabulary", choices=["bench", "camden"], default="bench",
                        help="bench: the benchmark's journeys (--events of them); camden: the "
                        "small sample of examples/data/camden, every event type of "
                        "policies/events.policy (--events is ignored)")
    parser.add_argument("--ssd", action="store_true",
                        help="also write the timelines as Standard Safeguarding Dataset tables: "
                        "OUT/ssd/, one CSV file per table, and load_postgres.sql "
                        "(bench/ssd_tables.py)")
    args = parser.parse_args(argv)
    if args.vocabulary == "camden":
        write_camden_sample(args)
        return

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
    if args.ssd:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import ssd_tables
        written = ssd_tables.write(args.out, rows, cases, args.seed)
        print("%d SSD rows -> %s" % (written, os.path.join(args.out, "ssd")), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
