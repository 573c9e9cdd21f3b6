// Expanded arguments are shared, not copied, as they nest (ExpandedTokens): what comes out must stay what C11
// 6.10.3 and clang-22 give. Each EXPECT is clang-22's -E of the lines above it.
#define ID(x) x
#define F(x) (x+1)
ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(7))))))))))))))))))))))))))))))))))
F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(F(a))))))))))))))))))))))))))))))))))))
// EXPECT: 7 ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( a + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 ) + 1 )
// Blue paint survives a shared expansion; a function-like name that ends one meets the '(' after it.
#define foo foo
ID(ID(ID(ID(foo)))) ID( ID(foo) )
#define g(y) [y]
ID(ID(ID(g)))(2) ID(ID(ID(g)) (3))
// EXPECT: foo foo [ 2 ] [ 3 ]
// Stringifying and pasting read the spaces and tokens of shared expansions.
#define STR(x) #x
#define XSTR(x) STR(x)
XSTR(ID( ID(a)+ID( b ))) XSTR(F(F(F( z )))) XSTR( ID(ID( a )) ID(ID(b))c )
#define CAT(a,b) a##b
#define XCAT(a,b) CAT(a,b)
XCAT(ID(ID(x)), ID(ID(1))) XCAT(ID(F(q)+), ID(ID(=w)))
// EXPECT: "a+b" "(((z+1)+1)+1)" "a bc" x1 ( q + 1 ) += w
// __VA_OPT__ and GNU's ", ## __VA_ARGS__" around shared expansions.
#define P(...) __VA_OPT__(__VA_ARGS__) ## _end
P(ID(ID(a))) P() P(ID(ID(b c)))
#define V(a, ...) a __VA_OPT__(ID(__VA_ARGS__) [a])
V(ID(ID(c)), ID(ID(d))) V(ID(c))
#define E(fmt, ...) f(fmt, ## __VA_ARGS__)
E(ID(ID(x))) E(ID(a), ID(ID(b)))
// EXPECT: a_end _end b c_end c d [ c ] c f ( x ) f ( a , b )
// Arguments over several lines, nested commas.
ID(
ID(
ID(1) + ID(
2)))
#define Q(a,b) (a,b)
Q(Q(1,2),Q(3,Q(4,ID(ID(5)))))
// EXPECT: 1 + 2 ( ( 1 , 2 ) , ( 3 , ( 4 , 5 ) ) )
// A name painted inside a shared expansion stays painted when a '(' follows it later.
#define f(...) __VA_ARGS__ , h
#define h(a) a(5)
f(f)(1) ID(ID(f(f)))(2)
#define OBJ ID(ID(ID(o)))
ID(OBJ) ID( OBJ)ID(OBJ )
#define lp (
#define call(m) m lp 3)
call(ID(ID(ID)))
// EXPECT: f , 1 ( 5 ) f , 2 ( 5 ) o o o ID ( 3 )
// Arguments read from an expansion take its shared pieces whole: forwarding macros, stringified and pasted.
#define G(x) ID(x)+1
G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(G(a))))))))))))))))))))))))))))))))))
#define SG(x) XSTR(G(x))
SG(SG(ID( b )c))
#define CG(x, y) XCAT(G(x), y)
CG(CG(d, e), f)
// EXPECT: a + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 "\"bc+1\"+1" d + 1e + 1f
