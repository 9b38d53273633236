#!/usr/bin/env python3
"""Key response: from a key written to a pseudo-terminal of 100x30 to the
last byte of the update it causes, and the bytes of that update, for
wanchuang (the kiosk: its welcome menu, then 政策查询's keyword field and
hits) and for dialog driven the same way (--menu, --inputbox, a long
--menu, --textbox for the pages), locally and, given --ssh, through ssh. Programs and ways are run
round by round in turn, so that the noise of a shared machine falls on
all of them alike.

The end of an update is found by silence: after writing a key the harness
reads until QUIET ms pass without a byte; the time is that of the last
byte read, counted from just before the write, and nothing is subtracted
(the silence that ends the wait is not in the figure). A key that brings
no byte within a second is counted apart ("silent"), not as a time.

Usage: keys.py --policies CSV [--rounds R] [--keys N] [--quiet MS]
               [--ssh 'SSH WORDS'] [--before 'ARGV WORDS']
               [--remote-env 'NAME=VALUE...'] -- WANCHUANG ARGV...
CSV: data/policies/policies.csv, whose titles dialog's long menu and
text box show.
N keys of each kind per program and round; --before adds an older build
of wanchuang as a column of its own; --remote-env is put before each
program run through ssh.
"""
import argparse
import csv
import math
import os
import shlex
import signal
import statistics
import tempfile
import time

from ptyterm import spawn, until_quiet

# xterm-256color keys as ncurses asks for them (keypad mode)
UP, DOWN = b"\x1bOA", b"\x1bOB"
PGUP, PGDN = b"\x1b[5~", b"\x1b[6~"
BACKSPACE = b"\x7f"

KINDS = ["type ASCII", "type Chinese", "Backspace", "menu move", "list move", "page"]
MOVES = {"menu move", "list move"}

ASCII_WORD = "business"
CHINESE_WORD = "创业担保贷款"
# dialog's menu holds what the kiosk's welcome menu holds, its long menu
# as many lines as 政策查询 has policies
WELCOME = [
    ("政策查询", "查询扶持政策，免费，无需登录"),
    ("政策匹配", "回答几个问题，看看哪些政策适合您"),
    ("服务目录", "培训、指导、法律、财税等服务；登录后可预约"),
    ("创业测评", "约15道题：了解创业准备情况，以及下一步可预约的服务"),
    ("登录办理", "使用身份证号码和在服务窗口设置的查询密码"),
    ("平台简介", "服务内容、免费政策服务、投诉渠道"),
    ("服务商入驻公示", "即将成为服务商的服务机构，接受社会监督"),
]
# the shipped policies (--policies), as 政策查询 lists them: title, then
# 发文字号, kind of support and issuer
POLICIES = []


class Session:
    def __init__(self, argv, env, quiet):
        self.quiet = quiet
        self.pid, self.fd = spawn(argv, env)
        self.name = argv[0]

    def wait(self, markers, key=None, limit=15):
        """Until every marker has been drawn (after writing key, if given)
        and the program has fallen quiet."""
        seen = b""
        if key:
            os.write(self.fd, key)
        want = [m.encode() for m in markers]
        end = time.perf_counter() + limit
        while not all(m in seen for m in want):
            if time.perf_counter() > end:
                raise SystemExit(f"{self.name}: {markers} never appeared:\n{seen[-600:]!r}")
            got, _ = until_quiet(self.fd, 0.2, 1)
            seen += got
        until_quiet(self.fd, 0.3, 5)

    def press(self, key):
        """A key whose update is not counted (moving between phases)."""
        os.write(self.fd, key)
        until_quiet(self.fd, 0.3, 5)

    def key(self, key):
        """(ms from the write to the last byte, bytes); ms None if silent."""
        start = time.perf_counter()
        os.write(self.fd, key)
        got, last = until_quiet(self.fd, self.quiet, 1 + self.quiet)
        self.got = got
        if last is None:
            return None, 0
        return (last - start) * 1000.0, len(got)

    def close(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        until_quiet(self.fd, 0.1, 2)
        os.close(self.fd)
        os.waitpid(self.pid, 0)


DUMP = None


class Tally:
    def __init__(self, name=""):
        self.name = name
        self.ms = {k: [] for k in KINDS}
        self.bytes = {k: [] for k in KINDS}
        self.silent = {k: 0 for k in KINDS}

    def key(self, s, kind, key):
        at = time.time()
        ms, n = s.key(key)
        if DUMP:
            DUMP.write(f"{self.name}\t{kind}\t{at:.6f}\t{ms}\t{n}\t{s.got!r}\n")
        if ms is None:
            self.silent[kind] += 1
        else:
            self.ms[kind].append(ms)
            self.bytes[kind].append(n)


def typing(s, t, n):
    for kind, word in (("type ASCII", ASCII_WORD), ("type Chinese", CHINESE_WORD)):
        done = 0
        while done < n:
            for ch in word:
                t.key(s, kind, ch.encode())
            for _ in word:
                t.key(s, "Backspace", BACKSPACE)
            done += len(word)


def moves(s, t, kind, span, n):
    done = 0
    while done < n:
        for key in (DOWN, UP):
            for _ in range(span):
                t.key(s, kind, key)
        done += 2 * span


def pages(s, t, n):
    for i in range(n):
        t.key(s, "page", PGDN if i % 2 == 0 else PGUP)


def run_wanchuang(start, t, n):
    s = start([])
    try:
        s.wait(["政策查询", "服务商入驻公示"])
        moves(s, t, "menu move", len(WELCOME) - 1, n)
        s.wait(["下一页"], key=b"1")
        typing(s, t, n)
        s.press(DOWN)  # from the keywords to the hits
        moves(s, t, "list move", 3, n)
        pages(s, t, n)
    finally:
        s.close()


def run_dialog(start, t, n):
    menu = [w for i, (label, note) in enumerate(WELCOME) for w in (str(i + 1), f"{label}  {note}")]
    s = start(["dialog", "--menu", "请选择", "20", "90", str(len(WELCOME))] + menu)
    try:
        s.wait(["服务商入驻公示", "取消"])
        moves(s, t, "menu move", len(WELCOME) - 1, n)
    finally:
        s.close()
    s = start(["dialog", "--inputbox", "请输入关键词", "8", "70"])
    try:
        s.wait(["请输入关键词", "取消"])
        typing(s, t, n)
    finally:
        s.close()
    items = [w for i, (title, _) in enumerate(POLICIES) for w in (str(i + 1), title)]
    s = start(["dialog", "--menu", "政策查询", "28", "96", "20"] + items)
    try:
        s.wait([POLICIES[0][0], "取消"])
        moves(s, t, "list move", 3, n)
    finally:
        s.close()
    # A page turn in dialog's menu from the top first moves the selection
    # to the bottom of the view, and PgUp back to its top, without
    # scrolling; its text box turns a page at every key, as 政策查询 does.
    with tempfile.NamedTemporaryFile("w", prefix="wc-keys-", suffix=".txt") as f:
        for title, meta in POLICIES:
            f.write(f"{title}\n    {meta}\n")
        f.flush()
        s = start(["dialog", "--textbox", f.name, "28", "96"])
        try:
            s.wait([POLICIES[0][0], "退出"])
            pages(s, t, n)
        finally:
            s.close()


def percentile(xs, p):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[max(0, math.ceil(p / 100.0 * len(xs)) - 1)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--keys", type=int, default=40)
    ap.add_argument("--quiet", type=float, default=30.0)
    ap.add_argument("--ssh", default="")
    ap.add_argument("--before", default="")
    ap.add_argument("--remote-env", default="")
    ap.add_argument("--policies", required=True)
    ap.add_argument("--dump", default="", help="every key's figures, a line each, to this file")
    ap.add_argument("wanchuang", nargs="+")
    a = ap.parse_args()
    with open(a.policies, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            POLICIES.append((row["标题"], f"{row['发文字号']}  {row['扶持方式']}  {row['发文机关']}"))
    env = dict(os.environ, TERM="xterm-256color")
    quiet = a.quiet / 1000.0
    ssh = shlex.split(a.ssh)

    def starter(argv, via):
        def start(extra):
            full = argv + extra
            if via == "ssh":
                full = ssh + [a.remote_env + " " + shlex.join(full)]
            return Session(full, env, quiet)
        return start

    programs = [("wanchuang", run_wanchuang, a.wanchuang)]
    if a.before:
        programs.append(("wanchuang (before)", run_wanchuang, shlex.split(a.before)))
    programs.append(("dialog", run_dialog, []))
    ways = ["local"] + (["ssh"] if ssh else [])
    columns = [(p, w) for w in ways for p in programs]
    tallies = {(p[0], w): Tally(f"{p[0]}\t{w}") for p, w in columns}
    global DUMP
    if a.dump:
        DUMP = open(a.dump, "w", encoding="utf-8")
    for _ in range(a.rounds):
        for (name, run, argv), via in columns:
            run(starter(argv, via), tallies[(name, via)], a.keys)

    print(f"quiet = {a.quiet:g} ms; {a.rounds} rounds of {a.keys} keys of each kind, "
          f"programs in turn; {os.cpu_count()} cores")
    names = [p[0] for p in programs]
    for via in ways:
        print()
        print(f"{via}: p50 / p99 ms from key to the last byte, bytes per key (mean)")
        head = "| key |" + "".join(f" {nm} p50 | p99 | bytes |" for nm in names)
        print(head)
        print("| --- |" + " ---: | ---: | ---: |" * len(names))
        for kind in KINDS:
            row = f"| {kind} |"
            for nm in names:
                t = tallies[(nm, via)]
                ms, b = t.ms[kind], t.bytes[kind]
                mean = sum(b) / len(b) if b else float("nan")
                row += f" {statistics.median(ms) if ms else float('nan'):.3f} |" \
                    f" {percentile(ms, 99):.3f} | {mean:.0f} |"
            print(row)
        silent = [f"{nm}: {k} {tallies[(nm, via)].silent[k]}"
                  for nm in names for k in KINDS if tallies[(nm, via)].silent[k]]
        if silent:
            print("keys with no output (not in the figures): " + ", ".join(silent))
    print()
    missed = 0
    for via in ways:
        d = tallies[("dialog", via)]
        w = tallies[("wanchuang", via)]
        for kind in KINDS:
            wp, dp = percentile(w.ms[kind], 99), percentile(d.ms[kind], 99)
            ok = wp <= dp
            missed += not ok
            print(f"{via} {kind}: p99 {wp:.3f} ms, dialog {dp:.3f} ms: "
                  f"{'ok' if ok else 'slower than dialog'}")
            if kind in MOVES:
                wb = sum(w.bytes[kind]) / max(1, len(w.bytes[kind]))
                db = sum(d.bytes[kind]) / max(1, len(d.bytes[kind]))
                ok = wb <= db / 2
                missed += not ok
                print(f"{via} {kind}: {wb:.0f} bytes, dialog {db:.0f}: "
                      f"{'ok' if ok else 'more than half of dialog'}")
    print(f"targets missed: {missed}")


if __name__ == "__main__":
    main()
