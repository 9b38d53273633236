/*
 * invariants: the checks of invariants.h as one query of violations (one
 * line each) and one of what was looked at, both in one REPEATABLE READ
 * snapshot, so a check run while others still write sees one moment.
 * Aggregates are grouped and joined, never correlated per row: the
 * benchmark checks tens of thousands of bookings.
 */
#include "config.h"
#include "invariants.h"

#include <stdio.h>
#include <stdlib.h>

/* What is looked at: the services, slots and bookings of provider $1 and
 * the vouchers of programme $2 (NULL: all). */
#define SCOPE_SQL                                                                                  \
	"WITH sv AS (SELECT id FROM wc.service WHERE $1::bigint IS NULL OR provider_id = $1),"     \
	" sl AS (SELECT s.id, s.capacity, s.taken FROM wc.slot s"                                  \
	"        JOIN sv ON sv.id = s.service_id),"                                                \
	" bk AS (SELECT b.* FROM wc.booking b JOIN sl ON sl.id = b.slot_id),"                      \
	" vo AS (SELECT v.* FROM wc.voucher v"                                                     \
	"        WHERE $2::bigint IS NULL OR v.programme_id = $2::bigint),"                        \
	" led AS (SELECT e.voucher_id, count(*) AS entries,"                                       \
	"         sum(e.available_delta) AS available, sum(e.held_delta) AS held,"                 \
	"         coalesce(sum(e.available_delta) FILTER (WHERE e.kind = 'issue'), 0) AS issued,"  \
	"         coalesce(sum(e.held_delta) FILTER (WHERE e.kind = 'hold'), 0) AS holds,"         \
	"         coalesce(-sum(e.held_delta) FILTER (WHERE e.kind = 'release'), 0) AS releases,"  \
	"         coalesce(-sum(e.held_delta) FILTER (WHERE e.kind = 'redeem'), 0) AS redeemed,"   \
	"         coalesce(-sum(e.available_delta) FILTER (WHERE e.kind = 'expire'), 0)"           \
	"           AS expired"                                                                    \
	"         FROM wc.voucher_entry e JOIN vo ON vo.id = e.voucher_id"                         \
	"         GROUP BY e.voucher_id),"                                                         \
	" vl AS (SELECT vo.id, vo.programme_id, vo.county_code, vo.face_fen, vo.balance_fen,"      \
	"        vo.held_fen, coalesce(led.entries, 0) AS entries,"                                \
	"        coalesce(led.available, 0) AS available, coalesce(led.held, 0) AS held,"          \
	"        coalesce(led.issued, 0) AS issued, coalesce(led.holds, 0) AS holds,"              \
	"        coalesce(led.releases, 0) AS releases, coalesce(led.redeemed, 0) AS redeemed,"    \
	"        coalesce(led.expired, 0) AS expired"                                              \
	"        FROM vo LEFT JOIN led ON led.voucher_id = vo.id)"

static const char VIOLATIONS_SQL[] = SCOPE_SQL
	", seats AS (SELECT slot_id, count(*) AS open FROM bk WHERE status <> 'cancelled'"
	"            GROUP BY slot_id),"
	" open_holds AS (SELECT b.voucher_id, sum(b.voucher_fen) AS fen FROM wc.booking b"
	"                JOIN vo ON vo.id = b.voucher_id WHERE b.status = 'booked'"
	"                GROUP BY b.voucher_id),"
	" booking_holds AS (SELECT e.booking_id, -sum(e.available_delta) AS fen"
	"                   FROM wc.voucher_entry e JOIN bk ON bk.id = e.booking_id"
	"                   WHERE e.kind = 'hold' GROUP BY e.booking_id),"
	" keys AS (SELECT r.booking_id, count(*) AS n, min(r.actor) AS actor FROM wc.request r"
	"          JOIN bk ON bk.id = r.booking_id WHERE r.op = 'book' GROUP BY r.booking_id),"
	" issued AS (SELECT programme_id, county_code, sum(face_fen) AS face,"
	"            sum(expired) AS expired FROM vl GROUP BY programme_id, county_code)"
	" SELECT format('slot %s: %s of %s seats taken, but %s bookings not cancelled',"
	"               sl.id, sl.taken, sl.capacity, coalesce(seats.open, 0))"
	"   FROM sl LEFT JOIN seats ON seats.slot_id = sl.id"
	"  WHERE sl.taken <> coalesce(seats.open, 0) OR sl.taken > sl.capacity OR sl.taken < 0"
	" UNION ALL"
	" SELECT format('voucher %s: balance %s, held %s, but its ledger sums to %s and %s',"
	"               id, balance_fen, held_fen, available, held)"
	"   FROM vl WHERE balance_fen <> available OR held_fen <> held"
	" UNION ALL"
	" SELECT format('voucher %s: below zero (balance %s, held %s)', id, balance_fen, held_fen)"
	"   FROM vl WHERE balance_fen < 0 OR held_fen < 0"
	" UNION ALL"
	" SELECT format('voucher %s: holds %s - releases %s - redeemed %s <> held %s',"
	"               id, holds, releases, redeemed, held_fen)"
	"   FROM vl WHERE holds - releases - redeemed <> held_fen"
	" UNION ALL"
	" SELECT format('voucher %s: held %s, but its open bookings hold %s',"
	"               vl.id, vl.held_fen, coalesce(oh.fen, 0))"
	"   FROM vl LEFT JOIN open_holds oh ON oh.voucher_id = vl.id"
	"  WHERE vl.held_fen <> coalesce(oh.fen, 0)"
	" UNION ALL"
	" SELECT format('voucher %s: face value %s, issued %s, balance + held + redeemed'"
	"               || ' + expired = %s + %s + %s + %s = %s', id, face_fen, issued, "
	"balance_fen, held_fen,"
	"               redeemed, expired, balance_fen + held_fen + redeemed + expired)"
	"   FROM vl WHERE face_fen <> issued"
	"      OR face_fen <> balance_fen + held_fen + redeemed + expired"
	" UNION ALL"
	" SELECT format('booking %s: holds %s of voucher %s, but the ledger holds %s',"
	"               bk.id, bk.voucher_fen, bk.voucher_id, coalesce(bh.fen, 0))"
	"   FROM bk LEFT JOIN booking_holds bh ON bh.booking_id = bk.id"
	"  WHERE bk.voucher_id IS NOT NULL AND bk.voucher_fen <> coalesce(bh.fen, 0)"
	" UNION ALL"
	" SELECT format('booking %s (person %s): made by %s requests, not one',"
	"               bk.id, bk.person_id, coalesce(k.n, 0))"
	"   FROM bk LEFT JOIN keys k ON k.booking_id = bk.id"
	"  WHERE NOT bk.from_waitlist AND coalesce(k.n, 0) <> 1"
	" UNION ALL"
	" SELECT format('booking %s: made with a key of %s, not of person %s or clerk %s',"
	"               bk.id, k.actor, bk.person_id, bk.staff_id)"
	"   FROM bk JOIN keys k ON k.booking_id = bk.id"
	"  WHERE k.n = 1 AND k.actor <> 'p' || bk.person_id"
	"    AND k.actor IS DISTINCT FROM 's' || bk.staff_id"
	" UNION ALL"
	" SELECT format('purchase %s: %s of %s units used, but %s bookings hold one',"
	"               pu.id, pu.used, pu.units, coalesce(u.n, 0))"
	"   FROM wc.purchase pu"
	"   LEFT JOIN (SELECT purchase_id, count(*) AS n FROM bk"
	"              WHERE status IN ('booked', 'completed') GROUP BY purchase_id) u"
	"     ON u.purchase_id = pu.id"
	"  WHERE pu.service_id IN (SELECT id FROM sv)"
	"    AND pu.used <> coalesce(u.n, 0)"
	" UNION ALL"
	" SELECT format('budget of programme %s in %s: %s of %s left, but %s was issued'"
	"               || ' and %s expired', bu.programme_id, bu.county_code, bu.available_fen,"
	"               bu.total_fen, coalesce(i.face, 0), coalesce(i.expired, 0))"
	"   FROM wc.voucher_budget bu"
	"   LEFT JOIN issued i ON i.programme_id = bu.programme_id"
	"                     AND i.county_code = bu.county_code"
	"  WHERE ($2::bigint IS NULL OR bu.programme_id = $2::bigint)"
	"    AND bu.total_fen - bu.available_fen <> coalesce(i.face, 0) - coalesce(i.expired, 0)";

static const char TALLY_SQL[] =
	SCOPE_SQL " SELECT (SELECT count(*) FROM sl), (SELECT coalesce(sum(taken), 0) FROM sl),"
		  " (SELECT count(*) FROM bk), (SELECT count(*) FROM vl),"
		  " (SELECT coalesce(sum(entries), 0) FROM vl),"
		  " (SELECT count(*) FROM bk WHERE from_waitlist)";

static const char *id_or_null(char buf[24], long long id)
{
	if (id <= 0)
		return NULL;
	snprintf(buf, 24, "%lld", id);
	return buf;
}

int invariants_check(struct db_conn *admin, long long provider, long long programme,
		     struct sbuf *report, struct invariants_tally *tally, struct db_error *err)
{
	char pv[24], pg[24];
	const char *p[] = { id_or_null(pv, provider), id_or_null(pg, programme) };
	struct db_result *bad = NULL, *seen = NULL;
	int n = -1;

	if (db_exec(admin, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, NULL, err) !=
	    DB_OK)
		return -1;
	if (db_exec(admin, VIOLATIONS_SQL, 2, p, &bad, err) != DB_OK ||
	    db_exec(admin, TALLY_SQL, 2, p, &seen, err) != DB_OK)
		goto done;
	n = db_result_rows(bad);
	for (int i = 0; i < n; i++)
		sbuf_addf(report, "%s\n", db_result_get(bad, i, 0));
	if (tally) {
		tally->slots = atoll(db_result_get(seen, 0, 0));
		tally->seats_taken = atoll(db_result_get(seen, 0, 1));
		tally->bookings = atoll(db_result_get(seen, 0, 2));
		tally->vouchers = atoll(db_result_get(seen, 0, 3));
		tally->ledger_entries = atoll(db_result_get(seen, 0, 4));
		tally->from_waitlist = atoll(db_result_get(seen, 0, 5));
	}
done:
	db_exec(admin, n < 0 ? "ROLLBACK" : "COMMIT", 0, NULL, NULL, NULL);
	db_result_free(&bad);
	db_result_free(&seen);
	return n;
}
