/* services: the service catalogue (api.service_*). */
#include "config.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"

enum db_status db_service_categories(struct db_conn *c, struct code_list *out, struct db_error *err)
{
	return db_code_list(c, "SELECT code, name FROM api.service_categories()", out, err);
}

void service_page_release(struct service_page *p)
{
	for (int i = 0; i < p->count; i++) {
		struct service_hit *h = &p->v[i];
		free(h->title);
		free(h->category);
		free(h->category_name);
		free(h->provider_name);
		free(h->region_name);
		free(h->rating);
		free(h->next_slot);
		free(h->cursor);
	}
	XFREE(p->v);
	p->count = 0;
}

enum db_status db_service_search(struct db_conn *c, const struct service_query *q,
				 struct service_page *out, struct db_error *err)
{
	struct db_result *r = NULL;
	char limit[16];
	const char *params[5];
	enum db_status st;

	snprintf(limit, sizeof(limit), "%d", q->limit > 0 ? q->limit : 20);
	params[0] = q->text ? q->text : "";
	params[1] = db_null_if_empty(q->category);
	params[2] = db_null_if_empty(q->county);
	params[3] = db_null_if_empty(q->after);
	params[4] = limit;
	memset(out, 0, sizeof(*out));
	st = db_exec(c,
		     "SELECT id, title, category, category_name, provider_name, paid, online,"
		     " price_fen, voucher_ok, region_name, rating, rating_count,"
		     " to_char(next_slot AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'),"
		     " seats_left, cursor"
		     " FROM api.service_search($1, $2, $3, $4, $5::int)",
		     5, params, &r, err);
	if (st != DB_OK)
		return st;
	out->count = db_result_rows(r);
	out->v = xcalloc((size_t)out->count + 1, sizeof(*out->v));
	for (int i = 0; i < out->count; i++) {
		struct service_hit *h = &out->v[i];
		h->id = db_ll_or(r, i, 0, 0);
		h->title = db_result_dup(r, i, 1);
		h->title_down = db_result_get(r, i, 1) == NULL;
		h->category = db_result_dup(r, i, 2);
		h->category_name = db_result_dup(r, i, 3);
		h->provider_name = db_result_dup(r, i, 4);
		h->paid = db_bool(r, i, 5);
		h->online = db_bool(r, i, 6);
		h->price_fen = db_ll_or(r, i, 7, 0);
		h->voucher_ok = db_bool(r, i, 8);
		h->region_name = db_result_dup(r, i, 9);
		h->rating = db_result_dup(r, i, 10);
		h->rating_count = db_ll_or(r, i, 11, 0);
		h->next_slot = db_result_dup(r, i, 12);
		h->seats_left = db_ll_or(r, i, 13, 0);
		h->cursor = db_result_dup(r, i, 14);
	}
	db_result_free(&r);
	return DB_OK;
}

void service_detail_release(struct service_detail *d)
{
	free(d->code);
	free(d->title);
	free(d->category);
	free(d->category_name);
	free(d->region_name);
	free(d->description);
	free(d->place);
	free(d->contact);
	free(d->provider_name);
	free(d->provider_address);
	free(d->provider_phone);
	free(d->rating);
	free(d->service_rating);
	memset(d, 0, sizeof(*d));
}

enum db_status db_service_get(struct db_conn *c, long long id, struct service_detail *out,
			      struct db_error *err)
{
	struct db_result *r = NULL;
	char ids[24];
	const char *params[] = { ids };
	enum db_status st;

	snprintf(ids, sizeof(ids), "%lld", id);
	memset(out, 0, sizeof(*out));
	st = db_exec_row(c,
			 "SELECT id, code, title, category, category_name, paid, online, price_fen,"
			 " voucher_ok, region_name, description, place, contact, cancel_hours,"
			 " provider_id, provider_name, provider_address, provider_phone, rating,"
			 " rating_count, has_slots, service_rating, service_rating_count"
			 " FROM api.service_get($1) WHERE id IS NOT NULL",
			 1, params, &r, err);
	if (st != DB_OK)
		return st;
	out->id = db_ll_or(r, 0, 0, 0);
	out->code = db_result_dup(r, 0, 1);
	out->title = db_result_dup(r, 0, 2);
	out->title_down = db_result_get(r, 0, 2) == NULL;
	out->category = db_result_dup(r, 0, 3);
	out->category_name = db_result_dup(r, 0, 4);
	out->paid = db_bool(r, 0, 5);
	out->online = db_bool(r, 0, 6);
	out->price_fen = db_ll_or(r, 0, 7, 0);
	out->voucher_ok = db_bool(r, 0, 8);
	out->region_name = db_result_dup(r, 0, 9);
	out->description = db_result_dup(r, 0, 10);
	out->description_down = db_result_get(r, 0, 10) == NULL;
	out->place = db_result_dup(r, 0, 11);
	out->contact = db_result_dup(r, 0, 12);
	out->cancel_hours = (int)db_ll_or(r, 0, 13, 0);
	out->provider_id = db_ll_or(r, 0, 14, 0);
	out->provider_name = db_result_dup(r, 0, 15);
	out->provider_address = db_result_dup(r, 0, 16);
	out->address_down = db_result_get(r, 0, 16) == NULL;
	out->provider_phone = db_result_dup(r, 0, 17);
	out->phone_down = db_result_get(r, 0, 17) == NULL;
	out->rating = db_result_dup(r, 0, 18);
	out->rating_count = db_ll_or(r, 0, 19, 0);
	out->has_slots = db_bool(r, 0, 20);
	out->service_rating = db_result_dup(r, 0, 21);
	out->service_rating_count = db_ll_or(r, 0, 22, 0);
	db_result_free(&r);
	return DB_OK;
}

void slot_rows_free(struct slot_row **vp, int n)
{
	struct slot_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].starts_at);
		free(v[i].ends_at);
		free(v[i].place);
	}
	XFREE(*vp);
}

static void slot_row_read(const struct db_result *r, int i, void *dst)
{
	struct slot_row *s = dst;

	s->id = db_ll_or(r, i, 0, 0);
	s->starts_at = db_result_dup(r, i, 1);
	s->ends_at = db_result_dup(r, i, 2);
	s->place = db_result_dup(r, i, 3);
	s->capacity = (int)db_ll_or(r, i, 4, 0);
	s->seats_left = (int)db_ll_or(r, i, 5, 0);
	s->waiting = db_ll_or(r, i, 6, 0);
}

enum db_status db_service_slots(struct db_conn *c, long long service, struct slot_row **out, int *n,
				struct db_error *err)
{
	char ids[24];
	const char *params[] = { ids };

	snprintf(ids, sizeof(ids), "%lld", service);
	return db_rows_read(
		c,
		"SELECT id, to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'),"
		" to_char(ends_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), place,"
		" capacity, seats_left, waiting FROM api.service_slots($1, 200)",
		1, params, sizeof(**out), slot_row_read, (void **)out, n, err);
}
