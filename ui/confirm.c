/*
 * confirm: an action on money or a booking confirmed by pressing its key
 * twice, with the request key that makes it happen once. The key is made
 * on the first press and kept until the action is done or the person
 * turns to something else, so pressing again after a lost connection
 * sends the same request, and the database answers it with the first
 * outcome instead of acting twice.
 */
#include "config.h"
#include "tui.h"

bool ui_confirm_press(struct ui_confirm *c, long long what, int op)
{
	if (c->what == what && c->op == op)
		return true;
	c->what = what;
	c->op = op;
	db_request_key(c->key);
	return false;
}

void ui_confirm_disarm(struct ui_confirm *c)
{
	c->what = 0;
	c->op = 0;
}
