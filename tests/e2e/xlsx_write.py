#!/usr/bin/env python3
"""xlsx_write.py BOOK.xlsx [--numbers REF,...] < SHEET.csv (UTF-8): write the
CSV's rows as the first sheet of an Excel workbook the way Excel saves
one: texts in the shared strings, empty cells left out, the cells named
by --numbers (A7, L9) as number cells holding the text given (3.40104E+17
for an ID number Excel took for a number), and a second sheet of notes
that an import must not read."""
import argparse
import csv
import sys
import zipfile
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml."


def col_name(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def sheet_xml(rows, numbers, strings):
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}"><sheetData>']
    for r, row in enumerate(rows, 1):
        cells = []
        for c, text in enumerate(row):
            ref = f"{col_name(c)}{r}"
            if text == "":
                continue
            if ref in numbers:
                cells.append(f'<c r="{ref}"><v>{escape(text)}</v></c>')
            else:
                idx = strings.setdefault(text, len(strings))
                cells.append(f'<c r="{ref}" t="s"><v>{idx}</v></c>')
        if cells:
            out.append(f'<row r="{r}">{"".join(cells)}</row>')
    out.append("</sheetData></worksheet>")
    return "".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("book")
    ap.add_argument("--numbers", default="")
    args = ap.parse_args()
    numbers = set(filter(None, args.numbers.split(",")))
    rows = list(csv.reader(sys.stdin))
    strings = {}
    roster = sheet_xml(rows, numbers, strings)
    notes = sheet_xml([["填表说明：身份证号码一列请设为文本"]], set(), strings)
    sst = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
    parts = {
        "[Content_Types].xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{CT}sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{CT}worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="{CT}worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="{CT}sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        # the roster is the first sheet but sheet2.xml, as after a sheet is moved
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="花名册" sheetId="2" r:id="rId2"/><sheet name="填表说明" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": notes,
        "xl/worksheets/sheet2.xml": roster,
        "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">{sst}</sst>',
    }
    with zipfile.ZipFile(args.book, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text.encode("utf-8"))


if __name__ == "__main__":
    main()
