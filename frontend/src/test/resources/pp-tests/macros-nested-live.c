// A function-like macro's name that no '(' follows stays in an expanded argument (ExpandedTokens.quiet): such
// arguments are taken whole, all but a live last token, which may still meet a '(' from outside (issue 14).
// Each EXPECT is clang-22's -E of the lines above it.
#define ID(x) x
#define G(y) [y]
#define F(x) x G
#define B(x) G x
#define H G
#define O(x) (x H)
F(F(F(F(a)))) B(B(B(B(b)))) O(O(O(c)))
ID(F(F(F(a)))(1)) ID(B(B(B((b))))) ID(O(O(c))(2))
F(F(a))(3) ID(ID(F(F(F(a)))) (4))
// EXPECT: a G G G G G G G G b ( ( ( c G ) G ) G ) a G G [ 1 ] G G [ b ] ( ( c G ) G ) ( 2 ) a G [ 3 ] a G G [ 4 ]
// Inside G's own expansion its name is painted, in a shared expansion too.
#define GG(y) ID(y)
GG(F(F(a)))(5) GG(F(F(a))(6)) G(F(F(ID(G))))(7)
#define R(x) x R
R(R(R(r)))(1) ID(R(R(r))(2))
#define T(x) x T G
T(T(T(t)))(1) ID(T(T(T(t)))(2)) G(T(T(t)))(3)
// EXPECT: a G [ 5 ] a G [ 6 ] [ G G G ] ( 7 ) r R R R ( 1 ) r R R ( 2 ) t T G T G T [ 1 ] t T G T G T [ 2 ] [ t T G T
// EXPECT: G ] ( 3 )
// A name followed by a shared expansion: called when the expansion starts with '(', else left.
#define CALL(f, a) f a
CALL(G, ID((1))) CALL(G, ID(x)) CALL(ID(G), ID(ID((2)))) CALL(F(F(G)), (9))
#define LP (
#define LC(m) m LP 3)
LC(F(F(G))) ID(LC(F(G)))
F(F(
a))
(4)
// EXPECT: [ 1 ] G x [ 2 ] G G [ 9 ] G G G ( 3 ) G [ 3 ] a G [ 4 ]
// Expansions with commas outside parentheses are taken whole into variable arguments only.
#define C(...) __VA_ARGS__, 1
#define Q(...) P(__VA_ARGS__)
#define P(x, y) [x|y]
#define V(x, ...) {x} <__VA_ARGS__>
#define Q2(...) V(__VA_ARGS__)
Q(C(a)) Q2(z, C(C(a))) Q2(C(C(a))) Q2(C(F(F(G))), C(C(G))) (8)
#define S(...) #__VA_ARGS__
#define XS(...) S(__VA_ARGS__)
XS(C(C(a))) XS(F(F(F(q)))) XS(C( F(F( a )) ))
#define VO(x, ...) x __VA_OPT__(<__VA_ARGS__>)
VO(C(C(a))) VO(z, C(F(G))) ID(VO(z, C(F(G))))(3)
#define CAT(a, b) a ## b
#define XCAT(a, b) CAT(a, b)
XCAT(F(F(x)), y) XCAT(y, F(F(x)))
// EXPECT: [ a | 1 ] { z } < a , 1 , 1 > { a } < 1 , 1 > { G G G } < 1 , G , 1 , 1 > ( 8 ) "a, 1, 1" "q G G G"
// EXPECT: "a G G, 1" a , 1 , 1 z < G G , 1 > z < G G , 1 > ( 3 ) x G Gy yx G G
// More live macros than a shared expansion keeps track of.
#define K(x) x K1 K2 K3 K4 K5
#define K1(x) 1
#define K2(x) 2
#define K3(x) 3
#define K4(x) 4
#define K5(x) 5
K(K(K(k)))(x) ID(K(K(k))(y))
// EXPECT: k K1 K2 K3 K4 K5 K1 K2 K3 K4 K5 K1 K2 K3 K4 5 k K1 K2 K3 K4 K5 K1 K2 K3 K4 5
// Live names of five macros in one expansion: K2's are painted inside K2's own expansion (the '(' that P2 puts
// after them later does not call K2), and only there.
#undef K2
#define KP(x) x K1 K3 K4 K5 K2, z
#define K2(...) IDV(__VA_ARGS__)
#define IDV(...) __VA_ARGS__
#define P2(x, ...) x(__VA_ARGS__)
#define OUT(...) P2(__VA_ARGS__)
OUT(K2(KP(k))) OUT(K2(KP(KP(k)))) OUT(KP(KP(k)))
// EXPECT: k K1 K3 K4 K5 K2 ( z ) k K1 K3 K4 K5 K2 ( z K1 K3 K4 K5 K2 , z ) k K1 K3 K4 K5 z K1 K3 K4 K5 K2 , z
// A deferred call (DEFER(DG)(1)) makes an expansion not quiet: the tokens before it are kept as a quiet tree of
// their own, taken whole by the next rescan, which makes the call; commas and parentheses in that tree.
#define EMPTY()
#define DEFER(m) m EMPTY()
#define DG(y) (y+1)
#define DT(x) x DEFER(DG)(1)
ID(DT(DT(a))) DT(DT(DT(a)))
#define DTC(x) x, DEFER(DG)(2)
#define DP3(a, ...) <a|__VA_ARGS__>
#define DAPPLY(m, ...) m(__VA_ARGS__)
DAPPLY(DP3, DTC(DTC(a))) DAPPLY(DP3, ID(DTC(DTC(a))))
#define DRP )
#define DTU(x) x DRP DEFER(DG)(3)
#define DWRAP(x) ID(x)
DWRAP(DTU(DTU(b))) ID(ID(DTU(DTU(b))))
#define DTL(x) x DEFER(DG)
DTL(DTL(c))(4) ID(DTL(DTL(c))(5))
// EXPECT: a ( 1 + 1 ) ( 1 + 1 ) a ( 1 + 1 ) ( 1 + 1 ) DG ( 1 ) < a | ( 2 + 1 ) , ( 2 + 1 ) > < a | ( 2 + 1 ) ,
// EXPECT: ( 2 + 1 ) > b ( 3 + 1 ) ) ( 3 + 1 ) ) b ) ( 3 + 1 ) ) ( 3 + 1 ) c DG DG ( 4 ) c DG ( 5 + 1 )
// Each rescan makes one more deferred call (the step of recursive preprocessor metaprogramming): a quiet prefix
// taken whole must still leave its live last token to meet the '(' after it, or a rescan would make no step.
#define STEP_I() STEP
#define STEP(x) x DEFER(STEP_I)()(x)
ID(ID(ID(STEP(s)))) ID(ID(ID(ID(STEP(STEP(t))))))
#define W(x) x x DEFER(STEP_I)()(w)
ID(ID(W(W(u))))
// EXPECT: s s s s STEP_I ( ) ( s ) t STEP ( t ) t STEP ( t ) t STEP ( t ) t STEP ( t ) t STEP ( t ) STEP_I ( ) ( t
// EXPECT: STEP ( t ) ) u u w w w STEP_I ( ) ( w ) u u w w w STEP_I ( ) ( w ) w w STEP_I ( ) ( w )
// A deferred call at the front: the level around it makes the call with the first tokens of the tree, and takes
// the rest of the tree whole unless a live name in it belongs to a disabled macro (QQ's, inside QQ's expansion).
#define LD(x) DEFER(DG)(1) x QQ, z
#define QQ(...) IDV(__VA_ARGS__)
OUT(QQ(LD(a))) OUT(LD(a)) OUT(QQ(ID(LD(LD(a)))))
#define LCM(x) DEFER(DG)(2) x, y
DAPPLY(DP3, ID(LCM(LCM(a)))) DAPPLY(DP3, LCM(LCM(LCM(a))))
#define LU(x) DEFER(DG)(3) x DRP
DWRAP(LU(LU(b))) ID(ID(LU(LU(b))))
// EXPECT: ( 1 + 1 ) a QQ ( z ) ( 1 + 1 ) a z ( 1 + 1 ) ( 1 + 1 ) a QQ ( z QQ , z ) < ( 2 + 1 ) ( 2 + 1 ) a | y , y >
// EXPECT: < ( 2 + 1 ) ( 2 + 1 ) ( 2 + 1 ) a | y , y , y > ( 3 + 1 ) ( 3 + 1 ) b ) ) ( 3 + 1 ) ( 3 + 1 ) b ) )
