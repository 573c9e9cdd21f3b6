/* Two warnings clang-22 gives by default, both extension warnings (-pedantic-errors makes them errors). */
struct s { int a; int m; };

/* -Wgnu-folding-constant, in the -Wgnu group: an offsetof-like size folded to a constant. */
int folded[(unsigned long)&((struct s *)0)->m];

/* -Wpointer-sign */
int read_signed(unsigned int *p)
{
	int *q = p;
	return *q;
}
