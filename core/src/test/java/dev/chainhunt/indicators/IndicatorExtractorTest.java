package dev.chainhunt.indicators;

import dev.chainhunt.lang.SourceText;
import dev.chainhunt.model.Ioc;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IndicatorExtractorTest {

    private static List<String> extract(String text) {
        return IndicatorExtractor.extract("f.py", SourceText.of(text), List.of(), null).stream()
                .map(i -> i.kind().id() + " " + i.value()).toList();
    }

    @Test
    void urlsAndTheirHosts() {
        assertThat(extract("requests.get('https://user@Evil.Example.invalid:8443/a/b?c=1#x').text"))
                .containsExactly("url https://user@Evil.Example.invalid:8443/a/b?c=1#x", "domain evil.example.invalid");
        assertThat(extract("see (http://example.invalid/docs).")).containsExactly(
                "url http://example.invalid/docs", "domain example.invalid");
    }

    @Test
    void ipAddressesInUrlsQuotedOrWithAPort() {
        assertThat(extract("u = 'http://203.0.113.7/p'")).containsExactly("url http://203.0.113.7/p", "ip 203.0.113.7");
        assertThat(extract("s.connect(('203.0.113.9', 4444))")).containsExactly("ip 203.0.113.9");
        assertThat(extract("host 198.51.100.2:8080 up")).containsExactly("ip 198.51.100.2");
        assertThat(extract("version 1.2.3.4 released")).isEmpty();
    }

    @Test
    void privateLoopbackAndPlaceholderHostsAreLeftOut() {
        assertThat(extract("'127.0.0.1' '10.1.2.3' '192.168.0.1' '172.16.5.4' '0.0.0.0' http://localhost:8000/x"))
                .isEmpty();
        assertThat(extract("http://%s/path http://{host}/x")).isEmpty();
        assertThat(extract("'169.254.169.254'")).containsExactly("ip 169.254.169.254");
    }

    @Test
    void reportsTheLineOfFirstOccurrence() {
        Ioc ioc = IndicatorExtractor.extract("f.py", SourceText.of("a\nb = 'https://example.invalid'\n"), List.of(), null).get(0);
        assertThat(ioc.location().line()).isEqualTo(2);
        assertThat(ioc.location().column()).isEqualTo(6);
        assertThat(ioc.decoded()).isFalse();
    }
}
