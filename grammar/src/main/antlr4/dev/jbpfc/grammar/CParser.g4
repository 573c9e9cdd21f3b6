/*
 * C11 with the GNU and clang extensions that BPF programs, libbpf's headers and vmlinux.h use.
 *
 * The frontend (dev.jbpfc.frontend.parse.Parser) calls externalDeclaration once per top-level declaration, so no
 * tree for a whole file is ever built. Decisions are meant to be LL(1) or close to it, because prediction is where
 * an ANTLR parser spends its time:
 *  - typedef names arrive as their own token type, TYPEDEF_NAME; the token adapter asks the ScopeHooks' scoped table
 *    at the moment a token's type is read, and the actions below tell that table about scopes and declared names;
 *  - a declaration and a function definition share one rule up to the first declarator, so choosing between them
 *    never scans a struct body;
 *  - binary operators are one flat list (binaryExpression); the frontend applies C's precedence while it builds
 *    the AST, so an operand costs one rule invocation instead of a chain of ten;
 *  - a typedef name counts as a type specifier only if no other type specifier came before it in the same
 *    declaration specifiers, which is C's rule and lets `typedef int T; struct s { long T; };` parse.
 */
parser grammar CParser;

options { tokenVocab = CLexer; contextSuperClass = CompactRuleContext; }

@parser::members {
    /** Set by the frontend before parsing: keeps the scoped table of typedef names that classifies identifiers. */
    public ScopeHooks hooks = ScopeHooks.NONE;
}

// ---------------------------------------------------------------------------------------------------------------
// Top level

externalDeclaration
    : EOF
    | ';'
    | staticAssertDeclaration
    | asmDefinition
    | '__extension__'+ externalDeclaration
    | declarationSpecifiers
      ( ';'
      | declarator {hooks.declarator(_localctx);} initDeclaratorRest
        ( functionBody
        | (',' initDeclarator)* ';'
        )
      )
    ;

functionBody
    : '{' {hooks.enterFunctionBody(_localctx);} blockItem* '}' {hooks.exitScope();}
    ;

asmDefinition
    : asmKeyword '(' stringLiteral ')' ';'
    ;

// ---------------------------------------------------------------------------------------------------------------
// Declarations

declaration
    : '__extension__'* declarationSpecifiers (initDeclarator (',' initDeclarator)*)? ';'
    | staticAssertDeclaration
    ;

initDeclarator
    : declarator {hooks.declarator(_localctx);} initDeclaratorRest
    ;

initDeclaratorRest
    : asmLabel? attributeSpecifier* ('=' initializer)?
    ;

asmLabel
    : asmKeyword '(' stringLiteral ')'
    ;

staticAssertDeclaration
    : ('_Static_assert' | 'static_assert') '(' constantExpression (',' stringLiteral)? ')' ';'
    ;

// A typedef name is a type specifier only before any other type specifier (see the file comment).
declarationSpecifiers
    : declarationSpecifierNoType+ typeSpecifierPart?
    | typeSpecifierPart
    ;

typeSpecifierPart
    : TYPEDEF_NAME declarationSpecifierNoType*
    | typeSpecifierKeyword (declarationSpecifierNoType | typeSpecifierKeyword)*
    ;

// Keywords are listed directly rather than through storage-class / qualifier / function-specifier rules: each rule
// invocation costs a context object, and vmlinux.h has a hundred thousand specifiers.
declarationSpecifierNoType
    : 'typedef' | 'extern' | 'static' | 'auto' | 'register' | '_Thread_local' | '__thread'
    | 'const' | '__const__' | '__const'
    | 'volatile' | '__volatile__' | '__volatile'
    | 'restrict' | '__restrict' | '__restrict__'
    | '_Atomic'
    | 'inline' | '__inline__' | '__inline' | '_Noreturn'
    | alignmentSpecifier
    | attributeSpecifier
    ;

typeQualifier
    : 'const' | '__const__' | '__const'
    | 'volatile' | '__volatile__' | '__volatile'
    | 'restrict' | '__restrict' | '__restrict__'
    | '_Atomic'
    ;

alignmentSpecifier
    : '_Alignas' '(' (typeName | constantExpression) ')'
    ;

typeSpecifierKeyword
    : 'void' | 'char' | 'short' | 'int' | 'long' | 'float' | 'double'
    | 'signed' | '__signed__' | '__signed' | 'unsigned'
    | '_Bool' | '_Complex' | '__int128' | '_Float16'
    | structOrUnionSpecifier
    | enumSpecifier
    | typeofSpecifier
    | '_Atomic' '(' typeName ')'
    | '__auto_type'
    ;

typeofSpecifier
    : typeofKeyword '(' (typeName | expression) ')'
    ;

typeofKeyword
    : 'typeof' | '__typeof__' | '__typeof'
    | 'typeof_unqual' | '__typeof_unqual__' | '__typeof_unqual'
    ;

// Attributes right after the closing brace are taken by the enclosing declaration specifiers (taking them here
// too would be an ambiguity that costs a scan of every such attribute); the AST builder gives them to the record.
structOrUnionSpecifier
    : ('struct' | 'union') attributeSpecifier*
      ( identifier? '{' structMember* '}'
      | identifier
      )
    ;

structMember
    : '__extension__'* declarationSpecifiers (fieldDeclarator (',' fieldDeclarator)*)? ';'
    | staticAssertDeclaration
    | ';'
    ;

fieldDeclarator
    : declarator attributeSpecifier* (':' constantExpression attributeSpecifier*)?
    | ':' constantExpression attributeSpecifier*
    ;

enumSpecifier
    : 'enum' attributeSpecifier*
      ( identifier? (':' typeName)? '{' enumerator (',' enumerator)* ','? '}'
      | identifier
      )
    ;

enumerator
    : identifier {hooks.ordinary(_localctx.identifier().start);} attributeSpecifier* ('=' constantExpression)?
    ;

// One declarator rule for named and abstract declarators: the frontend checks that a name is present (or absent)
// where C requires it.
declarator
    : pointer directDeclarator?
    | directDeclarator
    ;

pointer
    : ('*' pointerQualifier*)+
    ;

pointerQualifier
    : typeQualifier
    | attributeSpecifier
    ;

directDeclarator
    : declaratorSuffix+
    | directDeclaratorBase declaratorSuffix*
    ;

// Attributes after a declarator's name belong to what holds the declarator (init-declarator, field, parameter),
// so they are not taken here; those inside parentheses before a nested declarator are the declarator's own.
directDeclaratorBase
    : name=(IDENTIFIER | TYPEDEF_NAME)
    | '(' attributeSpecifier* declarator ')'
    ;

declaratorSuffix
    : '[' arrayQualifier* (assignmentExpression | '*')? ']'
    | '(' parameterTypeList? ')'
    ;

arrayQualifier
    : 'static'
    | typeQualifier
    ;

parameterTypeList
    : parameterDeclaration (',' parameterDeclaration)* (',' '...')?
    | '...'
    ;

parameterDeclaration
    : declarationSpecifiers (declarator attributeSpecifier*)?
    ;

typeName
    : declarationSpecifiers declarator?
    ;

identifier
    : IDENTIFIER
    | TYPEDEF_NAME
    ;

// ---------------------------------------------------------------------------------------------------------------
// Attributes: __attribute__((name, name(args), ...)). Names may be keywords (const, __const__, inline...).

attributeSpecifier
    : ('__attribute__' | '__attribute') '(' '(' attribute? (',' attribute?)* ')' ')'
    ;

attribute
    : attributeName ('(' (attributeArgument (',' attributeArgument)*)? ')')?
    ;

attributeArgument
    : assignmentExpression
    | typeName
    ;

attributeName
    : IDENTIFIER | TYPEDEF_NAME
    | 'const' | '__const__' | '__const' | 'volatile' | '__volatile__' | 'inline' | '__inline__' | '__inline'
    | 'auto' | 'break' | 'case' | 'char' | 'continue' | 'default' | 'do' | 'double' | 'else' | 'enum'
    | 'extern' | 'float' | 'for' | 'goto' | 'if' | 'int' | 'long' | 'register' | 'restrict' | 'return'
    | 'short' | 'signed' | 'sizeof' | 'static' | 'struct' | 'switch' | 'typedef' | 'union' | 'unsigned'
    | 'void' | 'while' | 'asm' | 'typeof' | '_Noreturn' | '__signed__' | '__restrict' | '__restrict__'
    ;

// ---------------------------------------------------------------------------------------------------------------
// Initializers

initializer
    : assignmentExpression
    | initializerList
    ;

initializerList
    : '{' (designatedInitializer (',' designatedInitializer)* ','?)? '}'
    ;

designatedInitializer
    : (designator+ '=')? initializer
    ;

designator
    : '[' constantExpression ('...' constantExpression)? ']'
    | '.' identifier
    ;

// ---------------------------------------------------------------------------------------------------------------
// Statements

compoundStatement
    : '{' {hooks.enterScope();} blockItem* '}' {hooks.exitScope();}
    ;

blockItem
    : statement
    | declaration
    | localLabelDeclaration
    ;

localLabelDeclaration
    : '__label__' identifier (',' identifier)* ';'
    ;

statement
    : compoundStatement                                                    # compoundStmt
    | expression ';'                                                       # expressionStmt
    | ';'                                                                  # nullStmt
    | identifier ':' attributeSpecifier* statement?                        # labelStmt
    | 'case' constantExpression ('...' constantExpression)? ':' statement? # caseStmt
    | 'default' ':' statement?                                             # defaultStmt
    | 'if' '(' expression ')' statement ('else' statement)?                # ifStmt
    | 'switch' '(' expression ')' statement                                # switchStmt
    | 'while' '(' expression ')' statement                                 # whileStmt
    | 'do' statement 'while' '(' expression ')' ';'                        # doStmt
    | 'for' {hooks.enterScope();} '(' (declaration | expression? ';') expression? ';' expression? ')'
      statement {hooks.exitScope();}                                       # forStmt
    | 'goto' identifier ';'                                                # gotoStmt
    | 'goto' '*' expression ';'                                            # indirectGotoStmt
    | 'continue' ';'                                                       # continueStmt
    | 'break' ';'                                                          # breakStmt
    | 'return' expression? ';'                                             # returnStmt
    | asmStatement                                                         # asmStmt
    | attributeSpecifier+ statement                                        # attributedStmt
    ;

asmStatement
    : asmKeyword asmQualifier* '(' stringLiteral
      (':' asmOperands? (':' asmOperands? (':' asmClobbers? (':' asmGotoLabels?)?)?)?)?
      ')' ';'
    ;

asmKeyword
    : 'asm' | '__asm__' | '__asm'
    ;

asmQualifier
    : 'volatile' | '__volatile__' | '__volatile' | 'inline' | '__inline__' | '__inline' | 'goto'
    ;

asmOperands
    : asmOperand (',' asmOperand)*
    ;

asmOperand
    : ('[' identifier ']')? stringLiteral '(' expression ')'
    ;

asmClobbers
    : stringLiteral (',' stringLiteral)*
    ;

asmGotoLabels
    : identifier (',' identifier)*
    ;

// ---------------------------------------------------------------------------------------------------------------
// Expressions

expression
    : assignmentExpression (',' assignmentExpression)*
    ;

// `a = b` is parsed as conditional-expression assignment-operator assignment-expression; sema checks that the
// left side is an lvalue (C's grammar asks for a unary-expression, which would need unbounded lookahead here).
assignmentExpression
    : conditionalExpression (assignmentOperator assignmentExpression)?
    ;

assignmentOperator
    : '=' | '*=' | '/=' | '%=' | '+=' | '-=' | '<<=' | '>>=' | '&=' | '^=' | '|='
    ;

conditionalExpression
    : binaryExpression ('?' expression? ':' conditionalExpression)?
    ;

constantExpression
    : conditionalExpression
    ;

// Operands and operators in source order; the frontend builds the tree by precedence.
binaryExpression
    : castExpression (binaryOperator castExpression)*
    ;

binaryOperator
    : '*' | '/' | '%' | '+' | '-' | '<<' | '>>' | '<' | '>' | '<=' | '>=' | '==' | '!=' | '&' | '^' | '|'
    | '&&' | '||'
    ;

castExpression
    : '(' typeName ')' (castExpression | initializerList postfixSuffix*)
    | unaryExpression
    ;

unaryExpression
    : primaryExpression postfixSuffix*                                       # postfixUnary
    | ('++' | '--') unaryExpression                                          # incDecUnary
    | ('&' | '*' | '+' | '-' | '~' | '!') castExpression                     # operatorUnary
    | '__extension__' castExpression                                         # extensionUnary
    | 'sizeof' '(' typeName ')' (initializerList postfixSuffix*)?            # sizeofTypeUnary
    | 'sizeof' unaryExpression                                               # sizeofExprUnary
    | alignofKeyword '(' typeName ')'                                        # alignofTypeUnary
    | alignofKeyword unaryExpression                                         # alignofExprUnary
    | '&&' identifier                                                        # labelAddressUnary
    ;

alignofKeyword
    : '_Alignof' | '__alignof__' | '__alignof'
    ;

postfixSuffix
    : '[' expression ']'
    | '(' (assignmentExpression (',' assignmentExpression)*)? ')'
    | ('.' | '->') identifier
    | '++'
    | '--'
    ;

primaryExpression
    : IDENTIFIER                                                                            # identifierPrimary
    | NUMBER                                                                                # numberPrimary
    | CHAR_LITERAL                                                                          # charPrimary
    | stringLiteral                                                                         # stringPrimary
    | '(' expression ')'                                                                    # parenPrimary
    | '(' compoundStatement ')'                                                             # statementExprPrimary
    | '_Generic' '(' assignmentExpression (',' genericAssociation)+ ')'                     # genericPrimary
    | '__builtin_va_arg' '(' assignmentExpression ',' typeName ')'                          # vaArgPrimary
    | '__builtin_offsetof' '(' typeName ',' offsetofMember ')'                              # offsetofPrimary
    | '__builtin_choose_expr' '(' assignmentExpression ',' assignmentExpression ','
      assignmentExpression ')'                                                              # chooseExprPrimary
    | '__builtin_types_compatible_p' '(' typeName ',' typeName ')'                          # typesCompatiblePrimary
    ;

genericAssociation
    : (typeName | 'default') ':' assignmentExpression
    ;

offsetofMember
    : identifier ('.' identifier | '[' expression ']')*
    ;

stringLiteral
    : STRING_LITERAL+
    ;
