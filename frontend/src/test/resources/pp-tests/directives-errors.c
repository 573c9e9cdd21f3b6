// Bad directives are reported clang's way; #error is an error, #warning a warning; preprocessing goes on.
#foo
#define
#define 3
#define f(a, a) a
#define g(a
#define h(x) #y
#define k ## x
#error stop here
#warning careful
#define R 1
#define R 2
f(1, 2, 3)
#define two(a, b) a b
two(1)
last
// EXPECT: f ( 1 , 2 , 3 ) two last
// DIAG: directives-errors.c:2:2: error: invalid preprocessing directive
// DIAG: error: macro name missing
// DIAG: error: macro name must be an identifier
// DIAG: error: duplicate macro parameter name 'a'
// DIAG: error: expected comma in macro parameter list
// DIAG: error: '#' is not followed by a macro parameter
// DIAG: error: '##' cannot appear at start of macro expansion
// DIAG: directives-errors.c:7:15: error: '#' is not followed
// DIAG: directives-errors.c:15:6: error: too few arguments
// DIAG: directives-errors.c:9:2: error: stop here
// DIAG: directives-errors.c:10:2: warning: careful [-W#warnings]
// DIAG: warning: 'R' macro redefined [-Wmacro-redefined]
// DIAG: note: previous definition is here
