// # and ## (C11 6.10.3.2, 6.10.3.3): spelling with single spaces and escapes, unexpanded operands,
// placemarkers for empty arguments, and pasting into punctuators and numbers.
#define str(x) #x
#define xstr(x) str(x)
#define V 42
str( a  +  "b\n" '\'' c
 d ) str() str(V) xstr(V)
// EXPECT: "a + \"b\\n\" '\\'' c d" "" "V" "42"
#define cat(a, b) a ## b
#define xcat(a, b) cat(a, b)
cat(1, 2) cat(, x) cat(x, ) cat(,) cat(+, +) cat(-, >) cat(<<, =) cat(V, V) xcat(V, V) cat(0x, 1f)
// EXPECT: 12 x x ++ -> <<= VV 4242 0x1f
#define three(a, b, c) a ## b ## c
three(x, , z) three(, , z) three(1, 2, 3)
// EXPECT: xz z 123
#define sec(n) __attribute__((section(#n)))
sec(.maps) sec(license)
// EXPECT: __attribute__ ( ( section ( ".maps" ) ) ) __attribute__ ( ( section ( "license" ) ) )
#define bad(a, b) a ## b
bad(+, -)
// EXPECT: + -
// DIAG: error: pasting formed '+-', an invalid preprocessing token
