/*
 * db: the only way to the database, and the only code that includes
 * libpq-fe.h. Front door of src/db.
 *
 * Every query travels with its parameters apart (PQexecParams, no named
 * prepared statements, no session state: the program also works behind
 * PgBouncer in transaction mode). Results are copied out of libpq at once,
 * so no libpq memory leaves this layer. Errors come back as a status and a
 * struct db_error the caller reports once.
 */
#ifndef WC_DB_DB_H
#define WC_DB_DB_H

#include "db/conn.h"
#include "db/auth.h"
#include "db/people.h"
#include "db/audit.h"
#include "db/audit_chain.h"
#include "db/admin.h"
#include "db/routine.h"
#include "db/migrate.h"
#include "db/version.h"
#include "db/policies.h"
#include "db/services.h"
#include "db/bookings.h"
#include "db/purchases.h"
#include "db/complaints.h"
#include "db/guests.h"
#include "db/complaint_providers.h"
#include "db/worklist.h"
#include "db/complaint_forward.h"
#include "db/reviews.h"
#include "db/applications.h"
#include "db/manage.h"
#include "db/withdrawals.h"
#include "db/person_sanctions.h"
#include "db/review_reply.h"
#include "db/review_appeals.h"
#include "db/prices.h"
#include "db/refusals.h"
#include "db/security.h"
#include "db/figures.h"
#include "db/evaluation.h"
#include "db/provider_assessment.h"
#include "db/settlement.h"
#include "db/notices.h"
#include "db/programmes.h"
#include "db/budget_export.h"

#endif
