package dev.jbpfc.cli;

import dev.jbpfc.loophints.FunctionCode;
import dev.jbpfc.loophints.FunctionReport;
import java.io.PrintStream;
import java.util.function.Function;

/** Lets tests in other packages run {@code check-loops} with their own checker. */
public final class CheckLoopsCommandAccess {
    private CheckLoopsCommandAccess() {}

    public static int run(Function<FunctionCode, FunctionReport> checker, String[] args, PrintStream out, PrintStream err) {
        return new CheckLoopsCommand(checker).run(args, out, err);
    }
}
