#!/usr/bin/env python3
"""Side-by-side build benchmark: annals against Hugo on the same corpus.

    python3 bench/run.py [--runs R] [N ...]   # default: 5 runs; 1000 10000 100000

For each N it generates the corpus once (bench/corpus.py, cached under
$BENCH_DIR, default /tmp/annals-bench), then measures with /usr/bin/time:
  - annals and Hugo cold builds into empty outputs, in turn (A B A B ...),
    R of each after one warm-up of each, so that both see the same drift of
    a shared machine; it prints the median of each figure and the wall ratio
    of every pair
  - annals rebuild with nothing changed
  - annals rebuild after editing one event (and how many output files changed)
  - the output's size, files and bytes per event, by top-level entry
and prints wall time, CPU time and peak memory of each, and the ratios.
Timings depend on the machine and its load: compare ratios from one run.
"""

import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BENCH_DIR = os.environ.get("BENCH_DIR", "/tmp/annals-bench")
ANNALS = os.path.join(ROOT, "target", "release", "annals")


def measure(command, cwd=None):
    """Runs a command under /usr/bin/time; returns (wall s, cpu s, peak MiB)."""
    fmt = "%e %U %S %M"
    result = subprocess.run(
        ["/usr/bin/time", "-f", fmt, *command],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    wall, user, system, kb = result.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(kb) / 1024


# From this many events on, Hugo is not run: at ~85 KB per event it would
# need more memory than the machine has.
HUGO_LIMIT = 1_000_000


def corpus(n):
    """The corpus of n events, generated once (into a temporary folder that
    is renamed when complete, so an interrupted run is never reused)."""
    path = os.path.join(BENCH_DIR, str(n))
    if not os.path.isdir(path):
        print(f"generating {n} events into {path} ...", flush=True)
        partial = path + ".partial"
        shutil.rmtree(partial, ignore_errors=True)
        only = ["--annals-only"] if n >= HUGO_LIMIT else []
        script = os.path.join(HERE, "corpus.py")
        subprocess.run([sys.executable, script, str(n), partial, *only], check=True)
        os.rename(partial, path)
    return path


def mtimes(folder):
    found = {}
    for base, _, files in os.walk(folder):
        for name in files:
            full = os.path.join(base, name)
            found[full] = os.stat(full).st_mtime_ns
    return found


def edit_one(site):
    events = os.path.join(site, "content", "events", "000", "e0000000.md")
    with open(events, "a", encoding="utf-8") as out:
        out.write(f"\nEdited at {time.time_ns()}.\n")


def row(name, figures, base=None):
    wall, cpu, mem = figures
    ratio = f"{wall / base[0]:.2f}x" if base else ""
    print(f"  {name:<28} {wall:>8.2f} s {cpu:>8.2f} s {mem:>9.0f} MiB  {ratio}")


def cold(command, out, cwd=None):
    shutil.rmtree(out, ignore_errors=True)
    return measure(command, cwd)


def median(runs):
    return tuple(statistics.median(run[i] for run in runs) for i in range(3))


def alternate(n, path, site, out, runs):
    """Cold builds of annals and Hugo in turn; returns annals' medians."""
    annals = [ANNALS, "build", "--quiet", "--root", site, "--output", out]
    hugo_out = os.path.join(path, "out-hugo")
    hugo = ["hugo", "--quiet", "-d", hugo_out]
    hugo_site = os.path.join(path, "hugo")
    with_hugo = n < HUGO_LIMIT and shutil.which("hugo")
    pairs = []
    for turn in range(runs + 1):
        a = cold(annals, out)
        b = cold(hugo, hugo_out, hugo_site) if with_hugo else None
        if turn > 0:
            pairs.append((a, b))
    mine = median([a for a, _ in pairs])
    row(f"annals cold build (x{runs})", mine)
    if not with_hugo:
        print("  hugo not run (not installed, or past its memory at this size)")
        return mine
    theirs = median([b for _, b in pairs])
    row(f"hugo cold build (x{runs})", theirs)
    ratios = sorted(a[0] / b[0] for a, b in pairs)
    print(f"  annals / hugo wall: median {statistics.median(ratios):.2f}, pairs "
          + " ".join(f"{r:.2f}" for r in ratios)
          + f"   peak memory: {mine[2] / theirs[2]:.2f}")
    size(hugo_out, n, "hugo output")
    return mine


def size(out, n, label):
    """Bytes and files of the output, in all and by top-level entry."""
    entries = {}
    for base, _, files in os.walk(out):
        top = os.path.relpath(base, out).split(os.sep)[0]
        for name in files:
            key = name if top == "." else top
            bytes_, count = entries.get(key, (0, 0))
            entries[key] = (bytes_ + os.stat(os.path.join(base, name)).st_size, count + 1)
    total = sum(b for b, _ in entries.values())
    files = sum(c for _, c in entries.values())
    print(f"  {label}: {total / 1e6:.1f} MB in {files} files, {total / n / 1e3:.1f} KB per event")
    return entries


def bench(n, runs):
    path = corpus(n)
    site = os.path.join(path, "annals")
    out = os.path.join(path, "out-annals")
    print(f"\n{n} events{'':<20}      wall       cpu        peak   (load {os.getloadavg()[0]:.1f})")
    cold_figures = alternate(n, path, site, out, runs)
    for key, (bytes_, count) in sorted(size(out, n, "annals output").items(),
                                       key=lambda item: -item[1][0])[:12]:
        print(f"    {key:<24} {bytes_ / 1e6:>8.1f} MB {count:>8} files")
    again = measure([ANNALS, "build", "--quiet", "--root", site, "--output", out])
    row("annals no-change rebuild", again, cold_figures)
    before = mtimes(out)
    edit_one(site)
    edited = measure([ANNALS, "build", "--quiet", "--root", site, "--output", out])
    after = mtimes(out)
    changed = sum(1 for path, stamp in after.items() if before.get(path) != stamp)
    row("annals one-edit rebuild", edited, cold_figures)
    print(f"  files rewritten after one edit: {changed} of {len(after)}   (load {os.getloadavg()[0]:.1f})")


def main():
    sys.stdout.reconfigure(line_buffering=True)
    args = sys.argv[1:]
    runs = 5
    if args[:1] == ["--runs"]:
        runs, args = int(args[1]), args[2:]
    sizes = [int(arg) for arg in args] or [1000, 10000, 100000]
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    for n in sizes:
        bench(n, runs)


if __name__ == "__main__":
    main()
