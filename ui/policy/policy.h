/*
 * policy: 政策查询, a policy's page, 政策匹配 and the matches, and the
 * bureau's and operator's editor. The _new functions return NULL
 * (reported) when the data cannot be read.
 */
#ifndef WC_UI_POLICY_H
#define WC_UI_POLICY_H

#include "ui/kit/kit.h"

extern const struct ui_view_ops ui_policy_search;
void *ui_policy_search_new(struct ui_ctx *ctx);
/* Show a policy; profile (may be NULL) must outlive the view: it marks
 * each condition. A county counter's view also leads to the people to tell. */
void ui_policy_detail_open(struct ui_ctx *ctx, long long id, const struct match_profile *profile,
			   const char *profile_note);
/* Edit the policy with this id, or a new one (id 0). */
extern const struct ui_view_ops ui_policy_edit;
void *ui_policy_edit_new(struct ui_ctx *ctx, long long id);
extern const struct ui_view_ops ui_policy_quiz;
void *ui_policy_quiz_new(struct ui_ctx *ctx);
/* Matches for profile (copied); note says whose answers they are; the
 * policies among fresh (nfresh ids) are marked new. */
extern const struct ui_view_ops ui_policy_matches;
void *ui_policy_matches_new(struct ui_ctx *ctx, const struct match_profile *profile,
			    const char *note, const long long *fresh, int nfresh);
/* policy_words.c: "最高30万元"; nothing for -1. */
void ui_policy_amount(struct sbuf *out, long long yuan);
/* "[已失效]", "[尚未生效]", or "" in force. */
const char *ui_policy_status_label(const char *status);

#endif
