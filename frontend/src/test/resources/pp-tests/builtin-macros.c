// __LINE__ is the line of the outermost macro use; __COUNTER__ counts; __FILE__ names the presumed file.
__LINE__ __COUNTER__ __COUNTER__ __INCLUDE_LEVEL__
#define L __LINE__
L
// EXPECT: 2 0 1 0 4
#line 100 "renamed.c"
__LINE__ __FILE__ __FILE_NAME__
// EXPECT: 100 "renamed.c" "renamed.c"
#define AT(x) x __LINE__
AT(a
   b
  )
// EXPECT: a b 105
