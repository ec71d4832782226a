package dev.chainhunt.lang.python;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PyEncodingTest {

    private static String decoded(String source) {
        return PyEncoding.decode(source.getBytes(StandardCharsets.ISO_8859_1)).text();
    }

    @Test
    void unicodeEscapeSourceIsReadAsTheCodeItSpellsOut() {
        assertThat(decoded("# -*- coding: unicode_escape -*-\n\\x65\\x78\\x65\\x63('\\u0031')\\n\\101\n"))
                .isEqualTo("# -*- coding: unicode_escape -*-\nexec('1')\nA\n");
    }

    @Test
    void rawUnicodeEscapeOnlyUndoesUnicodeEscapes() {
        assertThat(decoded("# coding: raw_unicode_escape\n\\u0065xec \\x41\\n\n"))
                .isEqualTo("# coding: raw_unicode_escape\nexec \\x41\\n\n");
    }

    @Test
    void malformedEscapesStayAsWritten() {
        assertThat(decoded("# coding: unicode_escape\n\\xZZ \\U99999999 \\q\\"))
                .isEqualTo("# coding: unicode_escape\n\\xZZ \\U99999999 \\q\\");
    }

    @Test
    void codecsTellCharsetsAndEscapesFromUnknownNames() {
        assertThat(PyEncoding.isKnownEncoding("latin-1")).isTrue();
        assertThat(PyEncoding.isKnownEncoding("Unicode_Escape")).isTrue();
        assertThat(PyEncoding.isEscapeCodec("raw-unicode-escape")).isTrue();
        assertThat(PyEncoding.isEscapeCodec("utf-8")).isFalse();
        assertThat(PyEncoding.isKnownEncoding("u8sig-not-a-codec")).isFalse();
        assertThat(PyEncoding.declaredEncoding("#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\n".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("cp1252");
    }
}
