#!/usr/bin/env python3
"""Time from exec to the first complete screen, and peak RSS, of programs
run in a pseudo-terminal of 100x30, interleaved round by round so that the
noise of a shared machine falls on all of them alike.

Usage: first_screen.py ROUNDS NAME MARKERS -- ARGV... [;; NAME MARKERS -- ARGV...]
MARKERS: texts separated by '|' that must all have been drawn (an empty
MARKERS means: until the program exits by itself).
"""
import os
import signal
import statistics
import sys
import time

from ptyterm import read_some, spawn


def run_once(argv, markers, env):
    # GNU time forks the program from its own small image, so the peak RSS
    # it reports is the program's, not this forked Python's.
    rss_file = f"/tmp/first-screen-rss.{os.getpid()}"
    pid, fd = spawn(["/usr/bin/time", "-q", "-f", "%M", "-o", rss_file] + argv, env)
    start = time.perf_counter()
    seen = b""
    done_at = None
    want = [m.encode() for m in markers]
    while True:
        chunk = read_some(fd, 10)
        if chunk is None:
            break
        if not chunk:
            done_at = done_at or time.perf_counter()
            break
        seen += chunk
        if want and all(m in seen for m in want):
            done_at = time.perf_counter()
            break
    if want:
        # End the program, not time, which then writes what it measured.
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            for child in f.read().split():
                os.kill(int(child), signal.SIGTERM)
    os.waitpid(pid, 0)
    os.close(fd)
    if done_at is None:
        raise SystemExit(f"{argv[0]}: first screen never appeared:\n{seen[-400:]!r}")
    with open(rss_file) as f:
        kb = int(f.read().split()[-1])
    os.unlink(rss_file)
    return (done_at - start) * 1000.0, kb / 1024.0


def main():
    rounds = int(sys.argv[1])
    specs = []
    args = sys.argv[2:]
    while args:
        name, markers = args[0], args[1]
        assert args[2] == "--"
        end = args.index(";;") if ";;" in args else len(args)
        specs.append((name, [m for m in markers.split("|") if m], args[3:end]))
        args = args[end + 1:]
    env = dict(os.environ, TERM="xterm-256color")
    times = {s[0]: [] for s in specs}
    rss = {s[0]: [] for s in specs}
    for _ in range(2):  # warm the page cache
        for name, markers, argv in specs:
            run_once(argv, markers, env)
    for _ in range(rounds):
        for name, markers, argv in specs:
            t, m = run_once(argv, markers, env)
            times[name].append(t)
            rss[name].append(m)
    base = specs[-1][0]
    print(f"{'program':<28}{'first screen (ms)':>20}{'peak RSS (MB)':>16}{'time ratio':>12}{'RSS diff (MB)':>15}")
    for name, _, _ in specs:
        t = statistics.median(times[name])
        m = statistics.median(rss[name])
        tb = statistics.median(times[base])
        mb = statistics.median(rss[base])
        print(f"{name:<28}{t:>20.2f}{m:>16.2f}{t / tb:>12.2f}{m - mb:>+15.2f}")
    print(f"(medians of {rounds} interleaved rounds; ratios against {base})")


if __name__ == "__main__":
    main()
