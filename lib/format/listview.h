/* The view of dtw list: one row per newsletter issue, as aligned text or
 * as a JSON array. */
#ifndef DTW_LISTVIEW_H
#define DTW_LISTVIEW_H

#include <stdio.h>

#include "catalog/catalog.h"

/* Writes rows[0..n) to `f`, as JSON when `json`. */
void dtw_list_view_write(FILE *f, const struct dtw_list_row *rows, size_t n, int json);

#endif
