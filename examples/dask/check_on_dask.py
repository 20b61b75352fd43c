#!/usr/bin/env python3
"""Check a policy against case timelines spread over a Dask cluster (docs/scaling.md).

    python3 examples/dask/check_on_dask.py POLICY 'events-*.csv' --cases cases.csv \\
        --as-of 2025-12-31 --out obligations/ [--scheduler tcp://host:8786 | --workers 2]

Reads the events with dask.dataframe (any number of CSV files, in duly's events format), shuffles
them by case_id so that every case is whole in one partition, and checks each partition on the
workers with duly's Python package: the policy is loaded once per worker, by a worker plugin,
and the cases table travels with it. Writes the obligations as one CSV file per partition
(OUT/obligations-0.csv, ...: each exactly as `duly check --format csv` writes its cases, written
by the worker) and OUT/summary.csv (per rule: met, late, missed, pending, lapsed and compliance,
summed over the partitions).

Without --scheduler it starts a LocalCluster of --workers processes on this machine. On a real
cluster every worker needs duly's package (`import duly`) and the policy files at the same path.
"""

import argparse
import os
import sys
import warnings

import dask.dataframe as dd
import pandas as pd
from distributed import Client, LocalCluster, WorkerPlugin, get_worker

import duly

STATUSES = duly.STATUSES


class DulyPolicy(WorkerPlugin):
    """Loads the policy once on each worker as it joins, and keeps the cases beside it."""

    name = "duly-policy"

    def __init__(self, policy_path, cases):
        self.policy_path = policy_path
        self.cases = cases

    def setup(self, worker):
        worker.duly_policy = duly.load_policy(self.policy_path)
        worker.duly_cases = self.cases


def check_partition(events, as_of, out, partition_info=None):
    """One partition's cases (each whole: the events were shuffled by case_id), checked with
    the worker's policy on one thread (Dask runs one task per worker thread). The report is
    written as duly writes it, OUT/obligations-N.csv; what comes back is its counts by rule."""
    worker = get_worker()
    # What duly warns about the data is said once by a check on one machine; per partition it
    # would only repeat itself.
    warnings.simplefilter("ignore", duly.DataWarning)
    cases = worker.duly_cases
    if cases is not None:
        cases = cases[cases["case_id"].isin(events["case_id"].unique())]
    text, counts = worker.duly_policy.check_csv(events, cases, as_of=as_of, threads=1)
    number = partition_info["number"] if partition_info else 0
    with open(os.path.join(out, "obligations-%d.csv" % number), "wb") as f:
        f.write(text)
    return counts


def summary(counts):
    """Per rule, the obligations by status and the compliance, met / (met + late + missed)."""
    table = counts.groupby("rule", sort=False)[STATUSES].sum()
    counted = table["met"] + table["late"] + table["missed"]
    table["compliance"] = (100 * table["met"] / counted.where(counted > 0)).round(1)
    return table.reset_index()


def run(policy_path, events_paths, cases_path, as_of, out, client, partitions=None):
    """Checks the events on `client`'s cluster; returns the summary DataFrame."""
    cases = pd.read_csv(cases_path, dtype=str, keep_default_na=False) if cases_path else None
    client.register_worker_plugin(DulyPolicy(os.path.abspath(policy_path), cases))
    events = dd.read_csv(events_paths, dtype=str, keep_default_na=False, blocksize="64MB")
    # At least two partitions a worker thread, so that every worker has work after the shuffle.
    threads = sum(client.nthreads().values())
    partitions = partitions or max(events.npartitions, 2 * threads)
    events = events.shuffle(on="case_id", npartitions=partitions)
    os.makedirs(out, exist_ok=True)
    out = os.path.abspath(out)
    # The counts of one partition: what each task gives back (its report it writes itself).
    meta = pd.DataFrame({"rule": pd.Series(dtype=object),
                         **{s: pd.Series(dtype="int64") for s in STATUSES}})
    counts = events.map_partitions(check_partition, as_of, out, meta=meta).compute()
    table = summary(counts)
    table.to_csv(os.path.join(out, "summary.csv"), index=False)
    return table


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("policy")
    parser.add_argument("events", nargs="+", help="events CSV files (globs allowed)")
    parser.add_argument("--cases", help="the cases CSV file")
    parser.add_argument("--as-of", required=True, help="YYYY-MM-DD")
    parser.add_argument("--out", required=True, help="folder for the obligations and summary")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes")
    parser.add_argument("--partitions", type=int,
                        help="partitions after the shuffle (default: the files' blocks of 64 MB, "
                        "and at least two a worker thread)")
    args = parser.parse_args(argv)
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        client = Client(LocalCluster(n_workers=args.workers, threads_per_worker=1,
                                     dashboard_address=None))
    with client:
        table = run(args.policy, args.events, args.cases, args.as_of, args.out, client,
                    args.partitions)
    print(table.to_string(index=False))


if __name__ == "__main__":
    main(sys.argv[1:])
