#!/usr/bin/env python3
"""Side-by-side build benchmark: annals against Hugo on the same corpus.

    python3 bench/run.py [N ...]          # default: 1000 10000 100000

For each N it generates the corpus once (bench/corpus.py, cached under
$BENCH_DIR, default /tmp/annals-bench), then measures with /usr/bin/time:
  - annals cold build into an empty output
  - Hugo cold build of the equivalent site (when `hugo` is installed)
  - annals rebuild with nothing changed
  - annals rebuild after editing one event (and how many output files changed)
and prints wall time, CPU time and peak memory of each, and the ratios.
Timings depend on the machine and its load: compare ratios from one run.
"""

import os
import shutil
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


def bench(n):
    path = corpus(n)
    site = os.path.join(path, "annals")
    out = os.path.join(path, "out-annals")
    shutil.rmtree(out, ignore_errors=True)
    print(f"\n{n} events{'':<20}      wall       cpu        peak")
    cold = measure([ANNALS, "build", "--quiet", "--root", site, "--output", out])
    row("annals cold build", cold)
    if n >= HUGO_LIMIT:
        print("  hugo not run: it would need ~85 GiB of memory at this size")
    elif shutil.which("hugo"):
        hugo_out = os.path.join(path, "out-hugo")
        shutil.rmtree(hugo_out, ignore_errors=True)
        hugo = measure(["hugo", "--quiet", "-d", hugo_out], cwd=os.path.join(path, "hugo"))
        row("hugo cold build", hugo)
        print(f"  annals / hugo wall: {cold[0] / hugo[0]:.2f}   peak memory: {cold[2] / hugo[2]:.2f}")
    else:
        print("  hugo is not installed (apt-get install hugo): no comparison")
    again = measure([ANNALS, "build", "--quiet", "--root", site, "--output", out])
    row("annals no-change rebuild", again, cold)
    before = mtimes(out)
    edit_one(site)
    edited = measure([ANNALS, "build", "--quiet", "--root", site, "--output", out])
    after = mtimes(out)
    changed = sum(1 for path, stamp in after.items() if before.get(path) != stamp)
    row("annals one-edit rebuild", edited, cold)
    print(f"  files rewritten after one edit: {changed} of {len(after)}")


def main():
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000, 10000, 100000]
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    for n in sizes:
        bench(n)


if __name__ == "__main__":
    main()
