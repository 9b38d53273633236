#!/usr/bin/python3
"""make_roster_xls.py OUT.xls: the roster of test_xls_read.c as an old
Excel workbook (.xls, BIFF8), as offices still save one: a title above the
header, an ID number as text and one as a number, a date, a skipped cell
and a skipped row, and a second sheet that is not the roster."""
import datetime
import sys

import xlwt

ID = "340123199001011234"
book = xlwt.Workbook(encoding="utf-8")
ws = book.add_sheet("花名册")
notes = book.add_sheet("填表说明")
day = xlwt.easyxf(num_format_str="yyyy-mm-dd")
ws.write(0, 0, "2024年创业人员花名册")
for c, name in enumerate(["姓名", "身份证号码", "出生日期", "人数"]):
    ws.write(1, c, name)
ws.write(2, 0, "张三")
ws.write(2, 1, ID)
ws.write(2, 2, datetime.date(2024, 1, 1), day)
ws.write(2, 3, 3)
ws.write(4, 0, "李四")
ws.write(4, 1, 340123199001011234.0)
ws.write(4, 3, 2.5)
ws.write(5, 0, "13300001212")
ws.write(5, 1, 13300001212)
notes.write(0, 0, "请勿读取")
book.save(sys.argv[1])
