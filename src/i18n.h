/* i18n: gettext for every layer; msgids are English, zh_CN.po translates. */
#ifndef WC_I18N_H
#define WC_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) s

#endif
