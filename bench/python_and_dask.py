#!/usr/bin/env python3
"""What checking costs from Python and on Dask, against `duly check` on the same files
(docs/scaling.md). Run from the repository root, after the build:

    PYTHONPATH=build/python python3 bench/python_and_dask.py /tmp/duly-bench/1000000-seed1 \\
        [--runs 3] [--workers 2]

DIR holds events.csv and cases.csv (bench/generate.py). For bench/bench.policy it times, median
of --runs: `duly check --format csv --out FILE`; pandas reading the two files; policy.check on
the DataFrames (writing them out for duly, checking, reading the report back); and
examples/dask/check_on_dask.py on a LocalCluster of --workers processes (reading, shuffling by
case_id, checking, writing the partitions and the summary), the cluster's start not counted.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "examples", "dask"))

import pandas as pd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

import check_on_dask  # noqa: E402
import duly  # noqa: E402

POLICY = os.path.join(ROOT, "bench", "bench.policy")
AS_OF = "2025-12-31"


def timed(runs, action):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duly", default=os.path.join(ROOT, "build", "duly"))
    args = parser.parse_args(argv)
    events_path = os.path.join(args.data, "events.csv")
    cases_path = os.path.join(args.data, "cases.csv")
    scratch = tempfile.mkdtemp(prefix="duly-scaling-")
    try:
        cli = timed(args.runs, lambda: subprocess.run(
            [args.duly, "check", POLICY, events_path, "--cases", cases_path, "--as-of", AS_OF,
             "--format", "csv", "--out", os.path.join(scratch, "cli.csv")],
            check=True, capture_output=True))
        frames = {}

        def read():
            frames["events"] = pd.read_csv(events_path, dtype=str, keep_default_na=False)
            frames["cases"] = pd.read_csv(cases_path, dtype=str, keep_default_na=False)

        reading = timed(args.runs, read)
        policy = duly.load_policy(POLICY)
        rows = {}

        def check():
            rows["n"] = len(policy.check(frames["events"], frames["cases"], as_of=AS_OF))

        checking = timed(args.runs, check)
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1,
                               dashboard_address=None)
        with Client(cluster) as client:
            out = os.path.join(scratch, "dask")

            def on_dask():
                shutil.rmtree(out, ignore_errors=True)
                check_on_dask.run(POLICY, [events_path], cases_path, AS_OF, out, client)

            dask_time = timed(args.runs, on_dask)
        cluster.close()
        events = len(frames["events"])
        print("%d events, %d cases, %d obligations; median of %d runs" %
              (events, len(frames["cases"]), rows["n"], args.runs))
        print("duly check (CSV file to CSV file)      %7.2f s" % cli)
        print("pandas.read_csv of the two files        %7.2f s" % reading)
        print("policy.check on the DataFrames          %7.2f s  (%.2f x duly check)" %
              (checking, checking / cli))
        print("Dask, LocalCluster of %d workers         %7.2f s  (%.2f x duly check)" %
              (args.workers, dask_time, dask_time / cli))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
