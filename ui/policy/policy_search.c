/*
 * policy_search: 政策查询 (Art. 12(1), free without signing in, Art. 15).
 *
 * One field for keywords, filters on function keys (kind of support,
 * person group, expired ones too), and the hits two rows each: the title
 * with the terms marked, the expired or not-yet mark and the top amount;
 * then issuer, document number and kind. Seen from a kiosk or a county
 * counter, a county's list holds its own, its city's and the province's
 * policies. Pages go by key (PgDn/PgUp), never by offset, so paging
 * through thousands of hits costs the same on the last page as the first.
 * While no key waits, the next page is fetched ahead, and the page left
 * is kept, so that PgDn and PgUp answer from memory, as a person paging
 * expects of a list on screen.
 */
#include "config.h"
#include "ui/policy/policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { OP_ENTER = 1, OP_NEXT, OP_PREV, OP_KIND, OP_GROUP, OP_EXPIRED };

#define HEAD_ROWS 5 /* field, filters (two rows), summary, rule */

/* Pages kept besides the one shown (the one ahead and the one left), and
 * for how long: a page kept longer may show a policy withdrawn since. */
enum { MEMO_PAGES = 2, MEMO_SECONDS = 60 };

/* A page fetched for the search of generation gen, after the cursor
 * after (NULL: the first page), limit hits at most. */
struct page_memo {
	bool used;
	unsigned gen;
	char *after;
	int limit;
	time_t fetched;
	struct policy_page page;
};

struct psearch {
	struct ui_field query;
	char *searched; /* the text of the shown search */
	char **terms; /* its terms as search keys, to mark */
	size_t nterms;
	const struct code_list *kinds; /* the run's, see ui_policy_kinds */
	int kind; /* index in kinds, -1: all */
	int group; /* index in ctx->groups, -1: all */
	bool expired;
	/* code, or NULL for the whole province: a copy, since connecting
	 * again reads the terminal's details anew */
	char *region;
	struct policy_page page;
	char **starts; /* starts[i]: the cursor before page i (NULL for the first) */
	int *firsts; /* firsts[i]: how many hits come before page i */
	int npage; /* the page shown is starts[npage - 1] */
	int asked; /* the page size the page shown was asked for with */
	unsigned gen; /* counts searches: a page of another is not this one's */
	unsigned page_gen; /* the search of the page shown */
	char *page_after; /* the cursor the page shown was asked for after */
	time_t page_fetched;
	struct page_memo memo[MEMO_PAGES];
	struct ui_list list; /* the page's hits; unfocused: the keys go to the keywords */
	int per_page;
	bool loaded;
};

static const struct ui_binding bindings[] = {
	/* the way out first: a full key bar is cut at the right */
	{ '\r', false, OP_ENTER, "Enter", N_("Search / open") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_END_SESSION,
	{ KEY_NPAGE, true, OP_NEXT, "PgDn", N_("Next page") },
	{ KEY_PPAGE, true, OP_PREV, "PgUp", N_("Previous page") },
	{ KEY_F(3), true, OP_KIND, "F3", N_("Kind of support") },
	{ KEY_F(4), true, OP_GROUP, "F4", N_("Group") },
	{ KEY_F(5), true, OP_EXPIRED, "F5", N_("Expired too") },
	UI_BIND_HELP,
	UI_BIND_END,
};

static ui_list_draw_fn draw_hit;

static void starts_clear(struct psearch *s)
{
	for (int i = 0; i < s->npage; i++)
		free(s->starts[i]);
	free(s->starts);
	free(s->firsts);
	s->starts = NULL;
	s->firsts = NULL;
	s->npage = 0;
}

static bool same_cursor(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static void memo_release(struct page_memo *m)
{
	if (m->used)
		policy_page_release(&m->page);
	free(m->after);
	*m = (struct page_memo){ 0 };
}

/* The kept page of this search after cursor after, limit hits, not too
 * old: moved to *out, true; or false. */
static bool memo_take(struct psearch *s, const char *after, int limit, struct policy_page *out,
		      time_t *fetched)
{
	for (int i = 0; i < MEMO_PAGES; i++) {
		struct page_memo *m = &s->memo[i];
		if (!m->used || m->gen != s->gen || m->limit != limit ||
		    !same_cursor(m->after, after))
			continue;
		bool fresh = time(NULL) - m->fetched < MEMO_SECONDS;
		if (fresh) {
			*out = m->page;
			*fetched = m->fetched;
			m->used = false;
		}
		memo_release(m);
		return fresh;
	}
	return false;
}

/* Keep page (taken over) of this search in the place of another
 * search's or the oldest. */
static void memo_put(struct psearch *s, const char *after, int limit, struct policy_page *page,
		     time_t fetched)
{
	struct page_memo *m = &s->memo[0];

	for (int i = 0; i < MEMO_PAGES; i++) {
		struct page_memo *c = &s->memo[i];
		if (!c->used || c->gen != s->gen) {
			m = c;
			break;
		}
		if (c->fetched < m->fetched)
			m = c;
	}
	memo_release(m);
	*m = (struct page_memo){ .used = true,
				 .gen = s->gen,
				 .after = after ? xstrdup(after) : NULL,
				 .limit = limit,
				 .fetched = fetched,
				 .page = *page };
	*page = (struct policy_page){ 0 };
}

static bool memo_has(const struct psearch *s, const char *after, int limit)
{
	for (int i = 0; i < MEMO_PAGES; i++)
		if (s->memo[i].used && s->memo[i].gen == s->gen && s->memo[i].limit == limit &&
		    same_cursor(s->memo[i].after, after))
			return true;
	return false;
}

/* Ask the server for the page after cursor (NULL: the first). */
static enum db_status page_fetch(struct ui_ctx *ctx, const struct psearch *s, const char *after,
				 int limit, struct policy_page *out, struct db_error *err)
{
	struct policy_query q = { .text = s->searched,
				  .region = s->region,
				  .kind = s->kind >= 0 ? s->kinds->code[s->kind] : NULL,
				  .group = s->group >= 0 ? ctx->groups.code[s->group] : NULL,
				  .include_expired = s->expired,
				  .after = after,
				  .limit = limit };

	return db_policy_search(ctx->db, &q, out, err);
}

/* Load the page after cursor (NULL: the first), kept or asked for; true
 * if it came. The page it replaces is kept, for PgUp. */
static bool page_load(struct ui_ctx *ctx, struct psearch *s, const char *after)
{
	struct policy_page page;
	struct db_error err = DB_ERROR_INIT;
	time_t fetched;

	if (!memo_take(s, after, s->per_page, &page, &fetched)) {
		if (page_fetch(ctx, s, after, s->per_page, &page, &err) != DB_OK) {
			ui_db_failed(ctx, &err);
			db_error_release(&err);
			return false;
		}
		fetched = time(NULL);
	}
	if (s->loaded && s->page_gen == s->gen)
		memo_put(s, s->page_after, s->asked, &s->page, s->page_fetched);
	policy_page_release(&s->page);
	s->page_gen = s->gen;
	s->page = page;
	s->asked = s->per_page;
	s->page_fetched = fetched;
	free(s->page_after);
	s->page_after = after ? xstrdup(after) : NULL;
	ui_list_reset(&s->list, page.count);
	s->loaded = true;
	return true;
}

/* A new search from the field and the filters: its first page. */
static void search_run(struct ui_ctx *ctx, struct psearch *s)
{
	char *text = editline_get(&s->query.ed);
	char *key = normalize_search_key(text);

	free(s->searched);
	s->searched = text;
	text_list_free(s->terms, s->nterms);
	s->terms = NULL;
	s->nterms = 0;
	if (key) {
		/* blanks separate terms, as the database reads them */
		char *save = NULL;
		for (char *t = strtok_r(key, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
			s->terms = xrealloc(s->terms, (s->nterms + 1) * sizeof(*s->terms));
			s->terms[s->nterms++] = xstrdup(t);
		}
	}
	free(key);
	s->gen++;
	starts_clear(s);
	s->starts = xcalloc(1, sizeof(*s->starts));
	s->firsts = xcalloc(1, sizeof(*s->firsts));
	s->npage = 1;
	if (page_load(ctx, s, NULL)) {
		s->list.unfocused = !(s->page.count > 0 && *s->searched);
		ui_message_clear(ctx);
	}
}

void *ui_policy_search_new(struct ui_ctx *ctx)
{
	const struct code_list *kinds;
	struct psearch *s;

	if (!ui_vocab(ctx) || !(kinds = ui_policy_kinds(ctx)))
		return NULL;
	s = xcalloc(1, sizeof(*s));
	s->kinds = kinds;
	s->list =
		(struct ui_list){ .draw_row = draw_hit, .data = s, .row_h = 2, .unfocused = true };
	ui_field_init(&s->query, N_("Keywords"), 40, false);
	s->kind = s->group = -1;
	s->per_page = 8;
	/* a kiosk and a county's staff see their county; a city office its city */
	if (ctx->citizen.token || !ctx->staff.token)
		s->region = ctx->term.region_code && *ctx->term.region_code
				    ? xstrdup(ctx->term.region_code)
				    : NULL;
	else if (ctx->staff.region_code && strcmp(ctx->staff.region_code, "340000") != 0)
		s->region = xstrdup(ctx->staff.region_code);
	search_run(ctx, s);
	return s;
}

static void psearch_destroy(struct ui_view *v)
{
	struct psearch *s = v->priv;

	ui_field_release(&s->query);
	free(s->searched);
	text_list_free(s->terms, s->nterms);
	policy_page_release(&s->page);
	free(s->page_after);
	free(s->region);
	for (int i = 0; i < MEMO_PAGES; i++)
		memo_release(&s->memo[i]);
	starts_clear(s);
	free(s);
}

/* The filters in force on rows y and y + 1: each one whole, the ones
 * that do not fit the first row on the second. */
static void draw_filters(struct ui_ctx *ctx, struct psearch *s, int y, const struct ui_rect *b)
{
	struct sbuf part[4] = { SBUF_INIT, SBUF_INIT, SBUF_INIT, SBUF_INIT };
	const struct region *r = s->region ? region_by_code(&ctx->regions, s->region) : NULL;
	int x = b->x;

	if (r && r->level == 3)
		sbuf_addf(&part[0], _("Region: %s (with %s and province-wide)"), r->name,
			  r->parent_name);
	else if (r && r->level == 2)
		sbuf_addf(&part[0], _("Region: %s (with its counties and province-wide)"), r->name);
	else
		sbuf_adds(&part[0], _("Region: the whole province"));
	sbuf_addf(&part[1], _("Kind: %s"), s->kind >= 0 ? s->kinds->name[s->kind] : _("all"));
	sbuf_addf(&part[2], _("Group: %s"),
		  s->group >= 0 ? ctx->groups.name[s->group] : _("all"));
	sbuf_adds(&part[3], s->expired ? _("expired ones included") : _("in force only"));
	for (int i = 0; i < 4; i++) {
		int w = (int)text_width(part[i].buf);
		if (x > b->x && x + w > b->x + b->w) {
			y++;
			x = b->x;
		}
		x += ui_put(ctx, y, x, b->x + b->w - x, part[i].buf, UI_A_DIM) + 3;
		sbuf_release(&part[i]);
	}
}

static void draw_hit(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *b, enum ui_attr a)
{
	const struct psearch *s = data;
	const struct policy_hit *h = &s->page.v[i];
	struct sbuf amount = SBUF_INIT, meta = SBUF_INIT;
	int x = b->x, y = b->y, aw;

	ui_policy_amount(&amount, h->max_yuan);
	aw = (int)text_width(amount.buf);
	if (*ui_policy_status_label(h->status))
		x += ui_put(ctx, y, x, b->w, ui_policy_status_label(h->status), UI_A_ERROR) + 1;
	ui_put_marked(ctx, y, x, b->w - (x - b->x) - aw - 2, h->title, s->terms, s->nterms, a);
	ui_put(ctx, y, b->x + b->w - aw, aw, amount.buf, a == UI_A_SELECTED ? a : UI_A_HEADING);
	/* the issuers last: a joint notice names a dozen ministries, which
	 * the row cuts (its page lists them all), never the 发文字号 or the
	 * kind of support */
	sbuf_adds(&meta, "    ");
	if (*h->doc_no)
		sbuf_addf(&meta, "%s  ", h->doc_no);
	sbuf_addf(&meta, "%s · %s  %s", h->kind_name, h->region_name, h->issuer);
	ui_put(ctx, y + 1, b->x, b->w, meta.buf, UI_A_DIM);
	sbuf_release(&amount);
	sbuf_release(&meta);
}

static void psearch_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct psearch *s = v->priv;
	struct sbuf sum = SBUF_INIT;
	int fit = (b->h - HEAD_ROWS - 1) / 2; /* and the position line */

	/* the next page asked for fills the screen as it is now */
	s->per_page = fit < 1 ? 1 : fit;
	ui_list_paged(&s->list, s->firsts ? s->firsts[s->npage - 1] : 0, s->asked);
	if (s->page.total >= 0)
		s->list.total = s->page.total;
	ui_field_draw(&s->query, ctx, b->y, b->x, 10, 42, s->list.unfocused);
	ui_put(ctx, b->y, b->x + 54, b->w - 54, _("e.g. 贷款, 补贴, 场地"), UI_A_DIM);
	draw_filters(ctx, s, b->y + 1, b);
	if (!s->loaded)
		;
	else if (s->page.count == 0)
		sbuf_adds(&sum, *s->searched ? _("No policy matches. Try a shorter word, or F5 for "
						 "expired ones too.")
					     : _("No policy to show."));
	else if (s->list.total >= 0)
		sbuf_addf(&sum, _("%lld policies match. Enter opens one."), s->list.total);
	else /* too many to count: the search walked */
		sbuf_adds(&sum, _("Many policies match. Enter opens one."));
	ui_put(ctx, b->y + 3, b->x, b->w, sum.buf, UI_A_HEADING);
	ui_hline(ctx, b->y + 4, b->x, b->w);
	ui_list_draw(&s->list, ctx,
		     &(struct ui_rect){ b->y + HEAD_ROWS, b->x, b->h - HEAD_ROWS, b->w });
	sbuf_release(&sum);
}

static void page_turn(struct ui_ctx *ctx, struct psearch *s, bool next)
{
	if (next) {
		long long shown = (long long)s->firsts[s->npage - 1] + s->page.count;
		bool last = s->page.total < 0 ? s->page.count < s->asked : shown >= s->page.total;
		int before = s->page.count;
		if (s->page.count == 0 || last) {
			ui_message(ctx, UI_MSG_INFO, _("This is the last page."));
			return;
		}
		char *after = xstrdup(s->page.v[s->page.count - 1].cursor);
		if (!page_load(ctx, s, after)) {
			free(after);
		} else if (s->page.count == 0) {
			/* a walked search ended exactly at the page's end */
			free(after);
			page_load(ctx, s, s->starts[s->npage - 1]);
			ui_message(ctx, UI_MSG_INFO, _("This is the last page."));
		} else {
			s->starts =
				xrealloc(s->starts, (size_t)(s->npage + 1) * sizeof(*s->starts));
			s->firsts =
				xrealloc(s->firsts, (size_t)(s->npage + 1) * sizeof(*s->firsts));
			s->firsts[s->npage] = s->firsts[s->npage - 1] + before;
			s->starts[s->npage++] = after;
		}
		return;
	}
	if (s->npage <= 1) {
		ui_message(ctx, UI_MSG_INFO, _("This is the first page."));
		return;
	}
	if (page_load(ctx, s, s->starts[s->npage - 2])) {
		free(s->starts[--s->npage]);
		s->starts[s->npage] = NULL;
	}
}

/* The next page, fetched while the person reads this one. */
static void psearch_idle(struct ui_view *v, struct ui_ctx *ctx)
{
	struct psearch *s = v->priv;
	struct policy_page page;
	struct db_error err = DB_ERROR_INIT;
	const char *after;

	if (!s->loaded || s->page_gen != s->gen || s->page.count < s->asked ||
	    (s->page.total >= 0 && s->firsts[s->npage - 1] + s->page.count >= s->page.total))
		return;
	after = s->page.v[s->page.count - 1].cursor;
	if (memo_has(s, after, s->per_page))
		return;
	if (page_fetch(ctx, s, after, s->per_page, &page, &err) != DB_OK) {
		ui_db_failed_quietly(ctx, &err);
		db_error_release(&err);
		return;
	}
	memo_put(s, after, s->per_page, &page, time(NULL));
}

static void open_selected(struct ui_ctx *ctx, struct psearch *s)
{
	ui_policy_detail_open(ctx, s->page.v[s->list.selected].id, NULL, NULL);
}

static bool psearch_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct psearch *s = v->priv;

	switch (ev->op) {
	case OP_NEXT:
	case OP_PREV:
		/* the hits loaded may be more than the screen shows */
		if (ui_list_page_key(&s->list, ev) == UI_LIST_IGNORED)
			page_turn(ctx, s, ev->op == OP_NEXT);
		return true;
	case OP_KIND:
		s->kind = s->kind + 1 < s->kinds->count ? s->kind + 1 : -1;
		search_run(ctx, s);
		return true;
	case OP_GROUP:
		s->group = s->group + 1 < ctx->groups.count ? s->group + 1 : -1;
		search_run(ctx, s);
		return true;
	case OP_EXPIRED:
		s->expired = !s->expired;
		search_run(ctx, s);
		return true;
	case OP_ENTER:
		if ((!s->list.unfocused || ui_field_equals(&s->query, s->searched)) &&
		    s->page.count)
			open_selected(ctx, s);
		else
			search_run(ctx, s);
		return true;
	default:
		break;
	}
	enum ui_list_result r = ui_list_search_handle(&s->list, &s->query, ev);
	if (r == UI_LIST_CHOSEN)
		open_selected(ctx, s);
	if (r != UI_LIST_IGNORED)
		return true;
	/* ↓ on the last hit: on to the next page */
	if (ev->type == UI_EV_KEY && ev->fkey && ev->key == KEY_DOWN && !s->list.unfocused) {
		page_turn(ctx, s, true);
		return true;
	}
	return false;
}

const struct ui_view_ops ui_policy_search = {
	.title = N_("Policy lookup"),
	.bindings = bindings,
	.draw = psearch_draw,
	.handle = psearch_handle,
	.destroy = psearch_destroy,
	.idle = psearch_idle,
};
