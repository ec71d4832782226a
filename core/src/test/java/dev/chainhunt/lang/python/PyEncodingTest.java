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
        assertThat(decoded("# coding: unicode_escape\n\\xZZ \\U99999999 \\q\\N{NO SUCH NAME}\\"))
                .isEqualTo("# coding: unicode_escape\n\\xZZ \\U99999999 \\q\\N{NO SUCH NAME}\\");
    }

    @Test
    void namedEscapesSpellCharactersByTheirUnicodeNames() {
        assertThat(decoded("# coding: unicode-escape\n\\N{LATIN SMALL LETTER E}x\\N{latin small letter e}c\n"))
                .isEqualTo("# coding: unicode-escape\nexec\n");
    }

    @Test
    void codecNamesAreNormalisedAsPythonLooksThemUp() {
        for (String alias : new String[] {"latin", "Latin-1-unix", "utf", "UTF_8-Mac", "iso8859", "8859", "ujis", "u8", "cp65001",
                "ISO 8859-15", "Windows-1252", "x-mac-japanese", "mbcs"}) {
            assertThat(PyEncoding.isKnownEncoding(alias)).as(alias).isTrue();
        }
        for (String registered : new String[] {"utf8x", "u8sig", "latin9x", "rot13", "base64", "zlib"}) {
            assertThat(PyEncoding.isKnownEncoding(registered)).as(registered).isFalse();
        }
        assertThat(PyEncoding.isEscapeCodec("Unicode Escape")).isTrue();
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
