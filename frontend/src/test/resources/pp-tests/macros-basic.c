// Object-like and function-like macros, nested expansion, arguments expanded before substitution.
#define ONE 1
#define TWO ONE + ONE
#define add(a, b) ((a) + (b))
#define twice(x) add(x, x)
TWO add(ONE, 2) twice(TWO)
// EXPECT: 1 + 1 ( ( 1 ) + ( 2 ) ) ( ( 1 + 1 ) + ( 1 + 1 ) )
#define f(x) [x]
f() f(()) f((a, b)) f
(z) f ;
// EXPECT: [ ] [ ( ) ] [ ( a , b ) ] [ z ] f ;
#define EMPTY
a EMPTY b
// EXPECT: a b
#undef ONE
ONE
// EXPECT: ONE
