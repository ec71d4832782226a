package dev.chainhunt.model;

/**
 * A file of a target that is not text: its path, full size and first bytes (enough to tell an
 * executable or image by its magic). Its content is kept for the formats that hold code the scanner
 * reads without running it (pickles, bytecode) and for small files the package's code may read;
 * otherwise {@code content} is null.
 */
public record BinaryFile(String path, long size, byte[] head, byte[] content) {

    public BinaryFile(String path, long size, byte[] head) {
        this(path, size, head, null);
    }
}
