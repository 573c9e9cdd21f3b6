/* Functions in several sections, static and global subprograms, line info over several lines and columns. */
typedef unsigned int u32;

static __attribute__((noinline)) int helper_static(int a, int b)
{
	if (a > b)
		return a - b;
	return b - a;
}

__attribute__((noinline)) int helper_global(u32 x)
{
	u32 acc = 0;
	for (u32 i = 0; i < 8; i++)
		acc += x >> i;
	return acc;
}

__attribute__((section("socket"))) int first(void *ctx)
{
	int r = helper_static(3, 4);
	r += helper_global(r);
	return r & 1;
}

__attribute__((section("socket"))) int second(void *ctx)
{
	return helper_static(1, 2);
}

__attribute__((section("xdp"))) int third(void *ctx)
{
	return 2;
}

char _license[] __attribute__((section("license"))) = "GPL";
