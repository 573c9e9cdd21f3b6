int x;
int x;          /* tentative definitions: fine */
int x = 1;
int x = 2;      // expected-error {{redefinition of 'x'}}

long y;
int y;          // expected-error {{redefinition of 'y' with a different type: 'int' vs 'long'}}

int f(int);
long f(int);    // expected-error {{conflicting types for 'f'}}
                // expected-note@-2 {{previous declaration is here}}

typedef int T;
typedef int T;  /* C11: same type again is fine */
typedef long T; // expected-error {{typedef redefinition with different types ('long' vs 'int')}}

int s1;
static int s1;  // expected-error {{static declaration of 's1' follows non-static declaration}}

int body(void) { return 0; } // expected-note {{previous definition is here}}
int body(void) { return 1; } // expected-error {{redefinition of 'body'}}

struct r { int a; };
struct r { int b; };  // expected-error {{redefinition of 'r'}}
                      // expected-note@-2 {{previous definition is here}}

void locals(void) {
  int a;    // expected-note {{previous definition is here}}
  int a;    // expected-error {{redefinition of 'a'}}
  {
    int a;  /* shadows: fine */
  }
}
