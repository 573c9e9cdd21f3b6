/* Which structs clang emits as FWD (see package-info), and an incomplete enum (ENUM of size 0). */
struct a { int x; };
struct b { struct a *pa; int y; };
struct c { int z; };
struct d { struct c *pc; };
struct e { int w; };
struct b gb;
int f(struct d *pd) { return 0; }
int g(struct d *pd) { return pd->pc->z; }
typedef struct e e_t;
struct h { e_t *pe; };
struct h gh;
enum Z;
struct k { enum Z *pz; int v; };
struct k gk;
