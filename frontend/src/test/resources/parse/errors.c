int ok1;
foo x; // expected-error {{unknown type name 'foo'}}
int ok2;
int f(void)
{
    int a = 1
    return a; // expected-error@-1 {{expected ';' at end of declaration}}
}
int g(void)
{
    g() // expected-error {{expected ';' after expression}}
}
int h(void) { return (1 + ; } // expected-error {{expected expression}}
int k(void) { return g(1, 2; } // expected-error {{expected ')'}}
struct s { int a; } v // expected-error {{expected ';' after top level declarator}}
int after;
int m(void) { return 0 } // expected-error {{expected ';' after return statement}}
int p(struct s *q) { return q->; } // expected-error {{expected identifier}}
// Parsing goes on after each error:
int last;
// CHECK: Declarator 'ok1'
// CHECK: Declarator 'ok2'
// CHECK: Declarator 'last'
int q(int a) { if a) return 1; return 0; } // expected-error {{expected '(' after 'if'}}
} // expected-error {{extraneous closing brace ('}')}}
int r(int a) { return (a + 1; } // expected-error {{expected ')'}}
int s1(void) { int x = 1 int y; } // expected-error {{expected ';' at end of declaration}}
static bar y; // expected-error {{unknown type name 'bar'}}
int t1(void) { baz z = 0; return 0; } // expected-error {{unknown type name 'baz'}}
qux *pq; // expected-error {{unknown type name 'qux'}}
struct missing_semi { int a; } // expected-error {{expected ';' after struct}}
int after_struct;
int conflict_words; long struct conflict_tag *cp; // expected-error {{cannot combine with previous 'long' declaration specifier}}
