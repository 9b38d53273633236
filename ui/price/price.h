/*
 * price: 收费标准 (Art. 16) — 收费标准记录 of a service, 收费标准审核 (the
 * supervisor reviews, the bureau approves, the operator and providers
 * follow) and 提出收费标准.
 */
#ifndef WC_UI_PRICE_H
#define WC_UI_PRICE_H

#include "ui/kit/kit.h"

void ui_price_history_open(struct ui_ctx *ctx, long long service, const char *title);
void ui_price_queue_open(struct ui_ctx *ctx);
/* permille: the provider's share in effect, -1 when not known here. */
void ui_price_propose_open(struct ui_ctx *ctx, long long service, const char *title,
			   long long price_fen, int permille);
/* price_words.c */
const char *ui_price_status_label(const char *status);
/* "服务商85%，运营商15%"; "200元". */
void ui_price_split(struct sbuf *out, int provider_permille);
void ui_price_amount(struct sbuf *out, long long price_fen);
/* A paid service whose price is not approved yet (收费标准待审批). */
bool ui_service_price_pending(bool paid, long long price_fen);

#endif
