package dev.jbpfc.frontend.ast;

import dev.jbpfc.source.SourceLocation;

/** Every AST node knows where it starts in the source. */
public interface Node {
    SourceLocation loc();
}
