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
        assertThat(Glob.of(List.of("os.system", "**.recv")).anchors()).as("a leading wildcard matches any first name").isNull();
        assertThat(Glob.of(List.of("exec*")).anchors()).as("a wildcard inside the first name").isNull();
        assertThat(Glob.anchor("requests.Session().post")).isEqualTo("requests");
        assertThat(Glob.anchor("builtins.open().read")).isEqualTo("builtins");
        assertThat(Glob.anchor("eval")).isEqualTo("eval");
    }

    @Test
    void everyNameAGlobMatchesHasOneOfItsAnchors() {
        Glob glob = Glob.of(List.of("os.*", "pynput.keyboard.Listener*", "shutil.copy*"));
        for (String name : List.of("os.system", "os.path.join", "pynput.keyboard.Listener().start", "shutil.copyfile", "ossys.x")) {
            if (glob.matches(name)) {
                assertThat(glob.anchors()).contains(Glob.anchor(name));
            }
        }
    }
}
