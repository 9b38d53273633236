/*
 * review_words: the words of a rating (星级 and 好差评) and of a service's
 * averages, for every screen that shows them.
 */
#include "config.h"
#include "ui/review/review.h"

#include <stdlib.h>
#include <string.h>

const char *ui_stars_word(int stars)
{
	/* the five words of 政务服务好差评, 1 to 5 */
	static const char *const words[] = {
		N_("very dissatisfied"), N_("dissatisfied"),   N_("basically satisfied"),
		N_("satisfied"),	 N_("very satisfied"),
	};

	return stars >= 1 && stars <= 5 ? words[stars - 1] : NULL;
}

void ui_stars(struct sbuf *out, int stars)
{
	if (ui_stars_word(stars))
		sbuf_addf(out, _("%d stars (%s)"), stars, _(ui_stars_word(stars)));
}

void ui_review_line(struct sbuf *out, const char *day, int stars, const char *service,
		    const char *comment)
{
	sbuf_addf(out, "%s  ", day);
	ui_stars(out, stars);
	if (service)
		sbuf_addf(out, "  %s", service);
	sbuf_addf(out, "  %s", comment);
}

void ui_review_detail(struct ui_ctx *ctx, int y, int x, int w, int rows, const char *comment,
		      const char *reply, const char *reply_day)
{
	struct sbuf t = SBUF_INIT;
	/* the reply keeps at least two rows, or all but one */
	int for_reply = !*reply ? 0 : rows > 3 ? 2 : rows - 1;

	y += ui_put_wrapped(ctx, y, x, w, rows - for_reply,
			    *comment ? comment : _("(stars only, no comment)"),
			    *comment ? UI_A_NORMAL : UI_A_DIM);
	if (!for_reply)
		return;
	sbuf_addf(&t, _("Reply of the provider (%s): %s"), reply_day, reply);
	ui_put_wrapped(ctx, y, x, w, for_reply, t.buf, UI_A_HEADING);
	sbuf_release(&t);
}

void ui_rating_summary(struct sbuf *out, const struct service_detail *d)
{
	if (*d->service_rating)
		sbuf_addf(out, _("this service %s of 5 (%lld reviews)"), d->service_rating,
			  d->service_rating_count);
	else
		sbuf_adds(out, _("this service: no reviews yet"));
	if (*d->rating)
		sbuf_addf(out, _("; the provider %s of 5 (%lld reviews)"), d->rating,
			  d->rating_count);
	else
		sbuf_adds(out, _("; the provider: no reviews yet"));
}
