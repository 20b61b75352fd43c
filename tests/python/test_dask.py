"""examples/dask/check_on_dask.py on a LocalCluster of two worker processes: the obligations it
writes, partition by partition, are the rows of `duly check --format csv`, and its summary
counts them as duly does."""

import glob
import os
import sys

import pandas as pd
import pytest
from distributed import Client, LocalCluster

from conftest import ROOT, run_duly

sys.path.insert(0, os.path.join(ROOT, "examples", "dask"))
import check_on_dask  # noqa: E402

POLICY = os.path.join(ROOT, "bench", "bench.policy")


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    with Client(cluster) as c:
        yield c
    cluster.close()


def test_dask_gives_the_rows_of_duly_check(generated, client, tmp_path):
    events, cases = str(generated / "events.csv"), str(generated / "cases.csv")
    summary = check_on_dask.run(POLICY, [events], cases, "2025-12-31", str(tmp_path), client,
                                partitions=6)
    # Every worker loaded the policy once, by the plugin, and checked some partitions.
    loaded = client.run(lambda dask_worker: dask_worker.duly_policy.name)
    assert len(loaded) == 2
    parts = sorted(glob.glob(str(tmp_path / "obligations-*.csv")))
    assert len(parts) == 6
    rows, header = [], None
    for part in parts:
        with open(part) as f:
            lines = f.read().splitlines()
        header = header or lines[0]
        assert lines[0] == header
        rows.extend(lines[1:])
    status, cli, _ = run_duly("check", POLICY, events, "--cases", cases, "--as-of", "2025-12-31",
                              "--format", "csv")
    assert status == 0
    cli_lines = cli.decode().splitlines()
    assert header == cli_lines[0]
    assert len(rows) > 10000
    assert sorted(rows) == sorted(cli_lines[1:])
    # The summary counts each rule's obligations by status, as the report's rows do.
    frame = pd.read_csv(pd.io.common.StringIO(cli.decode()), dtype=str, keep_default_na=False)
    counts = frame.groupby(["rule", "status"]).size().unstack(fill_value=0)
    for _, row in summary.iterrows():
        for status_name in check_on_dask.STATUSES:
            expected = counts.loc[row["rule"]].get(status_name, 0)
            assert row[status_name] == expected, (row["rule"], status_name)
    written = pd.read_csv(tmp_path / "summary.csv")
    assert list(written.columns) == ["rule"] + check_on_dask.STATUSES + ["compliance"]


def test_dask_on_the_camden_sample(client, tmp_path):
    policy = os.path.join(ROOT, "policies", "camden.policy")
    events = os.path.join(ROOT, "examples", "data", "camden", "events.csv")
    cases = os.path.join(ROOT, "examples", "data", "camden", "cases.csv")
    check_on_dask.run(policy, [events], cases, "2024-06-30", str(tmp_path), client, partitions=3)
    rows = []
    for part in sorted(glob.glob(str(tmp_path / "obligations-*.csv"))):
        with open(part) as f:
            rows.extend(f.read().splitlines()[1:])
    _, cli, _ = run_duly("check", policy, events, "--cases", cases, "--as-of", "2024-06-30",
                         "--format", "csv")
    assert sorted(rows) == sorted(cli.decode().splitlines()[1:])
    assert len(rows) == 4746
