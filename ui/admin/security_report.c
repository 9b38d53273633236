/*
 * screen_security_report: one kept security self-check report, section
 * by section in the order of security_sections; F6 shows instead what
 * changed since the report kept before it (added, gone, per section);
 * F7 writes the report to a CSV file (UTF-8 with a BOM, as spreadsheet
 * programs in Chinese offices open it) in $WANCHUANG_EXPORT_DIR, else
 * the home directory, and says where.
 */
#include "config.h"
#include "ui/admin/admin.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OP_COMPARE = 1, OP_EXPORT };

struct sreport {
	char *id, *made_at, *made_by;
	char *prev_at; /* the report before, or NULL for the first kept */
	struct security_row *rows;
	int n;
	bool compare;
	struct ui_pager pager;
};

static const struct ui_binding bindings[] = {
	{ KEY_F(6), true, OP_COMPARE, "F6", N_("Compare with the one before") },
	{ KEY_F(7), true, OP_EXPORT, "F7", N_("Export") },
	UI_BIND_BACK,
	UI_PAGER_KEYS,
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};

static void sreport_section(struct sreport *r, const struct security_section *s)
{
	struct sbuf line = SBUF_INIT;
	int shown = 0;

	ui_pager_add(&r->pager, _(s->heading), UI_A_HEADING, 0);
	for (int i = 0; i < r->n; i++) {
		if (strcmp(r->rows[i].section, s->key) != 0)
			continue;
		sbuf_reset(&line);
		if (r->compare)
			sbuf_adds(&line, r->rows[i].change == '+' ? _("added: ") : _("gone: "));
		text_pad(&line, r->rows[i].item, 28);
		security_detail_words(r->rows[i].section, r->rows[i].detail, &line);
		ui_pager_add(&r->pager, line.buf,
			     s->problem && r->rows[i].change != '-' ? UI_A_NORMAL : UI_A_DIM, 2);
		shown++;
	}
	if (shown == 0)
		ui_pager_add(&r->pager, r->compare ? _("no change") : _(s->none), UI_A_DIM, 2);
	sbuf_release(&line);
}

static bool sreport_load(struct ui_ctx *ctx, struct sreport *r)
{
	struct db_error err = DB_ERROR_INIT;
	struct security_row *rows = NULL;
	int n = 0;
	char head[256];

	if (db_security_rows(ctx->db, ctx->staff.token, r->id, r->compare, &rows, &n, &err) !=
	    DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		security_rows_free(&rows, n);
		return false;
	}
	security_rows_free(&r->rows, r->n);
	r->rows = rows;
	r->n = n;
	ui_pager_clear(&r->pager);
	snprintf(head, sizeof(head), _("Made at %s by %s"), r->made_at, r->made_by);
	ui_pager_add(&r->pager, head, UI_A_NORMAL, 0);
	if (r->compare && r->prev_at)
		snprintf(head, sizeof(head), _("Changes since the report of %s:"), r->prev_at);
	else if (r->compare)
		snprintf(head, sizeof(head), "%s",
			 _("No report was kept before this one: every row is new."));
	else
		snprintf(head, sizeof(head), _("%d problem(s) that must be fixed."),
			 security_rows_problems(rows, n));
	ui_pager_add(&r->pager, head, UI_A_NORMAL, 0);
	for (size_t i = 0; i < security_sections_count; i++) {
		ui_pager_blank(&r->pager);
		sreport_section(r, &security_sections[i]);
	}
	return true;
}

void *ui_security_report_new(struct ui_ctx *ctx, const struct security_report *k,
			     const struct security_report *before)
{
	struct sreport *r = xcalloc(1, sizeof(*r));

	r->id = xstrdup(k->id);
	r->made_at = xstrdup(k->made_at);
	r->made_by = xstrdup(k->made_by);
	r->prev_at = before ? xstrdup(before->made_at) : NULL;
	if (!sreport_load(ctx, r)) {
		ui_pager_clear(&r->pager);
		free(r->id);
		free(r->made_at);
		free(r->made_by);
		free(r->prev_at);
		free(r);
		return NULL;
	}
	return r;
}

static void sreport_destroy(struct ui_view *v)
{
	struct sreport *r = v->priv;

	security_rows_free(&r->rows, r->n);
	ui_pager_clear(&r->pager);
	free(r->id);
	free(r->made_at);
	free(r->made_by);
	free(r->prev_at);
	free(r);
}

/* The rows on screen as a CSV file at path; false with errno set. */
static bool sreport_write(const struct sreport *r, const char *path)
{
	struct csv_errors errs = CSV_ERRORS_INIT;
	struct csv_row *rows = xcalloc((size_t)r->n + 1, sizeof(*rows));
	const char **cells = xcalloc(((size_t)r->n + 1) * 6, sizeof(*cells));
	char **details = xcalloc((size_t)r->n + 1, sizeof(*details));
	FILE *fp = fopen(path, "w");
	bool ok = fp != NULL;

	cells[0] = _("Made at");
	cells[1] = _("Made by");
	cells[2] = _("Section");
	cells[3] = _("Item");
	cells[4] = _("Detail");
	cells[5] = _("Change");
	for (int i = 0; i <= r->n; i++) {
		const char **c = cells + (size_t)i * 6;
		rows[i] = (struct csv_row){ .nfields = 6, .fields = c };
		if (i == 0)
			continue;
		const struct security_row *w = &r->rows[i - 1];
		const struct security_section *s = security_section_find(w->section);
		c[0] = r->made_at;
		c[1] = r->made_by;
		c[2] = s ? _(s->heading) : w->section;
		c[3] = w->item;
		struct sbuf d = SBUF_INIT;
		security_detail_words(w->section, w->detail, &d);
		c[4] = details[i - 1] = sbuf_detach(&d);
		c[5] = w->change == '+' ? _("added") : w->change == '-' ? _("gone") : "";
	}
	if (ok)
		ok = csv_write_file(fp, rows, (size_t)r->n + 1, ENCODING_UTF8, &errs);
	if (fp && fclose(fp) != 0)
		ok = false;
	csv_errors_release(&errs);
	for (int i = 0; i < r->n; i++)
		free(details[i]);
	free(details);
	free(cells);
	free(rows);
	return ok;
}

static void sreport_export(struct ui_ctx *ctx, struct sreport *r)
{
	struct sbuf file = SBUF_INIT, path = SBUF_INIT, done = SBUF_INIT;

	sbuf_addf(&file, r->compare ?
				 /* TRANSLATORS: the file of a security report's changes: its number */
				 _("security-report-%s-changes.csv")
				 /* TRANSLATORS: the file of a security report: its number */
				 : _("security-report-%s.csv"),
		  r->id);
	ui_export_path(&path, file.buf);
	bool ok = sreport_write(r, path.buf);
	int errnum = errno;
	sbuf_addf(&done, _("Exported to %s"), path.buf);
	ui_export_told(ctx, ok, path.buf, errnum, done.buf);
	sbuf_release(&file);
	sbuf_release(&path);
	sbuf_release(&done);
}

static void sreport_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct sreport *r = v->priv;

	ui_pager_draw(&r->pager, ctx, b);
}

static bool sreport_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct sreport *r = v->priv;

	if (ev->op == OP_COMPARE) {
		r->compare = !r->compare;
		if (!sreport_load(ctx, r))
			r->compare = !r->compare;
		return true;
	}
	if (ev->op == OP_EXPORT) {
		sreport_export(ctx, r);
		return true;
	}
	return ui_pager_handle(&r->pager, ev);
}

const struct ui_view_ops ui_screen_security_report = {
	.title = N_("Security self-check report"),
	.bindings = bindings,
	.draw = sreport_draw,
	.handle = sreport_handle,
	.destroy = sreport_destroy,
};
