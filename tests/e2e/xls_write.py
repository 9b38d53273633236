#!/usr/bin/python3
"""xls_write.py BOOK.xls [--numbers REF,...] < SHEET.csv (UTF-8): write the
CSV's rows as the first sheet of an old Excel workbook (.xls, Excel
97-2003) the way offices still save one: texts as texts, empty cells left
out, the cells named by --numbers (A7, B5) as number cells holding the
number given, and a second sheet of notes that an import must not read."""
import argparse
import csv
import re
import sys

import xlwt


def ref_cell(ref):
    m = re.fullmatch(r"([A-Z]+)([0-9]+)", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("book")
    ap.add_argument("--numbers", default="")
    args = ap.parse_args()
    numbers = {ref_cell(r) for r in filter(None, args.numbers.split(","))}
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("花名册")
    for r, row in enumerate(csv.reader(sys.stdin)):
        for c, text in enumerate(row):
            if text == "":
                continue
            sheet.write(r, c, float(text) if (r, c) in numbers else text)
    book.add_sheet("填表说明").write(0, 0, "填表说明：身份证号码请设为文本格式")
    book.save(args.book)


main()
