// A named section holds code or data, not both (reduced from a CorpusMutationTest mutant of strncmp_bench.c that
// moved a SEC("...") line onto a variable: the ELF writer threw "section ... is CODE, not DATA").
long hits __attribute__((section("tp/a"))) = 0; // expected-note {{declared here}}
__attribute__((section("tp/a"))) int prog(void *ctx) { return hits; } // expected-error {{'prog' causes a section type conflict with 'hits'}}

__attribute__((section("tp/b"))) int prog_b(void *ctx) { return 0; } // expected-note {{declared here}}
__attribute__((section("tp/b"))) const volatile int limit = 3; // expected-error {{'limit' causes a section type conflict with 'prog_b'}}

__attribute__((section("tp/c"))) int prog_c(void *ctx); // expected-note {{declared here}}
__attribute__((section("tp/c"))) long later; // expected-error {{'later' causes a section type conflict with 'prog_c'}}

/* Code with code and data with data share a section. */
__attribute__((section("xdp"))) int x1(void *ctx) { return 1; }
__attribute__((section("xdp"))) int x2(void *ctx) { return 2; }
__attribute__((section(".data.a"))) int d1 = 1;
__attribute__((section(".data.a"))) int d2 = 2;
extern int e __attribute__((section("xdp")));
