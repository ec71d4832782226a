package dev.chainhunt.model;

/**
 * A file of a target that is not text: its path, full size and first bytes (enough to tell an
 * executable or image by its magic). Its content is not kept.
 */
public record BinaryFile(String path, long size, byte[] head) {
}
