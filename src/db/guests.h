/*
 * db/guests: complaints of people who are not registered, filed at a
 * kiosk with a name and a mobile number (data/sql/functions/
 * complaint_guests.sql), and the county counter's telephone the kiosk
 * shows (counter_phones.sql).
 */
#ifndef WC_DB_GUESTS_H
#define WC_DB_GUESTS_H

#include <stdbool.h>

#include "db/complaints.h"
#include "db/conn.h"

/* The counter's telephone of the county the kiosk stands in, copied into
 * *phone ("" when none is set; caller frees). */
enum db_status db_counter_phone(struct db_conn *c, char **phone, struct db_error *err);
/* The administrator sets a county's counter telephone, or (phone NULL)
 * removes it. */
enum db_status db_counter_phone_set(struct db_conn *c, const char *county, const char *phone,
				    struct db_error *err);

/* Who files, besides what (struct complaint_filing). consent: the person
 * ticked the consent line. */
struct guest {
	const char *name, *mobile;
	bool consent;
};
/* The answer: filed, as a registered person's (outcome "ok" with the id
 * and 投诉编号, or a refusal: db_complaint_outcome_msgid), with the date
 * by which it is accepted or not ("" if unknown) and, either way, the
 * county counter's telephone ("" when none is set). */
struct guest_filed {
	struct complaint_filed filed;
	char *due_on, *counter_phone;
};
void guest_filed_release(struct guest_filed *g);
/* From the kiosk, without a session; key: the request key. */
enum db_status db_guest_complaint_file(struct db_conn *c, const char *key,
				       const struct complaint_filing *f, const struct guest *who,
				       struct guest_filed *out, struct db_error *err);

/* Which of ids[0..n) came from guests, with the name and mobile number
 * masked; *out has *nout marks (caller frees with guest_marks_free). */
struct guest_mark {
	long long id;
	char *name, *mobile;
};
enum db_status db_complaint_guest_marks(struct db_conn *c, const char *token, const long long *ids,
					int n, struct guest_mark **out, int *nout,
					struct db_error *err);
void guest_marks_free(struct guest_mark **marks, int n);
/* The guest's name and mobile number in full, audited: a supervisor only,
 * the handler once assigned. Both "" for a registered person's complaint
 * (caller frees both). */
enum db_status db_complaint_guest_reveal(struct db_conn *c, const char *token, long long id,
					 char **name, char **mobile, struct db_error *err);

#endif
