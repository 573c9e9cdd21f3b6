/*
 * The token vocabulary of CParser. jbpfc never runs this lexer: the preprocessor hands the parser its own tokens,
 * and dev.jbpfc.frontend.parse maps each one to a token type through the literal names this grammar declares
 * (keyword and punctuator text -> type). The rules below exist so that CParser can write 'struct' and ';' and so
 * that ANTLR numbers those tokens; the catch-all rules at the end keep the grammar a valid lexer.
 */
lexer grammar CLexer;

tokens { TYPEDEF_NAME }

// C11 keywords
AUTO: 'auto'; BREAK: 'break'; CASE: 'case'; CHAR: 'char'; CONST: 'const'; CONTINUE: 'continue';
DEFAULT: 'default'; DO: 'do'; DOUBLE: 'double'; ELSE: 'else'; ENUM: 'enum'; EXTERN: 'extern'; FLOAT: 'float';
FOR: 'for'; GOTO: 'goto'; IF: 'if'; INLINE: 'inline'; INT: 'int'; LONG: 'long'; REGISTER: 'register';
RESTRICT: 'restrict'; RETURN: 'return'; SHORT: 'short'; SIGNED: 'signed'; SIZEOF: 'sizeof'; STATIC: 'static';
STRUCT: 'struct'; SWITCH: 'switch'; TYPEDEF: 'typedef'; UNION: 'union'; UNSIGNED: 'unsigned'; VOID: 'void';
VOLATILE: 'volatile'; WHILE: 'while';
ALIGNAS: '_Alignas'; ALIGNOF: '_Alignof'; ATOMIC: '_Atomic'; BOOL: '_Bool'; COMPLEX: '_Complex';
GENERIC: '_Generic'; NORETURN: '_Noreturn'; STATIC_ASSERT: '_Static_assert'; THREAD_LOCAL: '_Thread_local';
FLOAT16: '_Float16';
STATIC_ASSERT_C23: 'static_assert';

// GNU and clang spellings
ATTRIBUTE: '__attribute__'; ATTRIBUTE2: '__attribute';
ASM: 'asm'; ASM2: '__asm__'; ASM3: '__asm';
TYPEOF: 'typeof'; TYPEOF2: '__typeof__'; TYPEOF3: '__typeof';
TYPEOF_UNQUAL: 'typeof_unqual'; TYPEOF_UNQUAL2: '__typeof_unqual__'; TYPEOF_UNQUAL3: '__typeof_unqual';
AUTO_TYPE: '__auto_type'; EXTENSION: '__extension__';
RESTRICT2: '__restrict'; RESTRICT3: '__restrict__';
VOLATILE2: '__volatile__'; VOLATILE3: '__volatile';
CONST2: '__const__'; CONST3: '__const';
SIGNED2: '__signed__'; SIGNED3: '__signed';
INLINE2: '__inline__'; INLINE3: '__inline';
ALIGNOF2: '__alignof__'; ALIGNOF3: '__alignof';
INT128: '__int128'; THREAD: '__thread'; LABEL: '__label__';
BUILTIN_OFFSETOF: '__builtin_offsetof'; BUILTIN_VA_ARG: '__builtin_va_arg';
BUILTIN_CHOOSE_EXPR: '__builtin_choose_expr'; BUILTIN_TYPES_COMPATIBLE_P: '__builtin_types_compatible_p';

// punctuators (digraphs are mapped onto these by text in the token adapter)
LBRACKET: '['; RBRACKET: ']'; LPAREN: '('; RPAREN: ')'; LBRACE: '{'; RBRACE: '}';
DOT: '.'; ARROW: '->'; INC: '++'; DEC: '--'; AMP: '&'; STAR: '*'; PLUS: '+'; MINUS: '-'; TILDE: '~';
BANG: '!'; SLASH: '/'; PERCENT: '%'; SHL: '<<'; SHR: '>>'; LT: '<'; GT: '>'; LE: '<='; GE: '>='; EQ: '==';
NE: '!='; CARET: '^'; PIPE: '|'; ANDAND: '&&'; OROR: '||'; QUESTION: '?'; COLON: ':'; SEMI: ';';
ELLIPSIS: '...'; ASSIGN: '='; MUL_ASSIGN: '*='; DIV_ASSIGN: '/='; MOD_ASSIGN: '%='; ADD_ASSIGN: '+=';
SUB_ASSIGN: '-='; SHL_ASSIGN: '<<='; SHR_ASSIGN: '>>='; AND_ASSIGN: '&='; XOR_ASSIGN: '^='; OR_ASSIGN: '|=';
COMMA: ',';

IDENTIFIER: [a-zA-Z_$] [a-zA-Z_$0-9]*;
NUMBER: '.'? [0-9] [a-zA-Z0-9_.]*;
CHAR_LITERAL: [LuU]? '\'' (~['\\\r\n] | '\\' .)* '\'';
STRING_LITERAL: ('u8' | [LuU])? '"' (~["\\\r\n] | '\\' .)* '"';
WS: [ \t\r\n]+ -> skip;
OTHER: .;
