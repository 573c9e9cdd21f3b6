// A macro's own name in its expansion is painted and never expands again (C11 6.10.3.4p2), even when it is
// later passed through another macro.
#define foo foo
#define bar baz bar
#define baz bar
foo bar
// EXPECT: foo bar bar
#define f(x) x f
f(1)(2)
// EXPECT: 1 f ( 2 )
#define g(x) h(x)
#define h(x) g
#define again(x) x
again(g(1)(2))
// EXPECT: g ( 2 )
#define lparen (
#define call(m) m lparen 3)
#define id(x) x
call(id)
// EXPECT: id ( 3 )
// C11 6.10.3.5 EXAMPLE 3, the first line.
#define x 3
#define ff(a) ff(x * (a))
#undef x
#define x 2
#define gg ff
#define z z[0]
#define m(a) a(w)
#define w 0,1
ff(y+1) + ff(ff(z)) % gg(x + (3,4)-w) | m(ff)
// EXPECT: ff ( 2 * ( y + 1 ) ) + ff ( 2 * ( ff ( 2 * ( z [ 0 ] ) ) ) ) % ff ( 2 * ( 2 + ( 3 , 4 ) - 0 , 1 ) ) | ff ( 2 * ( 0 , 1 ) )
