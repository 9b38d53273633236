/* rows_check: what a table read from a file (test_csv.c, test_xlsx_read.c) must hold. */
#ifndef WC_TESTS_ROWS_CHECK_H
#define WC_TESTS_ROWS_CHECK_H

#include <check.h>

#include "core/csv.h"

/* The expected fields of a row: FIELDS("a", "b") gives the array and its count. */
#define FIELDS(...)                                                                                \
	((const char *[]){ __VA_ARGS__ }),                                                         \
		(sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(const char *))

static inline void check_row(const struct csv_table *t, size_t i, size_t line, const char **want,
			     size_t n)
{
	ck_assert_uint_lt(i, t->nrows);
	ck_assert_uint_eq(t->rows[i].line, line);
	ck_assert_uint_eq(t->rows[i].nfields, n);
	for (size_t j = 0; j < n; j++)
		ck_assert_str_eq(t->rows[i].fields[j], want[j]);
}

#endif
