package dev.chainhunt.rules.query;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GlobTest {

    @Test
    void oneStarStaysWithinACallTwoCrossCalls() {
        Glob glob = Glob.of(List.of("subprocess.*", "requests.**", "**.recv"));
        assertThat(glob.matches("subprocess.Popen")).isTrue();
        assertThat(glob.matches("subprocess.run().stdout.decode")).isFalse();
        assertThat(glob.matches("requests.Session().post")).isTrue();
        assertThat(glob.matches("socket.socket().recv")).isTrue();
        assertThat(glob.matches("os.system")).isFalse();
    }

    @Test
    void anchorsNameTheFirstNamesAGlobCanMatch() {
        assertThat(Glob.of(List.of("subprocess.*", "os.popen*", "builtins.exec", "tkinter.Tk().clipboard_*")).anchors())
                .isEqualTo(Set.of("subprocess", "os", "builtins", "tkinter"));
        Glob mixed = Glob.of(List.of("os.system", "**.recv", "**Bucket().upload_file"));
        assertThat(mixed.anchors()).as("a leading wildcard is found by the last name").isEqualTo(Set.of("os"));
        assertThat(mixed.lastNames()).isEqualTo(Set.of("recv", "upload_file"));
        assertThat(Glob.of(List.of("os.system", "**recv")).anchors()).as("xrecv ends in recv too: any name").isNull();
        assertThat(Glob.of(List.of("exec*")).anchors()).as("a wildcard inside the first name").isNull();
        assertThat(Glob.of(List.of("**.request.urlopen**")).anchors()).as("nor a wildcard after the last").isNull();
        assertThat(Glob.lastName("socket.socket().recv")).isEqualTo("recv");
        assertThat(Glob.lastName("s3.Bucket().upload_file")).isEqualTo("upload_file");
        assertThat(Glob.lastName("eval")).isEqualTo("eval");
        assertThat(Glob.anchor("requests.Session().post")).isEqualTo("requests");
        assertThat(Glob.anchor("builtins.open().read")).isEqualTo("builtins");
        assertThat(Glob.anchor("eval")).isEqualTo("eval");
    }

    @Test
    void everyNameAGlobMatchesHasOneOfItsAnchorsOrLastNames() {
        Glob glob = Glob.of(List.of("os.*", "pynput.keyboard.Listener*", "shutil.copy*", "**.recv", "**crypt32.CryptUnprotectData"));
        for (String name : List.of("os.system", "os.path.join", "pynput.keyboard.Listener().start", "shutil.copyfile", "ossys.x",
                "socket.socket().recv", "sock.recv", "ctypes.windll.crypt32.CryptUnprotectData", "a.recvfrom")) {
            if (glob.matches(name)) {
                assertThat(glob.anchors().contains(Glob.anchor(name)) || glob.lastNames().contains(Glob.lastName(name)))
                        .as(name).isTrue();
            }
        }
    }

    @Test
    void anExceptionNarrowsWhatTheOtherPatternsMatch() {
        Glob sends = Glob.of(List.of("requests.**", "!**.headers.**", "http.client.**"));
        assertThat(sends.matches("requests.Session().post")).isTrue();
        assertThat(sends.matches("http.client.HTTPSConnection().request")).isTrue();
        assertThat(sends.matches("requests.Session().headers.update")).as("configuring headers sends nothing").isFalse();
        assertThat(sends.matches("requests.Session().headers")).as("only what is done to them").isTrue();
        assertThat(sends.anchors()).as("exceptions have no anchors of their own").isEqualTo(Set.of("requests", "http"));
    }
}
