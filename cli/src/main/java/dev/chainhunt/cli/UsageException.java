package dev.chainhunt.cli;

/** A mistake on the command line found after parsing (for example an unreadable --from-file). */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message, null, false, false);
    }
}
