/*
 * import: wanchuang-admin import people|policies|providers FILE.csv — registrations
 * and support policies migrated from the spreadsheets offices already keep.
 */
#ifndef WC_IMPORT_H
#define WC_IMPORT_H

#include <stdbool.h>

#include "db/db.h"

/*
 * Read the file (encoding "auto", "utf-8", "gb18030" or "gbk"), check
 * every row, and insert the good ones in one transaction. Unless partial,
 * a single rejected row means nothing changes. Prints each rejected row
 * with its line and reason, a progress bar on a terminal, and a summary.
 * Returns the exit status: 0 all imported, 1 rows rejected or a failure.
 */
int import_people(struct db_conn *c, const char *path, const char *encoding, bool partial);
/*
 * The same for support policies (import_policies.c): a policy whose 编号
 * exists is updated. The summary counts imported, updated, unchanged and
 * rejected rows.
 */
int import_policies(struct db_conn *c, const char *path, const char *encoding, bool partial);
/*
 * The providers admitted before the platform (import_providers.c), made
 * active providers with their service categories; a credit code already
 * a provider or in the onboarding pipeline is refused.
 */
int import_providers(struct db_conn *c, const char *path, const char *encoding, bool partial);

#endif
