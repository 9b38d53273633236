#!/usr/bin/env python3
"""xlsx_compare.py BOOK.xlsx < SHEET.csv (UTF-8): the workbook's first
sheet holds the same cells as the CSV, the numbers as number cells (in the
columns listed by --numbers, 0-based, header row excepted) and every text
as a text cell in the text format "@" (so that Excel neither runs it as a
formula nor turns a long number into 4.4E+17). Prints what differs and
exits 1, or exits 0."""
import argparse
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
TEXT_FORMAT = 49  # the built-in number format "@"


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def cells(book):
    with zipfile.ZipFile(book) as z:
        styles = ET.fromstring(z.read("xl/styles.xml"))
        codes = {int(f.get("numFmtId")): f.get("formatCode")
                 for f in styles.iter(f"{{{NS['m']}}}numFmt")}
        # a format is text when it is the built-in 49 or its code is "@"
        xfs = [TEXT_FORMAT if codes.get(int(xf.get("numFmtId", "0"))) == "@"
               else int(xf.get("numFmtId", "0"))
               for xf in styles.find("m:cellXfs", NS).findall("m:xf", NS)]
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
                shared.append("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = {}
    for row in sheet.iter(f"{{{NS['m']}}}row"):
        r = int(row.get("r")) - 1
        for c in row.findall("m:c", NS):
            kind = c.get("t", "n")
            fmt = xfs[int(c.get("s", "0"))]
            if kind == "inlineStr":
                value = "".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t"))
            elif kind == "s":
                value = shared[int(c.find("m:v", NS).text)]
            else:
                value = float(c.find("m:v", NS).text)
            rows.setdefault(r, {})[col_index(c.get("r"))] = (kind, value, fmt)
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("book")
    ap.add_argument("--numbers", default="", help="0-based columns of numbers, comma-separated")
    a = ap.parse_args()
    numbers = {int(x) for x in a.numbers.split(",") if x}
    want = list(csv.reader(sys.stdin))
    got = cells(a.book)
    bad = []
    if sorted(got) != list(range(len(want))):
        bad.append(f"rows: {len(got)} in the workbook, {len(want)} in the sheet")
    for r, row in enumerate(want):
        have = got.get(r, {})
        for c, text in enumerate(row):
            cell = have.get(c)
            if text == "":
                if cell:
                    bad.append(f"row {r + 1} column {c + 1}: {cell[1]!r} where the sheet is empty")
                continue
            if not cell:
                bad.append(f"row {r + 1} column {c + 1}: empty, the sheet has {text!r}")
                continue
            kind, value, fmt = cell
            if r > 0 and c in numbers:
                if kind != "n" or abs(value - float(text)) > 1e-9:
                    bad.append(f"row {r + 1} column {c + 1}: {value!r} ({kind}), not the number {text}")
            else:
                # the CSV quotes a formula-like text; the workbook keeps it as text
                plain = text[1:] if text[:1] == "'" and text[1:2] in "=+-@" else text
                if kind == "n" or value != plain:
                    bad.append(f"row {r + 1} column {c + 1}: {value!r} ({kind}), not the text {plain!r}")
                elif fmt != TEXT_FORMAT:
                    bad.append(f"row {r + 1} column {c + 1}: {plain!r} is not in the text format")
    for line in bad[:20]:
        print(line)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
