#!/usr/bin/env python3
"""One-edit `annals build` against a cold build, paired and alternated.

    python3 bench/one_edit.py [N ...] [--rounds R]   # default: 10000, 5 rounds

For each N it takes the corpus of bench/run.py (generated once under
$BENCH_DIR), builds it once into a warm output, then R times in turn:
  - a cold build into a fresh, empty output folder (removed afterwards,
    untimed), with no cache beside it;
  - one edit (text appended to one event's body) and a build into the warm
    output, which renders only the pages the edit touched.
Each is timed with /usr/bin/time; it prints every pair, the medians of wall
and CPU time, and the median of the pair-by-pair ratios (one-edit / cold),
which holds when the machine's speed drifts between pairs.
"""

import os
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the corpus and the timer of the side-by-side bench)


def edit(site, round_number):
    """Appends a sentence to one event's body, as an editor's save."""
    path = os.path.join(site, "content", "events", "003", "e0000003.md")
    with open(path, "a", encoding="utf-8") as out:
        out.write(f"\nRevised in round {round_number} at {time.time_ns()}.\n")


def build(site, out):
    return run.measure([run.ANNALS, "build", "--quiet", "--root", site, "--output", out])


def bench(n, rounds):
    path = run.corpus(n)
    site = os.path.join(path, "annals")
    warm = os.path.join(path, "out-one-edit", "site")
    shutil.rmtree(os.path.dirname(warm), ignore_errors=True)
    build(site, warm)
    pairs = []
    for number in range(rounds):
        fresh = os.path.join(path, f"out-cold-{number}")
        shutil.rmtree(fresh, ignore_errors=True)
        cold = build(site, os.path.join(fresh, "site"))
        shutil.rmtree(fresh, ignore_errors=True)
        edit(site, number)
        one = build(site, warm)
        pairs.append((cold, one))
        print(f"  round {number + 1}: cold {cold[0]:.2f} s wall {cold[1]:.2f} s cpu"
              f"   one edit {one[0]:.2f} s wall {one[1]:.2f} s cpu", flush=True)
    median = lambda values: statistics.median(values)  # noqa: E731
    cold_wall, cold_cpu = median(c[0] for c, _ in pairs), median(c[1] for c, _ in pairs)
    one_wall, one_cpu = median(o[0] for _, o in pairs), median(o[1] for _, o in pairs)
    wall_ratio = median(o[0] / c[0] for c, o in pairs)
    cpu_ratio = median(o[1] / c[1] for c, o in pairs)
    print(f"{n} events, median of {rounds}: cold {cold_wall:.2f} s wall / {cold_cpu:.2f} s cpu;"
          f" one edit {one_wall:.2f} s wall / {one_cpu:.2f} s cpu;"
          f" ratio {wall_ratio:.2f} wall, {cpu_ratio:.2f} cpu")


def main():
    args = sys.argv[1:]
    rounds = 5
    if "--rounds" in args:
        at = args.index("--rounds")
        rounds = int(args[at + 1])
        del args[at:at + 2]
    sizes = [int(arg) for arg in args] or [10000]
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=run.ROOT, check=True)
    for n in sizes:
        print(f"\n{n} events")
        bench(n, rounds)


if __name__ == "__main__":
    main()
