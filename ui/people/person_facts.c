/*
 * person_facts: a registration as the policy matcher reads it, for the
 * person's page and the voucher issue.
 */
#include "config.h"
#include "ui/people/people.h"

#include <stdlib.h>
#include <string.h>

/* The registration's facts as the matcher takes them (the page shows the
 * groups by name); release with person_facts_release. */
void ui_person_facts_of(struct ui_ctx *ctx, const struct person_detail *d, struct person_facts *f)
{
	char **names;
	size_t n;

	memset(f, 0, sizeof(*f));
	f->age = xstrdup(d->age);
	f->sex = xstrdup(d->sex);
	f->county = xstrdup(d->residence_code); /* where the person is served */
	f->stage = xstrdup(d->stage);
	f->entity = xstrdup(*d->org_kind ? d->org_kind : "person");
	f->registered_on = xstrdup(d->org_registered_on);
	n = text_split_list(d->categories, &names);
	f->categories = xcalloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		int k = code_list_find(&ctx->groups, names[i]);
		if (k >= 0)
			f->categories[f->ncategories++] = xstrdup(ctx->groups.code[k]);
	}
	text_list_free(names, n);
}
