package dev.jbpfc.loophints;

/** A loop hint's text is not of the documented form. The checker reports the loop rejected with this message. */
public final class LoopHintFormatException extends RuntimeException {
    public LoopHintFormatException(String message) {
        super(message);
    }
}
