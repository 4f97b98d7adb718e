#!/usr/bin/env python3
"""Runs a command and reports the CPU time of each of its threads, read
from /proc/PID/task/*/stat while it runs (BENCHMARKS.md: which of a
poll's threads is the bottleneck).

    thread_cpu.py [--every SECONDS] -- COMMAND...

With --every, also prints each thread's CPU per interval: a timeline
that shows whether the threads overlap or wait for each other.
"""
import os
import subprocess
import sys
import time


def thread_times(pid, hz):
    times = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return times
    for tid in tids:
        try:
            stat = open(f"/proc/{pid}/task/{tid}/stat").read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        times[tid] = (name, (int(fields[11]) + int(fields[12])) / hz)
    return times


def main():
    args = sys.argv[1:]
    every = None
    if args[:1] == ["--every"]:
        every, args = float(args[1]), args[2:]
    if args[:1] != ["--"] or len(args) < 2:
        sys.exit(__doc__)
    hz = os.sysconf("SC_CLK_TCK")
    started = time.time()
    child = subprocess.Popen(args[1:])
    last, rows = {}, []
    while child.poll() is None:
        time.sleep(every or 0.02)
        now = thread_times(child.pid, hz)
        if every:
            rows.append((time.time() - started, {t: c - last.get(t, (n, 0))[1] for t, (n, c) in now.items()}))
        last.update(now)
    wall = time.time() - started
    tids = sorted(last, key=int)
    if every:
        print("t     " + " ".join(f"{last[t][0][:9]:>9}" for t in tids), file=sys.stderr)
        for at, cpu in rows:
            print(f"{at:5.2f} " + " ".join(f"{cpu.get(t, 0):9.2f}" for t in tids), file=sys.stderr)
    print(f"wall {wall:.2f} s; CPU by thread: " + ", ".join(f"{last[t][0]} {last[t][1]:.2f} s" for t in tids), file=sys.stderr)
    sys.exit(child.returncode)


if __name__ == "__main__":
    main()
