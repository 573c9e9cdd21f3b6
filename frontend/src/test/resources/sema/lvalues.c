struct bits { unsigned a : 3; int b; };
struct fwd;
int f(void);
void test(struct bits *p, int i, const int *cp, struct fwd *fp) {
  int *q = &p->a;       // expected-error {{address of bit-field requested}}
  int *r = &(i + 1);    // expected-error {{cannot take the address of an rvalue of type 'int'}}
  *cp = 3;              // expected-error {{read-only variable is not assignable}}
  f() = 2;              // expected-error {{expression is not assignable}}
  i++;
  p->b += 2;
  (void)sizeof(struct fwd); // expected-error {{invalid application of 'sizeof' to an incomplete type 'struct fwd'}}
  (void)*i;             // expected-error {{indirection requires pointer operand ('int' invalid)}}
  (void)(struct bits)*p;
  (void)(int)*p;        // expected-error {{operand of type 'struct bits' where arithmetic or pointer type is required}}
  (void)(struct bits)i; // expected-error {{used type 'struct bits' where arithmetic or pointer type is required}}
  (void)i[i];           // expected-error {{subscripted value is not an array, pointer, or vector}}
  (void)(p + p);        // expected-error {{invalid operands to binary expression ('struct bits *' and 'struct bits *')}}
  long d = p - p;
  int arr[4];
  arr = 0;              // expected-error {{array type 'int[4]' is not assignable}}
  int *e = arr + 2;
  e = 3[arr] ? e : 0;
  void *v = fp;
  v += 1;
}
