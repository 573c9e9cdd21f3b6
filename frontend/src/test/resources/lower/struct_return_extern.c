// A struct returned by an extern function (or kfunc, or helper) stays unsupported.
struct small { int a, b; };
extern struct small get(int x);
int use(int x) { return get(x).a; }
// expected-error: returning 'struct small' by value is not supported yet
