package dev.chainhunt.lang;

import dev.chainhunt.model.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SourceTextTest {

    @Test
    void indexesLinesAcrossAllLineEndings() {
        SourceText t = SourceText.of("a\nbb\r\nccc\rdddd");
        assertThat(t.lineCount()).isEqualTo(4);
        assertThat(t.line(1)).isEqualTo("a");
        assertThat(t.line(2)).isEqualTo("bb");
        assertThat(t.line(3)).isEqualTo("ccc");
        assertThat(t.line(4)).isEqualTo("dddd");
        int offset = t.text().indexOf("cc");
        assertThat(t.lineOf(offset)).isEqualTo(3);
        assertThat(t.columnOf(offset + 1)).isEqualTo(2);
    }

    @Test
    void aTrailingNewlineDoesNotStartALine() {
        assertThat(SourceText.of("x\ny\n").lineCount()).isEqualTo(2);
        assertThat(SourceText.of("").lineCount()).isEqualTo(1);
    }

    @Test
    void decodingNeverFails() {
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xe9, '\n'};
        assertThat(SourceText.decode(latin1).text()).isEqualTo("caf\u00e9\n");
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, 'x'};
        assertThat(SourceText.decode(bom).text()).isEqualTo("x");
        assertThat(SourceText.decode("h\u00e9".getBytes(StandardCharsets.UTF_8)).text()).isEqualTo("h\u00e9");
        byte[] utf16 = {(byte) 0xff, (byte) 0xfe, 'h', 0, 'i', 0};
        assertThat(SourceText.decode(utf16).text()).isEqualTo("hi");
    }

    @ParameterizedTest
    @CsvSource({
        "pkg/setup.py, '', PYTHON",
        "pkg/x.pth, '', PTH",
        "a/b.whl!/m/__init__.PY, '', PYTHON",
        "index.mjs, '', JAVASCRIPT",
        "install, '#!/usr/bin/env python3\nimport os', PYTHON",
        "run, '#!/bin/bash\necho', SHELL",
        "cli, '#!/usr/bin/env node\n', JAVASCRIPT",
        "README, 'hello', TEXT",
        "package.json, '{}', JSON",
        "x.ps1, '', POWERSHELL",
        "x.cmd, '', BATCH",
    })
    void detectsLanguagesFromNamesAndShebangs(String path, String content, Language expected) {
        assertThat(Languages.detect(path, content.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }
}
