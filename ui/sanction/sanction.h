/*
 * sanction: records of misuse against a person (违规记录, Art. 25) — one
 * person's records (the operator proposes one; the person at a kiosk, or
 * the counter for them, appeals), and the supervisor's queue of records
 * to confirm and appeals to decide.
 */
#ifndef WC_UI_SANCTION_H
#define WC_UI_SANCTION_H

#include "ui/kit/kit.h"

/* A person's records: staff with the person's id, or the signed-in
 * person at a kiosk (person_id NULL). */
void ui_sanctions_open(struct ui_ctx *ctx, const char *person_id);
/* The supervisor's queue. */
void ui_sanction_queue_open(struct ui_ctx *ctx);
/* Every step of record s, oldest first (staff). */
void ui_sanction_history_open(struct ui_ctx *ctx, const struct person_sanction *s);

/* sanction_until.c: what is wrong with the last day typed for a
 * proposed record (a msgid), or NULL and the day as YYYY-MM-DD in out. */
const char *ui_sanction_until_check(const char *typed, char out[11]);

/* sanction_words.c: msgids of a record's kind and of where it stands. */
const char *ui_sanction_kind_label(const char *kind);
const char *ui_sanction_status_label(const struct person_sanction *s);
/* The period: "2026-12-07 至 2027-03-06" once in force, else as proposed. */
void ui_sanction_period(struct sbuf *out, const struct person_sanction *s);
/* One line on what the records mean now (frozen until when, or waiting
 * for a decision), or "" when none matters; into out. */
void ui_sanction_summary(struct sbuf *out, const struct person_sanction *v, int n);
/* The records of a person (person_id NULL: the signed-in person); false
 * (reported) if they cannot be read. */
bool ui_sanctions_load(struct ui_ctx *ctx, const char *person_id, struct person_sanction **v,
		       int *n);

#endif
