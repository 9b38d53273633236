/*
 * service_list: 服务目录 (Art. 12(2)(3), 13, 15). Services of active
 * providers that serve this county (and the province-wide ones), by
 * category (F3 steps through them) and keywords; each hit on two rows:
 * the title, free (公益) or the price and whether vouchers pay, then the
 * provider, category, area, rating and the next free time. F5 widens the
 * area to the county's city, then the whole province. A county's
 * catalogue is short, so one search brings up to LIST_MAX hits and the
 * list scrolls in memory.
 *
 * At a counter the catalogue may be opened for a person (代为预约): the
 * service page then books for them.
 */
#include "config.h"
#include "ui/service/service.h"
#include "ui/price/price.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct ui_view_ops ui_service_list;
static ui_list_draw_fn draw_hit;

enum { OP_ENTER = 1, OP_CATEGORY, OP_AREA };

#define HEAD_ROWS 5 /* field, filters, summary, line, blank */
#define LIST_MAX 200

struct slist {
	struct ui_field query;
	char *searched;
	const struct code_list *categories; /* the run's, see ui_service_categories */
	int category; /* index, -1: all */
	const char *county; /* the area shown: home, its city, or NULL (the province) */
	char home[7], city[7]; /* the terminal's (or clerk's) county and its city */
	char *person_id; /* counter: booking for this person, or NULL */
	char *person_name; /* and their name, to say for whom */
	struct service_page page;
	struct ui_list list; /* the hits; unfocused: the keys go to the keywords */
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_ENTER, "Enter", N_("Search / open") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_END_SESSION,
	{ KEY_F(3), true, OP_CATEGORY, "F3", N_("Category") },
	{ KEY_F(5), true, OP_AREA, "F5", N_("Area") },
	UI_BIND_HELP,
	UI_BIND_END,
};

static void list_search(struct ui_ctx *ctx, struct slist *s)
{
	struct service_query q = { 0 };
	struct service_page page;
	struct db_error err = DB_ERROR_INIT;

	free(s->searched);
	s->searched = editline_get(&s->query.ed);
	q.text = s->searched;
	q.category = s->category >= 0 ? s->categories->code[s->category] : NULL;
	q.county = s->county;
	q.limit = LIST_MAX;
	if (db_service_search(ctx->db, &q, &page, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return;
	}
	for (int i = 0; i < page.count; i++)
		ui_taken_down(&page.v[i].title, page.v[i].title_down);
	service_page_release(&s->page);
	s->page = page;
	ui_list_reset(&s->list, page.count);
	s->list.unfocused = !(s->page.count > 0 && *s->searched);
	ui_message_clear(ctx);
}

void ui_catalogue_open_for(struct ui_ctx *ctx, const char *category, const char *person_id,
			   const char *person_name)
{
	const struct code_list *categories = ui_service_categories(ctx);
	struct slist *s;

	if (!categories)
		return;
	s = xcalloc(1, sizeof(*s));
	s->categories = categories;
	s->list =
		(struct ui_list){ .draw_row = draw_hit, .data = s, .row_h = 2, .unfocused = true };
	ui_field_init(&s->query, N_("Keywords"), 40, false);
	s->category = category ? code_list_find(s->categories, category) : -1;
	s->person_id = person_id ? xstrdup(person_id) : NULL;
	s->person_name = person_name ? xstrdup(person_name) : NULL;
	if (ctx->term.region_code && *ctx->term.region_code)
		snprintf(s->home, sizeof(s->home), "%s", ctx->term.region_code);
	else if (ctx->staff.region_code && strcmp(ctx->staff.region_code, "340000") != 0)
		snprintf(s->home, sizeof(s->home), "%s", ctx->staff.region_code);
	if (*s->home && strcmp(s->home + 4, "00") != 0)
		snprintf(s->city, sizeof(s->city), "%.4s00", s->home);
	s->county = *s->home ? s->home : NULL;
	ui_vocab(ctx); /* the regions, for the area's name */
	list_search(ctx, s);
	ui_view_push(ctx, &ui_service_list, s);
}

void ui_catalogue_open(struct ui_ctx *ctx, const char *category)
{
	ui_catalogue_open_for(ctx, category, NULL, NULL);
}

static void slist_destroy(struct ui_view *v)
{
	struct slist *s = v->priv;

	ui_field_release(&s->query);
	free(s->searched);
	free(s->person_id);
	free(s->person_name);
	service_page_release(&s->page);
	free(s);
}

static void draw_hit(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *b, enum ui_attr a)
{
	const struct service_hit *h = &((struct slist *)data)->page.v[i];
	struct sbuf price = SBUF_INIT, meta = SBUF_INIT;
	int y = b->y, pw;

	ui_service_price(&price, h->paid, h->price_fen, h->voucher_ok);
	pw = (int)text_width(price.buf);
	ui_put(ctx, y, b->x, b->w - pw - 2, h->title, a);
	ui_put(ctx, y, b->x + b->w - pw, pw, price.buf, a == UI_A_SELECTED ? a : UI_A_HEADING);
	sbuf_addf(&meta, "    %s · %s · %s · %s", h->provider_name, h->category_name,
		  h->online ? _("online") : _("offline"), h->region_name);
	if (*h->rating)
		sbuf_addf(&meta, _(" · rated %s (%lld)"), h->rating, h->rating_count);
	if (*h->next_slot)
		sbuf_addf(&meta, _(" · next %s, %lld seats left"), h->next_slot, h->seats_left);
	ui_put(ctx, y + 1, b->x, b->w, meta.buf, UI_A_DIM);
	sbuf_release(&price);
	sbuf_release(&meta);
}

static void slist_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct slist *s = v->priv;
	struct sbuf line = SBUF_INIT;
	const struct region *r = s->county ? region_by_code(&ctx->regions, s->county) : NULL;

	ui_field_draw(&s->query, ctx, b->y, b->x, 10, 42, s->list.unfocused);
	ui_put(ctx, b->y, b->x + 54, b->w - 54, _("e.g. 培训, 法律, 记账"), UI_A_DIM);
	if (r && r->level == 2)
		sbuf_addf(&line, _("Serving: %s and its counties (with province-wide services)"),
			  r->name);
	else if (r)
		sbuf_addf(&line, _("Serving: %s (with province-wide services)"), r->name);
	else
		sbuf_adds(&line, _("Serving: the whole province"));
	sbuf_adds(&line, "   ");
	sbuf_addf(&line, _("Category: %s"),
		  s->category >= 0 ? s->categories->name[s->category] : _("all"));
	ui_put(ctx, b->y + 1, b->x, b->w, line.buf, UI_A_DIM);
	sbuf_reset(&line);
	if (s->person_id)
		sbuf_addf(&line, _("Booking for %s. "), s->person_name);
	if (s->page.count)
		sbuf_addf(&line, _("%d services. Enter opens one."), s->page.count);
	else
		sbuf_adds(&line, _("No service matches. Try another word or category (F3)."));
	ui_put(ctx, b->y + 3, b->x, b->w, line.buf, UI_A_HEADING);
	ui_hline(ctx, b->y + 4, b->x, b->w);
	ui_list_draw(&s->list, ctx,
		     &(struct ui_rect){ b->y + HEAD_ROWS, b->x, b->h - HEAD_ROWS, b->w });
	sbuf_release(&line);
}

static void open_selected(struct ui_ctx *ctx, struct slist *s)
{
	ui_service_detail_open(ctx, s->page.v[s->list.selected].id, s->person_id);
}

static bool slist_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct slist *s = v->priv;

	switch (ev->op) {
	case OP_CATEGORY:
		s->category = s->category + 1 < s->categories->count ? s->category + 1 : -1;
		list_search(ctx, s);
		return true;
	case OP_AREA: /* this county, its city, the whole province, again */
		if (s->county == s->home && *s->city)
			s->county = s->city;
		else if (s->county)
			s->county = NULL;
		else
			s->county = *s->home ? s->home : NULL;
		list_search(ctx, s);
		return true;
	case OP_ENTER:
		if ((!s->list.unfocused || ui_field_equals(&s->query, s->searched)) &&
		    s->page.count)
			open_selected(ctx, s);
		else
			list_search(ctx, s);
		return true;
	default:
		break;
	}
	enum ui_list_result r = ui_list_search_handle(&s->list, &s->query, ev);
	if (r == UI_LIST_CHOSEN)
		open_selected(ctx, s);
	return r != UI_LIST_IGNORED;
}

static const struct ui_view_ops ui_service_list = {
	.title = N_("Service catalogue"),
	.bindings = bindings,
	.draw = slist_draw,
	.handle = slist_handle,
	.destroy = slist_destroy,
};
