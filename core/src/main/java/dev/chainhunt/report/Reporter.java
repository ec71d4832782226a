package dev.chainhunt.report;

import dev.chainhunt.ScanResult;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes scan results in one format. Results arrive one target at a time, in input order;
 * streaming formats write each at once, whole-document formats write everything in
 * {@link #finish}. An instance serves one report.
 */
public interface Reporter {

    /** The format's name on the command line. */
    String id();

    void add(ScanResult result, Writer out) throws IOException;

    void finish(Writer out) throws IOException;
}
