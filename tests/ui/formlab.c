/*
 * formlab: a form of the program's own widgets in a real terminal, for the
 * end-to-end tests of the field editor. Each argument describes a field:
 *
 *   LABEL:ROWS:WIDTH[:FLAGS]   FLAGS: m masked, d digits only, i ID number
 *                              characters, r required; checks: I ID number,
 *                              M mobile, C credit code, Y money in yuan
 *
 * F2 or the button submits: when every field is fine, the values go to
 * OUTFILE, one per line ("\n" inside a value written as the two characters
 * \ and n), and the program exits. A '|' is drawn right after each input
 * area, so a test can see that nothing is drawn past a field's edge.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/kit/kit.h"

static void formlab_write(const char *path, struct ui_form *form)
{
	FILE *out = fopen(path, "w");

	if (!out)
		exit(3);
	for (int i = 0; i < form->count; i++) {
		char *v = editline_get(&form->fields[i].ed);
		for (char *p = v; *p; p++)
			if (*p == '\n')
				fputs("\\n", out);
			else
				fputc(*p, out);
		fputc('\n', out);
		free(v);
	}
	fclose(out);
}

int main(int argc, char **argv)
{
	struct ui_options opt = { .conninfo = "", .idle_seconds = 90 };
	struct ui_ctx ctx = { .opt = &opt };
	struct ui_form form = { .button = N_("Submit") };
	int n = argc - 2;

	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, getenv("WANCHUANG_LOCALEDIR"));
	textdomain(PACKAGE);
	if (n < 1) {
		fputs("usage: formlab OUTFILE LABEL:ROWS:WIDTH[:FLAGS]...\n", stderr);
		return 2;
	}
	form.fields = xcalloc((size_t)n, sizeof(*form.fields));
	form.count = n;
	for (int i = 0; i < n; i++) {
		char *spec = argv[i + 2];
		char *label = strtok(spec, ":"), *rows = strtok(NULL, ":");
		char *width = strtok(NULL, ":"), *flags = strtok(NULL, ":");
		struct ui_field *f = &form.fields[i];

		ui_field_init_multi(f, label, rows ? atoi(rows) : 1, 200);
		f->width = width ? atoi(width) : 20;
		f->masked = flags && strchr(flags, 'm');
		f->required = flags && strchr(flags, 'r');
		if (flags && strchr(flags, 'd'))
			f->filter = ui_filter_digits;
		if (flags && strchr(flags, 'i'))
			f->filter = ui_filter_id_number;
		if (flags && strchr(flags, 'I'))
			f->check = ui_check_id_number;
		if (flags && strchr(flags, 'M'))
			f->check = ui_check_mobile;
		if (flags && strchr(flags, 'C'))
			f->check = ui_check_credit_code;
		if (flags && strchr(flags, 'Y'))
			f->check = ui_check_money;
	}
	initscr();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	ui_colors_init(&ctx);
	for (;;) {
		wint_t ch;
		int r;

		erase();
		ctx.cursor_y = ctx.cursor_x = -1;
		ui_form_draw(&form, &ctx, 1, 1, 12, 20);
		for (int i = 0; i < n; i++)
			for (int k = 0; k < form.fields[i].rows; k++)
				mvaddch(form.fields[i].y + k, form.fields[i].x + form.fields[i].w,
					'|');
		if (ctx.cursor_y >= 0)
			move(ctx.cursor_y, ctx.cursor_x);
		refresh();
		r = get_wch(&ch);
		if (r == ERR)
			continue;
		struct ui_event ev = { .type = UI_EV_KEY, .key = ch, .fkey = r == KEY_CODE_YES };
		bool submit = ev.fkey && ch == KEY_F(2);
		if (!submit && ui_form_handle(&form, &ev) == UI_FORM_SUBMIT)
			submit = true;
		if (submit && ui_form_check_all(&form))
			break;
	}
	endwin();
	formlab_write(argv[1], &form);
	for (int i = 0; i < n; i++)
		ui_field_release(&form.fields[i]);
	free(form.fields);
	return 0;
}
