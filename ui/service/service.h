/*
 * service: 服务目录, a service's page, booking it, 政府购买服务登记, closing
 * bookings at the provider's desk or the counter, and closing a slot.
 */
#ifndef WC_UI_SERVICE_H
#define WC_UI_SERVICE_H

#include "ui/kit/kit.h"

/* The service catalogue, opened on a category (NULL: all); _for: at a
 * counter, booking for the person at the desk. */
void ui_catalogue_open(struct ui_ctx *ctx, const char *category);
void ui_catalogue_open_for(struct ui_ctx *ctx, const char *category, const char *person_id,
			   const char *person_name);
/* A service's page (person_id: a counter booking for someone). */
void ui_service_detail_open(struct ui_ctx *ctx, long long id, const char *person_id);
/* Closing bookings with F5 (已完成) or F6 (未到场): a provider's staff get
 * their day's bookings (本机构预约), a counter clerk one booking found by
 * its number (办结预约（线下服务）). Nothing opens (reported) if the list
 * cannot be read. */
void ui_provider_desk_open(struct ui_ctx *ctx);
/* bookings_due.c: 待办结的线下预约 of the counter's area (待办事项),
 * closed there with F5 or F6. */
void ui_bookings_due_open(struct ui_ctx *ctx);
/* 待告知的候补递补: seats from the waiting list whose SMS did not go. */
void ui_seats_untold_open(struct ui_ctx *ctx);
/* booking_close.c: what closing needs of the booking chosen. */
struct booking_target {
	long long id, voucher_fen;
	const char *status; /* the booking's: only "booked" ones close */
	bool purchased;
	bool too_early; /* known to be before its time */
};
/* F5 (completed) or F6 (no-show) on t, each pressed twice: confirm holds
 * the first press and its request key. True once the database answered:
 * the booking may have changed, read it again. */
bool ui_booking_close(struct ui_ctx *ctx, struct ui_confirm *confirm,
		      const struct booking_target *t, bool completed);
/* service_words.c: a text taken down (Art. 28): *text becomes the notice
 * that says so. */
void ui_taken_down(char **text, bool down);
/* "1500 yuan, vouchers accepted", or "free (public welfare)". */
void ui_service_price(struct sbuf *out, bool paid, long long price_fen, bool voucher_ok);

/* Choose a time and a payment, confirm; d outlives the screen. */
void ui_service_book_open(struct ui_ctx *ctx, const struct service_detail *d,
			  const char *person_id);
/* 政府购买服务登记 for the service d (counter or bureau). */
void ui_purchase_add_open(struct ui_ctx *ctx, const struct service_detail *d);
/* purchase_review.c: 购买服务审批, the bureau's consent to the purchases
 * cities' and counties' departments proposed (Art. 19). */
void ui_purchase_review_open(struct ui_ctx *ctx);
/* A provider's time slots of a day, to close one that cannot take place. */
void ui_slot_close_open(struct ui_ctx *ctx, struct date day);

#endif
