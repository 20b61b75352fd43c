#!/usr/bin/env python3
"""Check a policy against case timelines spread over a Dask cluster (docs/scaling.md).

    python3 examples/dask/check_on_dask.py POLICY 'events-*.csv' --cases cases.csv \\
        --as-of 2025-12-31 --out obligations/ [--scheduler tcp://host:8786 | --workers 2]

Reads the events with dask.dataframe (any number of CSV files, in duly's events format), shuffles
them by case_id so that every case is whole in one partition, and checks each partition on the
workers with duly's Python package: the policy is loaded once per worker, by a worker plugin,
and the cases table travels with it. Writes the obligations as one CSV file per partition
(OUT/obligations-0.csv, ...; the columns of `duly check --format csv`) and OUT/summary.csv (per
rule: met, late, missed, pending, lapsed and compliance, as `duly check --summary` counts them).

Without --scheduler it starts a LocalCluster of --workers processes on this machine. On a real
cluster every worker needs duly's package (`import duly`) and the policy files at the same path.
"""

import argparse
import os
import sys
import warnings

import dask
import dask.dataframe as dd
import pandas as pd
from distributed import Client, LocalCluster, WorkerPlugin, get_worker

import duly

STATUSES = ["met", "late", "missed", "pending", "lapsed"]


class DulyPolicy(WorkerPlugin):
    """Loads the policy once on each worker as it joins, and keeps the cases beside it."""

    name = "duly-policy"

    def __init__(self, policy_path, cases):
        self.policy_path = policy_path
        self.cases = cases

    def setup(self, worker):
        worker.duly_policy = duly.load_policy(self.policy_path)
        worker.duly_cases = self.cases


def check_partition(events, as_of):
    """One partition's cases (each whole: the events were shuffled by case_id), checked with
    the worker's policy on one thread (Dask runs one task per worker thread)."""
    worker = get_worker()
    # What duly warns about the data is said once by a check on one machine; per partition it
    # would only repeat itself.
    warnings.simplefilter("ignore", duly.DataWarning)
    cases = worker.duly_cases
    if cases is not None:
        cases = cases[cases["case_id"].isin(events["case_id"].unique())]
    return worker.duly_policy.check(events, cases, as_of=as_of, threads=1)


def summary(counts):
    """Per rule, the obligations by status and the compliance, met / (met + late + missed)."""
    table = counts.unstack("status", fill_value=0).reindex(columns=STATUSES, fill_value=0)
    counted = table["met"] + table["late"] + table["missed"]
    table["compliance"] = (100 * table["met"] / counted.where(counted > 0)).round(1)
    return table.reset_index()


def run(policy_path, events_paths, cases_path, as_of, out, client, partitions=None):
    """Checks the events on `client`'s cluster; returns the summary DataFrame."""
    cases = pd.read_csv(cases_path, dtype=str, keep_default_na=False) if cases_path else None
    client.register_worker_plugin(DulyPolicy(os.path.abspath(policy_path), cases))
    events = dd.read_csv(events_paths, dtype=str, keep_default_na=False, blocksize="64MB")
    events = events.shuffle(on="case_id", npartitions=partitions or events.npartitions)
    # The result's columns and types: the report of no events.
    meta = duly.load_policy(policy_path).check(events._meta, None, as_of=as_of)
    obligations = events.map_partitions(check_partition, as_of, meta=meta)
    os.makedirs(out, exist_ok=True)
    written = obligations.to_csv(os.path.join(out, "obligations-*.csv"), index=False,
                                 date_format="%Y-%m-%d", compute=False)
    counts = obligations.groupby(["rule", "status"]).size()
    _, counted = dask.compute(written, counts)  # one pass: each partition is checked once
    table = summary(counted)
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
    parser.add_argument("--partitions", type=int, help="partitions after the shuffle")
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
