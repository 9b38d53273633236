#!/bin/bash
# The walk of walk.sh at 80x24, where room is shortest, pressing on each
# screen every function key its bar offers (but help and the ways out)
# and checking what each shows the same way.
WALK_SIZE="80 24" WALK_FKEYS=1
. "$top_srcdir/tests/e2e/walk.sh"
