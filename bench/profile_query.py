"""Where a warm `query --org ORG --format json` spends its time, phase by phase (issue 10).

    .venv/bin/python bench/profile_query.py bench/_work/archive_10000 "библиотека имени Маяковского"
    .venv/bin/python bench/profile_query.py data "Камчатской краевой детской библиотеки" --runs 5

Runs the query's steps in this process, as `resarchive query` does: the CLI's imports,
opening and refreshing the index (a stat of every record file), the search, reading the
found records' YAML, writing them as JSON. Each run is a fresh interpreter, as a command
is. Interpreter start-up and typer's parsing of the command line are not included
(`python -X importtime -m resarchive ...` and the whole-process timings in
bench/results.md show those).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

CODE = """
import io, sys, time
t0 = time.perf_counter()
from resarchive import cli  # the CLI's imports: typer, the archive, the index API
from resarchive.archive import Archive
from resarchive.export import write
from resarchive.query import Filters, find_hits, open_index
from resarchive.records import read_records
t1 = time.perf_counter()
archive = Archive(sys.argv[1])
with open_index(archive) as index:
    t2 = time.perf_counter()
    hits = find_hits(index, Filters(org=sys.argv[2]))
    t3 = time.perf_counter()
records = read_records(archive, hits)
t4 = time.perf_counter()
write(records, "json", io.StringIO())
t5 = time.perf_counter()
print(len(records), t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)
"""
# Bytecode cached, as an installed CLI has it (see bench_archive.py).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
PHASES = ["imports", "open + refresh", "search", "read YAML", "write JSON"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive")
    parser.add_argument("org")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    warm_up = [sys.executable, "-c", CODE, args.archive, args.org]
    subprocess.run(warm_up, check=True, capture_output=True, env=ENV)
    runs = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", CODE, args.archive, args.org],
            check=True,
            capture_output=True,
            text=True,
            env=ENV,
        ).stdout.split()
        count, times = int(out[0]), [float(x) for x in out[1:]]
        runs.append(times)
    medians = [statistics.median(run[i] for run in runs) for i in range(len(PHASES))]
    print(f"{count} record(s); median of {args.runs} runs:")
    for name, seconds in zip(PHASES, medians, strict=True):
        print(f"  {name:15} {seconds * 1000:7.1f} ms")
    print(f"  {'total':15} {sum(medians) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
