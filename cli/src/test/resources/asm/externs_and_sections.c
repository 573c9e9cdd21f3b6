// Round trip of what the language-coverage programs do not have: weak and strong extern functions and
// variables (their bindings and their place among the symbols), a section name holding "//", a static function
// called across sections and its address taken, a static variable and a pointer in data (.quad).
extern int weak_fn(int) __attribute__((weak));
extern int strong_fn(int);
extern int weak_var __attribute__((weak));
extern int strong_var;
int defined_var = 5;
static int static_var = 7;
static int *ptr = &static_var;
static __attribute__((noinline)) int helper(int x) { return x * 3 + static_var; }
__attribute__((section("uprobe//proc/self/exe:trigger"))) int probe(void *ctx)
{
    static int (*volatile f)(int) = helper;
    if (weak_fn)
        return weak_fn(1) + strong_fn(2) + weak_var + strong_var + *ptr + (f != 0);
    return helper(defined_var);
}
__attribute__((section("xdp"))) int prog(void *ctx) { return helper(static_var); }
