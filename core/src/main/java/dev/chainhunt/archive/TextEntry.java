package dev.chainhunt.archive;

/** A text file read from a target: its normalised path and its bytes (possibly cut at the entry limit). */
public record TextEntry(String path, byte[] bytes) {
}
