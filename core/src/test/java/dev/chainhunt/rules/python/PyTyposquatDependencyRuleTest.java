package dev.chainhunt.rules.python;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PyTyposquatDependencyRuleTest {

    @Test
    void aVendorIsTheLeadingLettersOfAName() {
        assertThat(PyTyposquatDependencyRule.vendor("alibabacloud_vpc20180317")).isEqualTo("alibabacloud");
        assertThat(PyTyposquatDependencyRule.vendor("Azure-Storage")).isEqualTo("azure");
    }

    @Test
    void aNameOfSeparatorsOnlyHasNone() {
        assertThat(PyTyposquatDependencyRule.vendor("-")).isNull();
        assertThat(PyTyposquatDependencyRule.vendor("._")).isNull();
        assertThat(PyTyposquatDependencyRule.vendor("2024")).isNull();
    }
}
