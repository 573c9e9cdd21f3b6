struct inner { int x; };
struct s {
  int a;
  union {
    long u;
    struct { char c1, c2; };
  };
  struct inner in;
};
struct fwd;

int ok(struct s *p, struct s v) {
  return p->a + v.a + p->c2 + v.u + p->in.x;
}

int bad(struct s *p, struct s v, int i, struct fwd *f) {
  int r = p->nope;   // expected-error {{no member named 'nope' in 'struct s'}}
  r += p.a;          // expected-error {{member reference type 'struct s *' is a pointer; did you mean to use '->'?}}
  r += v->a;         // expected-error {{member reference type 'struct s' is not a pointer; did you mean to use '.'?}}
  r += i.a;          // expected-error {{member reference base type 'int' is not a structure or union}}
  r += f->x;         // expected-error {{incomplete definition of type 'struct fwd'}}
  const struct s *cp = p;
  r += cp->gone;     // expected-error {{no member named 'gone' in 'struct s'}}
  r += *&p->nope2;   // expected-error {{no member named 'nope2' in 'struct s'}}
  return r;
}
