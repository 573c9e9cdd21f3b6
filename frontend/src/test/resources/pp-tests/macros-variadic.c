// Variadic macros: __VA_ARGS__, GNU named variadics, the GNU ", ## __VA_ARGS__" comma elision (the comma goes
// when the variable arguments are omitted, not when they are present but empty), and __VA_OPT__.
#define g(x, ...) <x, ## __VA_ARGS__>
g(1) g(1,) g(1, 2, 3)
// EXPECT: < 1 > < 1 , > < 1 , 2 , 3 >
#define e(fmt, args...) p(fmt, ##args)
e(1) e(1, 2)
// EXPECT: p ( 1 ) p ( 1 , 2 )
#define only(...) [a, ##__VA_ARGS__]
only() only(b)
// EXPECT: [ a ] [ a , b ]
#define narg(...) nth(_, ##__VA_ARGS__, 2, 1, 0)
#define nth(_, _1, _2, N, ...) N
narg() narg(x) narg(x, y)
// EXPECT: 0 1 2
#define opt(x, ...) x __VA_OPT__(: __VA_ARGS__ ;) end
opt(1) opt(1,) opt(1, 2, 3)
// EXPECT: 1 end 1 end 1 : 2 , 3 ; end
#define va(...) f(__VA_ARGS__)
va() va(a,(b,c),d)
// EXPECT: f ( ) f ( a , ( b , c ) , d )
