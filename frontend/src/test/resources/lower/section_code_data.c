// A section holds code or data, not both: a variable in the section jbpfc puts functions in (.text), or a function
// in the section it puts variables in (.data), is an error (CorpusMutationTest found the ELF writer throwing on it).
int x __attribute__((section(".text"))) = 1;
int p(void *ctx) { return x; }
int y = 1;
__attribute__((section(".data"))) int q(void *ctx) { return y; }
// expected-error: variable 'x' is in section '.text', which holds functions
// expected-error: variable 'y' is in section '.data', which holds functions
