/*
 * db/services: the service catalogue and a service's page.
 */
#ifndef WC_DB_SERVICES_H
#define WC_DB_SERVICES_H

#include "db/conn.h"

/* The categories of Art. 12 (api.service_categories), in their order. */
enum db_status db_service_categories(struct db_conn *c, struct code_list *out,
				     struct db_error *err);

/* A catalogue search (api.service_search); NULL or "" for a filter not set. */
struct service_query {
	const char *text; /* terms separated by blanks, all must occur */
	const char *category; /* service_category code */
	const char *county; /* services serving this county (the province's too) */
	const char *after; /* the cursor of the previous page's last hit */
	int limit;
};
struct service_hit {
	long long id;
	char *title, *category, *category_name, *provider_name, *region_name;
	bool paid, online, voucher_ok;
	long long price_fen;
	char *rating; /* "4.5", or "" when nobody has rated */
	long long rating_count;
	char *next_slot; /* "YYYY-MM-DD HH:MM", or "" when none is coming */
	long long seats_left; /* over the coming slots */
	char *cursor;
	bool title_down; /* the title is taken down (Art. 28): "" and the notice instead */
};
struct service_page {
	struct service_hit *v;
	int count;
};
void service_page_release(struct service_page *p);
enum db_status db_service_search(struct db_conn *c, const struct service_query *q,
				 struct service_page *out, struct db_error *err);

struct service_detail {
	long long id, provider_id, price_fen;
	char *code, *title, *category, *category_name, *region_name, *description, *place;
	char *contact, *provider_name, *provider_address, *provider_phone;
	/* the averages of published reviews, one decimal ("4.5"), "" when none;
	 * rating and rating_count are the provider's, over all its services */
	char *rating, *service_rating;
	long long rating_count, service_rating_count;
	bool paid, online, voucher_ok, has_slots;
	int cancel_hours;
	/* taken down (Art. 28): the text is "" and the notice is shown instead */
	bool title_down, description_down, address_down, phone_down;
};
void service_detail_release(struct service_detail *d);
/* DB_ERR_SERVER (P0002) when there is no such active service. */
enum db_status db_service_get(struct db_conn *c, long long id, struct service_detail *out,
			      struct db_error *err);

struct slot_row {
	long long id;
	char *starts_at, *ends_at; /* "YYYY-MM-DD HH:MM", Asia/Shanghai */
	char *place;
	int capacity, seats_left;
	long long waiting;
};
void slot_rows_free(struct slot_row **v, int n);
/* The slots of a service not yet started, soonest first. */
enum db_status db_service_slots(struct db_conn *c, long long service, struct slot_row **out, int *n,
				struct db_error *err);

#endif
