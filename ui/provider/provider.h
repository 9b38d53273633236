/*
 * provider: 服务商管理 (operator; the supervisor reads and takes texts
 * down), one provider's page, public texts and the word list, 动态管理预警,
 * and a provider's own screens (本机构服务, a service's texts, 预约时段,
 * 评价与投诉).
 */
#ifndef WC_UI_PROVIDER_H
#define WC_UI_PROVIDER_H

#include "ui/kit/kit.h"

void ui_provider_manage_open(struct ui_ctx *ctx);
void ui_provider_page_open(struct ui_ctx *ctx, long long id);
/* Public texts and the word list (provider 0: every text with a find). */
void ui_content_check_open(struct ui_ctx *ctx, long long provider);
/* A provider's services (operator; the supervisor reads): 下架 one, or
 * restore it (恢复上架). */
void ui_service_withdraw_open(struct ui_ctx *ctx, long long provider);
/* 动态管理预警 (operator, supervisor): services and providers with a low
 * recent average or many recent complaints. */
void ui_quality_flags_open(struct ui_ctx *ctx);
void ui_provider_services_open(struct ui_ctx *ctx);
/* Its texts; s NULL: a new service. */
void ui_provider_service_edit_open(struct ui_ctx *ctx, const struct provider_service *s);
void ui_provider_slots_open(struct ui_ctx *ctx, long long service, const char *title);
void ui_provider_ratings_open(struct ui_ctx *ctx);
/* provider_words.c: msgid of a provider's status (active, suspended,
 * removed). */
const char *ui_provider_status_label(const char *status);
/* content_check.c: msgid of which text ("title", "description",
 * "address", "phone"). */
const char *ui_content_field_label(const char *field);
/* A refused price or provider call on a form (ui_form_refused): a text the
 * word list refused names the words found (未保存：内容含有不宜发布的词语：…). */
void ui_act_refused(struct ui_ctx *ctx, struct ui_form *f, const struct ui_form_refusal *map,
		    const struct db_act_outcome *o);

#endif
