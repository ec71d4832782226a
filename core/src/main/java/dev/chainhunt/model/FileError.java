package dev.chainhunt.model;

/** A problem with one file of a target that did not stop the rest of the scan. */
public record FileError(String file, String message) {
}
