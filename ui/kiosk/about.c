/*
 * kiosk_about: what the platform is and offers, in the words of the
 * 2025 management measures (Art. 2, 12, 15, 9(6)), and the telephone of
 * the county's service counter, or plainly that none is on record.
 */
#include "config.h"
#include "ui/kiosk/kiosk.h"
#include "ui/complaint/complaint.h"

#include <stdlib.h>

static const struct ui_binding bindings[] = {
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_END_SESSION,
	UI_BIND_END,
};

static const char *const paragraphs[] = {
	N_("The Anhui Province Entrepreneurship Service Cloud Platform is the province's "
	   "public service platform for people who intend to start a business, "
	   "entrepreneurs and entrepreneurial organisations."),
	N_("It offers policy lookup, interpretation and matching; assessment, training and "
	   "guidance for those intending to start a business; and venue, financing, legal, "
	   "tax, talent, management consulting and business agency services."),
	N_("Policy information and government services on the platform are free of charge. "
	   "Other services are public-welfare or commercial; eligible people may pay for "
	   "some commercial services with an electronic entrepreneurship voucher."),
	N_("To register or get a voucher, please ask the staff at the service counter of this "
	   "hall. To make a complaint, choose 我要投诉 on the first screen: no registration is "
	   "needed. Registered people follow theirs under 我的投诉 after signing in; "
	   "complaints and suggestions are also taken at the counter."),
};

/* The county counter's telephone: "" none on record, NULL not known (the
 * server could not be asked). */
struct about {
	char *phone;
};

static const struct ui_view_ops ui_kiosk_about;

void ui_kiosk_about_open(struct ui_ctx *ctx)
{
	struct about *a = xcalloc(1, sizeof(*a));
	struct db_error err = DB_ERROR_INIT;

	if (db_counter_phone(ctx->db, &a->phone, &err) != DB_OK)
		a->phone = NULL; /* the rest stands without it */
	db_error_release(&err);
	ui_view_push(ctx, &ui_kiosk_about, a);
}

static void about_destroy(struct ui_view *v)
{
	struct about *a = v->priv;

	free(a->phone);
	free(a);
}

static void about_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	const struct about *a = v->priv;
	int y = r->y + 1;
	struct sbuf l = SBUF_INIT;

	for (size_t i = 0; i < sizeof(paragraphs) / sizeof(paragraphs[0]); i++)
		y += ui_put_wrapped(ctx, y, r->x + 2, r->w - 4, r->y + r->h - y, _(paragraphs[i]),
				    UI_A_NORMAL) +
		     1;
	if (!a->phone)
		return;
	ui_counter_phone_words(a->phone, &l);
	ui_put_wrapped(ctx, y, r->x + 2, r->w - 4, r->y + r->h - y, l.buf, UI_A_HEADING);
	sbuf_release(&l);
}

static const struct ui_view_ops ui_kiosk_about = {
	.title = N_("About the platform"),
	.bindings = bindings,
	.draw = about_draw,
	.destroy = about_destroy,
};
