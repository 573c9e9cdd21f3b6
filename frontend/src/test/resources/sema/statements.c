void loops(int n) {
  break;      // expected-error {{'break' statement not in loop or switch statement}}
  continue;   // expected-error {{'continue' statement not in loop statement}}
  for (int i = 0; i < n; i++) {
    if (i == 3) continue;
    if (i == 5) break;
  }
  switch (n) {
  case 1:
  case 2:
    break;
  case 1:     // expected-error {{duplicate case value '1'}}
    break;
  default:
    break;
  }
  goto out;
out:
  goto nowhere; // expected-error {{use of undeclared label 'nowhere'}}
}

void notswitch(void) {
  case 3: ;   // expected-error {{'case' statement not in switch statement}}
}

struct s { int a; };
void cond(struct s v) {
  if (v) {}   // expected-error {{statement requires expression of scalar type ('struct s' invalid)}}
}

int stmt_expr(int v) {
  int a = ({ int t = v * 2; t + 1; });
  _Bool b = ({ __label__ done; _Bool r = 0; if (v) goto done; r = 1; done: r; });
  return a + b;
}
