// A named operand that does not exist is an error, not text for the assembler.
void f(int a) {
    asm volatile("r0 = %[b]" :: [a]"r"(a));
}
// expected-error: no operand named 'b'
