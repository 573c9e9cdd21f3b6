package dev.jbpfc.api;

import java.util.function.Supplier;

/**
 * Runs compilations on a thread with {@link #STACK_BYTES} of stack. Walks whose depth follows the input's nesting (a
 * parenthesized {@code #if} expression, nested {@code ?:} or calls, a left-leaning {@code a+a+...} chain) are
 * bounded by clang's limits or done iteratively where we can; this is the margin for the rest. Only what a compile
 * touches is committed, so an ordinary compile costs nothing for it. A caller already on such a thread (the command
 * line's, a session's batch) runs in place.
 */
final class CompilerThread extends Thread {
    /** The compiler's stack: deep inputs end in a diagnostic, not a {@link StackOverflowError}, up to far past clang's limits. */
    static final long STACK_BYTES = 1L << 30;

    private CompilerThread(Runnable task) {
        super(null, task, "jbpfc", STACK_BYTES);
        setDaemon(true);
    }

    /** {@code task}'s value, computed on a compiler thread; its unchecked exceptions and errors are rethrown here. */
    static <T> T call(Supplier<T> task) {
        if (Thread.currentThread() instanceof CompilerThread) return task.get();
        Object[] value = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new CompilerThread(() -> {
            try {
                value[0] = task.get();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the compile cannot be abandoned half-way; wait for it
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure[0] instanceof RuntimeException r) throw r;
        if (failure[0] instanceof Error e) throw e;
        if (failure[0] != null) throw new IllegalStateException(failure[0]);
        @SuppressWarnings("unchecked") T v = (T) value[0];
        return v;
    }
}
