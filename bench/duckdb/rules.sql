-- Five of the benchmark policy's rules (bench/five.policy) as an analyst would write them in
-- DuckDB: read the events CSV, compute every obligation with its due date, fulfilment and
-- status on the as-of date, and write them as CSV. bench/duckdb/run.mjs fills in the three
-- names in braces. The readings followed are duly's (docs/language.md): an event after the as-of
-- date has not happened; a deadline is fulfilled by the first target on or after the trigger's
-- day; N working days after S is the Nth working day strictly after S; a recorded date after the
-- as-of date is not recorded yet; between consecutive T takes the T by distinct day and counts
-- an X strictly between two of them.

CREATE TEMP TABLE ev AS
SELECT case_id, event, date, recorded, outcome
FROM read_csv('{EVENTS}', header = true, columns = {
  'case_id': 'VARCHAR', 'event': 'VARCHAR', 'date': 'DATE', 'recorded': 'DATE',
  'outcome': 'VARCHAR', 'seen_alone': 'VARCHAR', 'at_home': 'VARCHAR', 'permanent': 'VARCHAR'})
WHERE date <= DATE '{AS_OF}';

-- England and Wales bank holidays, 2000 to 2039: the rules, their substitute days, and the
-- one-off changes of 2002, 2011, 2012, 2020, 2022 and 2023.
CREATE TEMP TABLE easter AS
WITH y AS (SELECT range AS y FROM range(2000, 2040)),
c AS (
  SELECT y, y % 19 AS a, y // 100 AS b, y % 100 AS cc FROM y),
d AS (
  SELECT y, a, b, cc, b // 4 AS d, b % 4 AS e, (b + 8) // 25 AS f, cc // 4 AS i, cc % 4 AS k FROM c),
h AS (
  SELECT *, (19 * a + b - d - (b - f + 1) // 3 + 15) % 30 AS h FROM d),
l AS (
  SELECT *, (32 + 2 * e + 2 * i - h - k) % 7 AS l FROM h)
SELECT y, make_date(y::INT, ((h + l - 7 * ((a + 11 * h + 22 * l) // 451) + 114) // 31)::INT,
                    (((h + l - 7 * ((a + 11 * h + 22 * l) // 451) + 114) % 31) + 1)::INT) AS sunday
FROM l;

CREATE TEMP TABLE holidays AS
WITH y AS (SELECT range::INT AS y FROM range(2000, 2040)),
rules AS (
  -- New Year's Day, or the Monday after a weekend
  SELECT CASE isodow(make_date(y, 1, 1)) WHEN 6 THEN make_date(y, 1, 3)
              WHEN 7 THEN make_date(y, 1, 2) ELSE make_date(y, 1, 1) END AS day FROM y
  UNION ALL SELECT sunday - 2 FROM easter          -- Good Friday
  UNION ALL SELECT sunday + 1 FROM easter          -- Easter Monday
  -- the first Monday of May (moved in 2020), the last of May (moved in 2002, 2012, 2022)
  UNION ALL SELECT make_date(y, 5, 1) + ((8 - isodow(make_date(y, 5, 1))) % 7)::INT
    FROM y WHERE y NOT IN (2020)
  UNION ALL SELECT make_date(y, 5, 31) - ((isodow(make_date(y, 5, 31)) - 1) % 7)::INT
    FROM y WHERE y NOT IN (2002, 2012, 2022)
  -- the last Monday of August
  UNION ALL SELECT make_date(y, 8, 31) - ((isodow(make_date(y, 8, 31)) - 1) % 7)::INT FROM y
  -- Christmas and Boxing Day, with the substitutes after a weekend
  UNION ALL SELECT CASE isodow(make_date(y, 12, 25)) WHEN 6 THEN make_date(y, 12, 27)
                   WHEN 7 THEN make_date(y, 12, 27) ELSE make_date(y, 12, 25) END FROM y
  UNION ALL SELECT CASE isodow(make_date(y, 12, 26)) WHEN 6 THEN make_date(y, 12, 28)
                   WHEN 7 THEN make_date(y, 12, 28) ELSE make_date(y, 12, 26) END FROM y
  UNION ALL SELECT unnest([DATE '2002-06-03', DATE '2002-06-04', DATE '2011-04-29',
                           DATE '2012-06-04', DATE '2012-06-05', DATE '2020-05-08',
                           DATE '2022-06-02', DATE '2022-06-03', DATE '2022-09-19',
                           DATE '2023-05-08'])
)
SELECT DISTINCT day FROM rules;

-- Every day with the number of working days up to and including it; `working_day` gives the
-- date of the n-th working day.
CREATE TEMP TABLE calendar AS
SELECT day, sum(CASE WHEN isodow(day) <= 5 AND h.day IS NULL THEN 1 ELSE 0 END)
              OVER (ORDER BY day) AS n,
       isodow(day) <= 5 AND h.day IS NULL AS working
FROM (SELECT range::DATE AS day FROM range(DATE '2000-01-01', DATE '2040-01-01', INTERVAL 1 DAY))
LEFT JOIN holidays h USING (day);
CREATE TEMP TABLE working_day AS SELECT n, day FROM calendar WHERE working;

-- met, late, missed or pending (no rule here has `during`, so none lapses).
CREATE MACRO status_of(fulfilled, due) AS
  CASE WHEN fulfilled IS NOT NULL AND fulfilled <= due THEN 'met'
       WHEN fulfilled IS NOT NULL THEN 'late'
       WHEN due < DATE '{AS_OF}' THEN 'missed'
       ELSE 'pending' END;

COPY (
  WITH
  -- B01: referral within 1 day after contact where outcome = "referral"
  b01 AS (
    SELECT t.case_id, 'B01' AS rule, t.date AS trigger_date, t.date + 1 AS due,
           x.date AS fulfilled_date
    FROM (SELECT case_id, date FROM ev WHERE event = 'contact' AND outcome = 'referral') t
    ASOF LEFT JOIN (SELECT case_id, date FROM ev WHERE event = 'referral') x
      ON t.case_id = x.case_id AND x.date >= t.date),
  -- B02: assessment_completed within 35 working days after referral
  b02 AS (
    SELECT t.case_id, 'B02' AS rule, t.date AS trigger_date, w.day AS due,
           x.date AS fulfilled_date
    FROM (SELECT case_id, date FROM ev WHERE event = 'referral') t
    ASOF LEFT JOIN (SELECT case_id, date FROM ev WHERE event = 'assessment_completed') x
      ON t.case_id = x.case_id AND x.date >= t.date
    JOIN calendar c ON c.day = t.date
    JOIN working_day w ON w.n = c.n + 35),
  -- B03: icpcc within 15 working days after strategy_discussion where outcome = "s47"
  b03 AS (
    SELECT t.case_id, 'B03' AS rule, t.date AS trigger_date, w.day AS due,
           x.date AS fulfilled_date
    FROM (SELECT case_id, date FROM ev WHERE event = 'strategy_discussion' AND outcome = 's47') t
    ASOF LEFT JOIN (SELECT case_id, date FROM ev WHERE event = 'icpcc') x
      ON t.case_id = x.case_id AND x.date >= t.date
    JOIN calendar c ON c.day = t.date
    JOIN working_day w ON w.n = c.n + 15),
  -- B10: each event recorded within 5 working days
  b10 AS (
    SELECT e.case_id, 'B10' AS rule, e.date AS trigger_date, w.day AS due,
           CASE WHEN e.recorded <= DATE '{AS_OF}' THEN e.recorded END AS fulfilled_date
    FROM ev e
    JOIN calendar c ON c.day = e.date
    JOIN working_day w ON w.n = c.n + 5),
  -- B13: midway_review between consecutive cla_review
  reviews AS (
    SELECT case_id, date AS trigger_date,
           lead(date) OVER (PARTITION BY case_id ORDER BY date) AS due
    FROM (SELECT DISTINCT case_id, date FROM ev WHERE event = 'cla_review')),
  b13 AS (
    SELECT r.case_id, 'B13' AS rule, r.trigger_date, r.due, min(x.date) AS fulfilled_date
    FROM reviews r
    LEFT JOIN (SELECT case_id, date FROM ev WHERE event = 'midway_review') x
      ON x.case_id = r.case_id AND x.date > r.trigger_date AND x.date < r.due
    WHERE r.due IS NOT NULL
    GROUP BY ALL),
  deadlines AS (
    SELECT * FROM b01 UNION ALL SELECT * FROM b02 UNION ALL SELECT * FROM b03
    UNION ALL SELECT * FROM b10)
  SELECT case_id, rule, trigger_date, due, fulfilled_date,
         status_of(fulfilled_date, due) AS status,
         CASE WHEN fulfilled_date > due THEN fulfilled_date - due END AS days_late
  FROM deadlines
  UNION ALL
  -- between never gives late: met when an X falls between, pending when the second review is
  -- on the as-of date
  SELECT case_id, rule, trigger_date, due, fulfilled_date,
         CASE WHEN fulfilled_date IS NOT NULL THEN 'met'
              WHEN due = DATE '{AS_OF}' THEN 'pending' ELSE 'missed' END AS status,
         NULL AS days_late
  FROM b13
) TO '{OUT}' (HEADER, DELIMITER ',');
