package dev.jbpfc.frontend.pp;

import java.util.Set;

/** The words clang treats as keywords in GNU C mode: {@code __is_identifier(x)} answers 0 for them. */
final class Keywords {
    private static final Set<String> KEYWORDS = Set.of(
            "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
            "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short",
            "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile",
            "while", "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn",
            "_Static_assert", "_Thread_local", "_BitInt", "_Float16", "__int128", "__attribute__", "__attribute",
            "__typeof__", "__typeof", "typeof", "typeof_unqual", "__typeof_unqual__", "__asm__", "__asm", "asm",
            "__inline__", "__inline", "__const__", "__const", "__volatile__", "__volatile", "__restrict__",
            "__restrict", "__signed__", "__signed", "__alignof__", "__alignof", "__extension__", "__label__",
            "__builtin_va_arg", "__builtin_offsetof", "__builtin_types_compatible_p", "__builtin_choose_expr",
            "__real__", "__imag__", "__real", "__imag", "__thread", "__auto_type", "__func__", "__FUNCTION__",
            "__PRETTY_FUNCTION__", "__complex__", "__complex", "_Decimal32", "_Decimal64", "_Decimal128",
            "__builtin_bit_cast", "__builtin_convertvector", "__null", "__unaligned", "__bf16", "__fp16");

    private Keywords() {}

    static boolean isKeyword(String s) { return KEYWORDS.contains(s); }
}
