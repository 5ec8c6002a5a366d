package dev.ptrace.analyze.read.tracepoint;

/** A tracepoint payload that does not have the shape its event prints; says what was expected. */
public class PayloadException extends RuntimeException {
    public PayloadException(String expected) {
        super(expected);
    }
}
