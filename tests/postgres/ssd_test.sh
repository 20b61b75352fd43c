#!/bin/sh
# The SSD read three ways must agree (ctest: postgres.ssd, docs/testing.md):
#
#   tests/postgres/ssd_test.sh DULY WORK_DIR
#
# 1. The generator's timelines (20,000 events) as events.csv and cases.csv, as SSD CSV files
#    (`--source ssd`), and as tables of a real PostgreSQL server read over ODBC through psqlODBC
#    (`--source odbc`) give the same obligations, row for row.
# 2. The crafted SystemC and Mosaic folders of tests/data/, loaded as text tables, give from the
#    database the same events and cases as from their files, and reject the same rows, each
#    named by its table, row and key.
# The server is started here, on loopback, and stopped however the test ends. Run from the
# repository root.
set -eu
# The "C" locale, as a fresh system (and a cron job) has it: a driver's conversion of text must
# not depend on the caller's locale (the worker "Zoë" of tests/data/ssd checks it).
export LC_ALL=C
duly=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
server=tests/postgres/server.sh
trap '"$server" stop "$work/server"' EXIT INT TERM

python3 bench/generate.py --events 20000 --seed 7 --out "$work/data" --ssd 2>/dev/null
"$server" start "$work/server" "$work/data/ssd"
port=$(cat "$work/server/port")
psql="psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $port -U duly -d duly"
python3 tests/postgres/load_csv_folder.py tests/data/ssd systemc | $psql
python3 tests/postgres/load_csv_folder.py tests/data/ssd-mosaic mosaic | $psql
odbc="Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=$port;Database=duly;Uid=duly"

fail=0
same() {  # same NAME FILE1 FILE2: sorted, the two files hold the same rows
  sort "$2" >"$2.sorted"
  sort "$3" >"$3.sorted"
  if cmp -s "$2.sorted" "$3.sorted"; then
    echo "ok: $1 ($(wc -l <"$2.sorted") rows)"
  else
    echo "FAILED: $1 differs:"
    diff "$2.sorted" "$3.sorted" | head -20
    fail=1
  fi
}

# 1. Three ways, one set of obligations.
check="check tests/postgres/three_ways.policy --as-of 2025-12-31 --format csv"
"$duly" $check "$work/data/events.csv" --cases "$work/data/cases.csv" >"$work/csv.out" 2>"$work/csv.err"
"$duly" $check --source ssd "$work/data/ssd" >"$work/ssd.out" 2>"$work/ssd.err"
"$duly" $check --source odbc "$odbc" >"$work/odbc.out" 2>"$work/odbc.err"
[ "$(wc -l <"$work/csv.out")" -gt 5000 ] || { echo "FAILED: too few obligations"; fail=1; }
same "obligations, events CSV against SSD CSV files" "$work/csv.out" "$work/ssd.out"
same "obligations, SSD CSV files against PostgreSQL" "$work/ssd.out" "$work/odbc.out"
grep -q "^input     ssd_development.ssd_cin_visits (" "$work/odbc.err" ||
  { echo "FAILED: the PostgreSQL run names no table"; cat "$work/odbc.err"; fail=1; }

# 2. The crafted folders, from the files and from the database.
for shape in systemc:tests/data/ssd mosaic:tests/data/ssd-mosaic; do
  schema=${shape%%:*}
  folder=${shape#*:}
  for how in file db; do
    if [ "$how" = file ]; then set -- ssd "$folder"; else set -- odbc "$odbc" --ssd-schema "$schema"; fi
    "$duly" events --source "$@" --skip-invalid --out "$work/$schema.$how.events" \
      --cases-out "$work/$schema.$how.cases" --rejects "$work/$schema.$how.rejects" \
      2>"$work/$schema.$how.err" || { echo "FAILED: duly events on $schema ($how)"; cat "$work/$schema.$how.err"; fail=1; }
  done
  same "$schema events, files against database" "$work/$schema.file.events" "$work/$schema.db.events"
  same "$schema cases, files against database" "$work/$schema.file.cases" "$work/$schema.db.cases"
  if [ "$(wc -l <"$work/$schema.file.rejects")" != "$(wc -l <"$work/$schema.db.rejects")" ]; then
    echo "FAILED: $schema: the files and the database reject different numbers of rows"
    fail=1
  fi
done
# A rejected row of the database is named by its table, its row in key order and its key.
grep -q "^$schema.ssd_cin_visits:3: error: cinv_person_id is missing and cinv_cin_plan_id \"599\" is not in ssd_cin_episodes, so the row belongs to no child (cinv_cin_visit_id=803)$" \
  "$work/mosaic.db.err" || { echo "FAILED: the database's bad row is not named as expected:"; cat "$work/mosaic.db.err"; fail=1; }
grep -q '^systemc.ssd_person:5: error: pers_dob "31/02/2012" is not a date (pers_person_id=P4)$' \
  "$work/systemc.db.err" || { echo "FAILED: the database's bad date is not named as expected:"; cat "$work/systemc.db.err"; fail=1; }
exit $fail
