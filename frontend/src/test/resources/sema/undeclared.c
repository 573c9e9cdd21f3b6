// Names that do not resolve.
int f(int a) {
  return a + b; // expected-error {{use of undeclared identifier 'b'}}
}

int g(void) {
  return h(1); // expected-error {{call to undeclared function 'h'; ISO C99 and later do not support implicit function declarations}}
}

int k(void) {
  {
    int inner = 1;
  }
  return inner; // expected-error {{use of undeclared identifier 'inner'}}
}

struct stat { int st_size; };
int stat(const char *path, struct stat *buf);  /* tags and ordinary names are separate */
int use_stat(struct stat *s) { return stat("x", s) + s->st_size; }
