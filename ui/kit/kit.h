/*
 * kit: what every screen is built from — the view stack and its context,
 * drawing by display columns, and the widgets. Screens include this one
 * header; the kit includes no screen's.
 */
#ifndef WC_UI_KIT_KIT_H
#define WC_UI_KIT_KIT_H

#include "ui/kit/view.h"
#include "ui/kit/draw.h"
#include "ui/kit/menu.h"
#include "ui/kit/field.h"
#include "ui/kit/form.h"
#include "ui/kit/pager.h"
#include "ui/kit/list.h"
#include "ui/kit/confirm.h"
#include "ui/kit/steps.h"
#include "ui/kit/reason.h"
#include "ui/kit/checks.h"
#include "ui/kit/lists.h"
#include "ui/kit/side_list.h"
#include "ui/kit/text_view.h"
#include "ui/kit/export.h"

#endif
