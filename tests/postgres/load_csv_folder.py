#!/usr/bin/env python3
"""SQL that loads a folder of SSD CSV files into a PostgreSQL schema, every column as text.

    python3 tests/postgres/load_csv_folder.py tests/data/ssd systemc > load.sql
    psql -f load.sql        # from any folder: the CSV files are named by absolute path

Text columns keep every cell as the file has it, bad dates and placeholders included, so the
same crafted rows reach duly from the database as from the files (tests/postgres/ssd_test.sh).
Standard library only.
"""

import csv
import os
import sys


def main(folder, schema):
    folder = os.path.abspath(folder)
    print("SET client_min_messages = warning;")
    print('DROP SCHEMA IF EXISTS "%s" CASCADE;' % schema)
    print('CREATE SCHEMA "%s";' % schema)
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".csv"):
            continue
        with open(os.path.join(folder, name), newline="") as f:
            header = next(csv.reader(f))
        table = name[:-4]
        print('CREATE TABLE "%s"."%s" (%s);'
              % (schema, table, ", ".join('"%s" text' % column for column in header)))
        print("\\copy \"%s\".\"%s\" FROM '%s' WITH (FORMAT csv, HEADER true)"
              % (schema, table, os.path.join(folder, name)))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
