/*
 * service_detail: one service's page. What it is, who provides it, the
 * price (free, or paid and whether vouchers pay), where, the rating.
 *
 * Art. 21: a paid service that vouchers cannot pay for is only listed
 * here and traded off the platform; before its provider's contact details
 * the page shows the risk of trading outside the platform and where to
 * complain, and the contact details appear only after the person has
 * acknowledged it (Enter). Services with time slots are booked with F2.
 * At a county counter or the bureau, F4 records a department's purchase
 * of places of a paid service for a group (Art. 19). F6 files a complaint
 * about the service or its provider (提交投诉): the place to complain that
 * Art. 21 asks the notice to name. The operator proposes a paid service's
 * price with F7 (Art. 16); a paid service whose price is not approved
 * yet shows 收费标准待审批 and is not booked.
 *
 * Art. 14: the service's own average and its provider's, and the latest
 * published reviews (day, 星级, the start of the text; never who wrote
 * them) as far as the screen has room; F3 opens them all.
 *
 * The description (up to 4,000 characters) gets the rows the page has
 * left, cut with the mark; F5 shows it whole. The key is always offered:
 * the key bar is laid out before the page knows whether the text fits.
 */
#include "config.h"
#include "ui/service/service.h"
#include "ui/complaint/complaint.h"
#include "ui/price/price.h"
#include "ui/review/review.h"

#include <stdlib.h>
#include <string.h>

static const struct ui_view_ops ui_service_detail;

enum { OP_ACK = 1, OP_BOOK, OP_PURCHASE, OP_COMPLAIN, OP_REVIEWS, OP_PRICE, OP_WHOLE };

#define LATEST_REVIEWS 3

/* A paid service is booked once its price is approved (Art. 16). */
static const char *const price_pending_msg =
	N_("The price of this service awaits approval: it cannot be booked yet.");

struct sdetail {
	struct service_detail d;
	char *person_id; /* counter: booking for this person */
	bool notice; /* the Art. 21 notice is due */
	bool acknowledged;
	struct service_review *latest; /* the newest published reviews */
	int nlatest;
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_ACK, "Enter", N_("I understand") },
	{ KEY_F(2), true, OP_BOOK, "F2", N_("Book a time") },
	{ KEY_F(3), true, OP_REVIEWS, "F3", N_("All reviews") },
	{ KEY_F(5), true, OP_WHOLE, "F5", N_("Description in full") },
	{ KEY_F(6), true, OP_COMPLAIN, "F6", N_("Complain") },
	UI_BIND_BACK,
	UI_BIND_END_SESSION,
	UI_BIND_HELP,
	UI_BIND_END,
};

/* At a desk: the same, and recording a department's purchase. */
static const struct ui_binding staff_bindings[] = {
	{ '\r', false, OP_ACK, "Enter", N_("I understand") },
	{ KEY_F(2), true, OP_BOOK, "F2", N_("Book a time") },
	{ KEY_F(3), true, OP_REVIEWS, "F3", N_("All reviews") },
	{ KEY_F(5), true, OP_WHOLE, "F5", N_("Description in full") },
	{ KEY_F(4), true, OP_PURCHASE, "F4", N_("Government purchase") },
	{ KEY_F(6), true, OP_COMPLAIN, "F6", N_("Complain") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

/* The operator: the same, and proposing a price (Art. 16). */
static const struct ui_binding operator_bindings[] = {
	{ '\r', false, OP_ACK, "Enter", N_("I understand") },
	{ KEY_F(2), true, OP_BOOK, "F2", N_("Book a time") },
	{ KEY_F(3), true, OP_REVIEWS, "F3", N_("All reviews") },
	{ KEY_F(5), true, OP_WHOLE, "F5", N_("Description in full") },
	{ KEY_F(4), true, OP_PURCHASE, "F4", N_("Government purchase") },
	{ KEY_F(6), true, OP_COMPLAIN, "F6", N_("Complain") },
	{ KEY_F(7), true, OP_PRICE, "F7", N_("Propose price") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_view_ops staff_ops, operator_ops;

void ui_service_detail_open(struct ui_ctx *ctx, long long id, const char *person_id)
{
	struct sdetail *s = xcalloc(1, sizeof(*s));
	struct db_error err = DB_ERROR_INIT;

	if (db_service_get(ctx->db, id, &s->d, &err) != DB_OK) {
		if (err.status == DB_ERR_SERVER)
			ui_message(ctx, UI_MSG_ERROR,
				   _("This service is no longer offered. Please choose another."));
		else
			ui_db_failed(ctx, &err);
		db_error_release(&err);
		free(s);
		return;
	}
	ui_taken_down(&s->d.title, s->d.title_down);
	ui_taken_down(&s->d.description, s->d.description_down);
	ui_taken_down(&s->d.provider_address, s->d.address_down);
	ui_taken_down(&s->d.provider_phone, s->d.phone_down);
	/* the page stands without them: the reviews screen says what failed */
	db_service_reviews(ctx->db, id, 0, LATEST_REVIEWS, &s->latest, &s->nlatest, &err);
	db_error_release(&err);
	s->person_id = person_id ? xstrdup(person_id) : NULL;
	s->notice = s->d.paid && !s->d.voucher_ok;
	ui_view_push(ctx,
		     !ctx->staff.token			? &ui_service_detail
		     : ctx->staff.role == ROLE_OPERATOR ? &operator_ops
							: &staff_ops,
		     s);
}

static void sdetail_destroy(struct ui_view *v)
{
	struct sdetail *s = v->priv;

	service_detail_release(&s->d);
	service_reviews_free(&s->latest, s->nlatest);
	free(s->person_id);
	free(s);
}

/* A label and its value on one row; returns the rows used. */
static int row(struct ui_ctx *ctx, int y, const struct ui_rect *b, const char *label,
	       const char *value, int max_rows)
{
	ui_put(ctx, y, b->x + 2, 12, label, UI_A_HEADING);
	return ui_put_wrapped(ctx, y, b->x + 14, b->w - 16, max_rows, value, UI_A_NORMAL);
}

static void sdetail_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct sdetail *s = v->priv;
	struct service_detail *d = &s->d;
	struct sbuf t = SBUF_INIT;
	int y = b->y;
	int last = b->y + b->h;

	ui_put(ctx, y, b->x + 2, b->w - 4, d->title, UI_A_BIG);
	y += 2;
	y += row(ctx, y, b, _("Provider"), d->provider_name, 1);
	sbuf_addf(&t, "%s · %s · %s", d->category_name,
		  d->paid ? _("commercial service") : _("public-welfare service"),
		  d->online ? _("online") : _("offline"));
	y += row(ctx, y, b, _("Type of service"), t.buf, 1);
	sbuf_reset(&t);
	ui_service_price(&t, d->paid, d->price_fen, d->voucher_ok);
	y += row(ctx, y, b, _("Price"), t.buf, 1);
	y += row(ctx, y, b, _("Area served"), d->region_name, 1);
	sbuf_reset(&t);
	ui_rating_summary(&t, d);
	y += row(ctx, y, b, _("Rating"), t.buf, 2);
	if (*d->place)
		y += row(ctx, y, b, _("Place"), d->place, 2);
	y++;
	/* what is left above the notice (6 rows) or the contact (4): the
	 * description gets two rows at least, the latest reviews (a heading
	 * and a row each) what remains of their share */
	int room = last - y - (s->notice && !s->acknowledged ? 6 : 4);
	int reviews = s->nlatest ? 1 + s->nlatest : 0;
	if (reviews > room - 2)
		reviews = room - 2 >= 2 ? room - 2 : 0;
	y += ui_put_wrapped(ctx, y, b->x + 2, b->w - 4, room - reviews > 1 ? room - reviews : 1,
			    d->description, UI_A_NORMAL);
	if (reviews) {
		ui_put(ctx, y++, b->x + 2, b->w - 4, _("Latest reviews (F3: all)"), UI_A_HEADING);
		for (int i = 0; i + 1 < reviews; i++) {
			sbuf_reset(&t);
			sbuf_addf(&t, "%s  ", s->latest[i].day);
			ui_stars(&t, s->latest[i].stars);
			sbuf_addf(&t, "  %s", s->latest[i].comment);
			ui_put(ctx, y++, b->x + 4, b->w - 6, t.buf, UI_A_NORMAL);
		}
	}
	y++;
	if (s->notice && !s->acknowledged) {
		y += ui_put_wrapped(
			ctx, y, b->x + 2, b->w - 4, 4,
			_("Notice (Art. 21): vouchers cannot pay for this service, and it is not "
			  "traded on the platform. Paying or signing outside the platform carries "
			  "risks the platform cannot cover: ask for a formal contract and invoice. "
			  "If anything goes wrong, complain: sign in and press F6 (投诉) on this "
			  "page, or ask at the service counter."),
			UI_A_ERROR);
		ui_put(ctx, y, b->x + 2, b->w - 4,
		       _("Press Enter to confirm you have read this and see the contact details."),
		       UI_A_HEADING);
	} else {
		sbuf_reset(&t);
		sbuf_adds(&t, *d->contact ? d->contact : d->provider_phone);
		if (*d->provider_address)
			sbuf_addf(&t, "  %s", d->provider_address);
		y += row(ctx, y, b, _("Contact"), t.buf, 2);
		if (ui_service_price_pending(d->paid, d->price_fen))
			ui_put(ctx, y, b->x + 2, b->w - 4, _(price_pending_msg), UI_A_DIM);
		else if (d->has_slots)
			ui_put(ctx, y, b->x + 2, b->w - 4, _("F2: choose a time and book."),
			       UI_A_HEADING);
		else
			ui_put(ctx, y, b->x + 2, b->w - 4,
			       _("This service has no bookable times: contact the provider."),
			       UI_A_DIM);
	}
	sbuf_release(&t);
}

/* 提交投诉 about this service or its provider. */
static void sdetail_complain(struct ui_ctx *ctx, const struct sdetail *s)
{
	struct sbuf service = SBUF_INIT, provider = SBUF_INIT;

	sbuf_addf(&service, _("This service: %s (%s)"), s->d.title, s->d.provider_name);
	sbuf_addf(&provider, _("Its provider: %s"), s->d.provider_name);
	ui_complaint_file_open(ctx, s->person_id,
			       (const struct complaint_target[]){
				       { "service", s->d.id, service.buf },
				       { "provider", s->d.provider_id, provider.buf },
			       },
			       2);
	sbuf_release(&service);
	sbuf_release(&provider);
}

/* Enter is offered while the notice waits to be read, F2 when a time can
 * be booked now, F5 (operator) for a paid service; pressed anyway, the
 * handler says why not. */
static bool sdetail_key_offered(const struct ui_view *v, int op)
{
	const struct sdetail *s = v->priv;

	switch (op) {
	case OP_ACK:
		return s->notice && !s->acknowledged;
	case OP_BOOK:
		return !ui_service_price_pending(s->d.paid, s->d.price_fen) && s->d.has_slots &&
		       (!s->notice || s->acknowledged);
	case OP_PRICE:
		return s->d.paid;
	default:
		return true;
	}
}

static const struct ui_view_ops description_whole = UI_TEXT_VIEW_OPS(N_("Service description"));

/* The title and the whole description, in the text viewer. */
static void description_open(struct ui_ctx *ctx, const struct service_detail *d)
{
	struct ui_pager *p = ui_text_view_push(ctx, &description_whole);

	ui_pager_add(p, d->title, UI_A_HEADING, 0);
	ui_pager_add(p, "", UI_A_NORMAL, 0);
	ui_pager_add(p, d->description, UI_A_NORMAL, 0);
}

static bool sdetail_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct sdetail *s = v->priv;

	switch (ev->op) {
	case OP_ACK:
		s->acknowledged = true;
		return true;
	case OP_BOOK:
		if (ui_service_price_pending(s->d.paid, s->d.price_fen))
			ui_message(ctx, UI_MSG_INFO, _(price_pending_msg));
		else if (!s->d.has_slots)
			ui_message(ctx, UI_MSG_INFO,
				   _("This service has no bookable times: contact the provider."));
		else if (s->notice && !s->acknowledged)
			ui_message(ctx, UI_MSG_INFO, _("Please read the notice first (Enter)."));
		else
			ui_service_book_open(ctx, &s->d, s->person_id);
		return true;
	case OP_PURCHASE:
		ui_purchase_add_open(ctx, &s->d);
		return true;
	case OP_COMPLAIN:
		sdetail_complain(ctx, s);
		return true;
	case OP_REVIEWS:
		ui_service_reviews_open(ctx, &s->d);
		return true;
	case OP_WHOLE:
		description_open(ctx, &s->d);
		return true;
	case OP_PRICE:
		if (!s->d.paid)
			ui_message(ctx, UI_MSG_INFO, _(db_act_outcome_msgid("not_paid")));
		else
			ui_price_propose_open(ctx, s->d.id, s->d.title, s->d.price_fen, -1);
		return true;
	default:
		return false;
	}
}

static const struct ui_view_ops ui_service_detail = {
	.title = N_("Service"),
	.bindings = bindings,
	.draw = sdetail_draw,
	.handle = sdetail_handle,
	.key_offered = sdetail_key_offered,
	.destroy = sdetail_destroy,
};

static const struct ui_view_ops staff_ops = {
	.title = N_("Service"),
	.bindings = staff_bindings,
	.draw = sdetail_draw,
	.handle = sdetail_handle,
	.key_offered = sdetail_key_offered,
	.destroy = sdetail_destroy,
};

static const struct ui_view_ops operator_ops = {
	.title = N_("Service"),
	.bindings = operator_bindings,
	.draw = sdetail_draw,
	.handle = sdetail_handle,
	.key_offered = sdetail_key_offered,
	.destroy = sdetail_destroy,
};
