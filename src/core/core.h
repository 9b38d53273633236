/*
 * core: pure logic, the front door of src/core.
 * No curses, no libpq, no I/O (but for csv's whole-file read and write
 * wrappers): everything here is tested without a server or a terminal.
 * Other layers include this header only.
 */
#ifndef WC_CORE_CORE_H
#define WC_CORE_CORE_H

#include "assessment.h"
#include "audit_chain.h"
#include "audit_link.h"
#include "audit_words.h"
#include "cluster.h"
#include "codelist.h"
#include "csv.h"
#include "date.h"
#include "editline.h"
#include "eligibility.h"
#include "encoding.h"
#include "figure.h"
#include "evaluation.h"
#include "provider_assessment.h"
#include "table_file.h"
#include "xlsx.h"
#include "xls_read.h"
#include "xlsx_read.h"
#include "fold.h"
#include "idcard.h"
#include "mobile.h"
#include "money.h"
#include "normalize.h"
#include "quiet.h"
#include "orgkind.h"
#include "policy_row.h"
#include "region.h"
#include "status_words.h"
#include "role.h"
#include "sbuf.h"
#include "settle.h"
#include "security_words.h"
#include "sparkline.h"
#include "notice_kinds.h"
#include "sms.h"
#include "sha256.h"
#include "text.h"
#include "uscc.h"
#include "verify_items.h"
#include "xalloc.h"

/* The number of elements of an array (not a pointer). */
#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

#endif
