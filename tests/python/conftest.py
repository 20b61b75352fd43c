"""What the Python package's tests share: the repository, the built `duly` program, and data
sets made once per run (docs/testing.md, "The Python package")."""

import os
import subprocess
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DULY = os.environ.get("DULY_BINARY", os.path.join(ROOT, "build", "duly"))


def run_duly(*args):
    """`duly ARGS` from the repository root: (status, stdout bytes, stderr text)."""
    proc = subprocess.run([DULY, *args], cwd=ROOT, capture_output=True)
    return proc.returncode, proc.stdout, proc.stderr.decode()


@pytest.fixture(scope="session")
def generated(tmp_path_factory):
    """The benchmark generator's timelines at a small size: 20,000 events in about 900 cases."""
    out = tmp_path_factory.mktemp("generated")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate.py"), "--events", "20000",
                    "--seed", "3", "--out", str(out)], check=True, capture_output=True)
    return out
