#!/usr/bin/env python3
"""Write rich.xlsx (a workbook libxlsxwriter cannot write) and notbook.xlsx
(a zip that is no workbook), for tests/unit/test_xlsx_read.c.

Its first sheet is listed second in the zip and is not called sheet1.xml;
it has a shared string of rich-text runs with a phonetic guide, an inline
string, a boolean, a formula's cached value, an _x000D_ escape, entities,
spaces kept by xml:space, and rows and cells the sheet skips. Run it again
after changing it: python3 tests/unit/data/make_rich_xlsx.py
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

PARTS = {
    "[Content_Types].xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/other.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/roster.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/strings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""",
    "_rels/.rels": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""",
    "xl/workbook.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="花名册" sheetId="2" r:id="rId7"/><sheet name="说明" sheetId="1" r:id="rId1"/></sheets></workbook>""",
    "xl/_rels/workbook.xml.rels": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/other.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/strings.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/roster.xml"/></Relationships>""",
    "xl/strings.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3"><si><t>姓名</t></si><si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space="preserve">三 </t></r><rPh sb="0" eb="1"><t>ZHANG</t></rPh></si><si><t>A&amp;B&lt;C&gt;_x000D_行</t></si></sst>""",
    "xl/worksheets/other.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>不应读到</t></is></c></row></sheetData></worksheet>""",
    "xl/worksheets/roster.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="inlineStr"><is><t>身份证号码</t></is></c></row><row r="3" spans="1:3"><c r="A3" s="1"/></row><row r="5"><c r="A5" t="s"><v>1</v></c><c r="B5" t="b"><v>1</v></c><c r="C5" t="inlineStr"><is><r><t>34012319900101</t></r><r><t>1234</t></r></is></c><c r="D5"><f>1+1</f><v>2</v></c><c r="E5" t="s"><v>2</v></c></row><row><c t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="C6"><v>45292</v></c></row></sheetData></worksheet>""",
}

with zipfile.ZipFile(os.path.join(HERE, "rich.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in PARTS.items():
        info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text.encode("utf-8"))

# a zip that holds no workbook
with zipfile.ZipFile(os.path.join(HERE, "notbook.xlsx"), "w") as z:
    info = zipfile.ZipInfo("readme.txt", date_time=(2024, 1, 1, 0, 0, 0))
    z.writestr(info, "not a workbook\n")
