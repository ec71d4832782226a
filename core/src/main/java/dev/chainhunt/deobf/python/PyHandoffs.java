package dev.chainhunt.deobf.python;

import dev.chainhunt.deobf.Base64Codec;
import dev.chainhunt.deobf.Value;
import dev.chainhunt.model.Language;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Code a call hands on to another interpreter, seen through: {@code python -c CODE} and code
 * written to a file become stages of their own; a shell pipeline that decodes its own command
 * ({@code echo B64 | base64 -d | sh}) and PowerShell's {@code -EncodedCommand} become the command
 * they decode to, run by the same call. Rules then judge what really runs.
 */
final class PyHandoffs {

    /** What the evaluator should do with what was found. */
    interface Sink {
        /** A process call that, in effect, runs {@code command}. */
        void command(PyModel.CallSite site, Value.Str command);

        /** Code that becomes a stage of its own. */
        void stage(PyModel.CallSite site, String code, Language language, Value from, String via);
    }

    private static final Pattern PYTHON_PROGRAM = Pattern.compile("(?i)(.*[/\\\\])?python[0-9.]*w?(\\.exe)?");
    private static final Pattern SHELL_PROGRAM = Pattern.compile("(?i)(.*[/\\\\])?(ba|z|da|k)?sh(\\.exe)?");
    private static final Pattern PYTHON_C = Pattern.compile("(?is)\\bpython[0-9.]*w?(?:\\.exe)?\\s+-c\\s+([\"'])(.+)\\1\\s*$");
    private static final Pattern ECHO_BASE64 = Pattern.compile(
            "(?i)\\becho\\s+(?:-n\\s+)?b?[\"']?([A-Za-z0-9+/=]{16,})[\"']?\\s*\\|\\s*base64\\s+(?:-d|--decode|-D)\\b");
    private static final Pattern ENCODED_COMMAND = Pattern.compile(
            "(?i)\\s-(?:e|ec|enc|encodedcommand)\\s+[\"']?([A-Za-z0-9+/=]{16,})");
    private static final int MAX_CODE = 1 << 20;

    private PyHandoffs() {
    }

    static void inspect(PyModel.CallSite site, Sink sink) {
        String callee = site.callee();
        if (isProcess(callee)) {
            Value command = site.arg(0, "args");
            if (command instanceof Value.Seq argv) {
                argv(site, argv, sink);
            } else if (PyValues.text(command) != null) {
                commandLine(site, command, PyValues.text(command), sink);
            }
        } else if (callee.endsWith(".write") || callee.endsWith(".write_text") || callee.endsWith(".write_bytes")
                || callee.equals("os.write")) {
            Value data = site.arg(callee.equals("os.write") ? 1 : 0, "data");
            String text = PyValues.text(data);
            Language language = text == null ? null : CodeSniffer.languageOf(text);
            if (language != null) {
                sink.stage(site, text, language, data, "written to a file");
            }
        }
    }

    static boolean isProcess(String callee) {
        return callee.equals("os.system") || callee.startsWith("os.popen") || callee.startsWith("subprocess.")
                || callee.startsWith("os.exec") || callee.startsWith("os.spawn") || callee.equals("pty.spawn")
                || callee.startsWith("commands.get") || callee.startsWith("asyncio.create_subprocess_");
    }

    /** {@code [python, -c, CODE]}, {@code [sh, -c, COMMAND]}, {@code [powershell, -enc, B64]}. */
    private static void argv(PyModel.CallSite site, Value.Seq argv, Sink sink) {
        List<Value> items = argv.items();
        if (items.isEmpty()) {
            return;
        }
        Value program = items.get(0);
        String name = program instanceof Value.Sym s && s.path().equals("sys.executable") ? "python" : PyValues.text(program);
        if (name == null) {
            return;
        }
        for (int i = 1; i + 1 < items.size(); i++) {
            String flag = PyValues.text(items.get(i));
            String code = PyValues.text(items.get(i + 1));
            if (!"-c".equals(flag) || code == null) {
                continue;
            }
            if (PYTHON_PROGRAM.matcher(name).matches()) {
                sink.stage(site, code, Language.PYTHON, items.get(i + 1), "python -c");
            } else if (SHELL_PROGRAM.matcher(name).matches()) {
                commandLine(site, items.get(i + 1), code, sink);
            }
            return;
        }
        List<String> known = new ArrayList<>();
        for (Value item : items) {
            String t = PyValues.text(item);
            known.add(t == null ? "…" : t);
        }
        if (name.toLowerCase(Locale.ROOT).contains("powershell") || name.toLowerCase(Locale.ROOT).contains("pwsh")) {
            encodedCommand(site, program, " " + String.join(" ", known), sink);
        }
    }

    private static void commandLine(PyModel.CallSite site, Value from, String command, Sink sink) {
        Matcher python = PYTHON_C.matcher(command);
        if (python.find()) {
            sink.stage(site, python.group(2), Language.PYTHON, from, "python -c");
        }
        Matcher echo = ECHO_BASE64.matcher(command);
        if (echo.find()) {
            decoded(site, from, echo.group(1), false, sink);
        }
        if (command.toLowerCase(Locale.ROOT).contains("powershell") || command.toLowerCase(Locale.ROOT).contains("pwsh")) {
            encodedCommand(site, from, command, sink);
        }
    }

    private static void encodedCommand(PyModel.CallSite site, Value from, String command, Sink sink) {
        Matcher m = ENCODED_COMMAND.matcher(command);
        if (m.find()) {
            decoded(site, from, m.group(1), true, sink);
        }
    }

    private static void decoded(PyModel.CallSite site, Value from, String base64, boolean utf16, Sink sink) {
        byte[] bytes = Base64Codec.b64decode(base64);
        if (bytes == null || bytes.length == 0 || bytes.length > MAX_CODE) {
            return;
        }
        String text = new String(bytes, utf16 ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8);
        List<String> chain = PyValues.append(from.chain(), "base64");
        if (utf16) {
            chain = PyValues.append(chain, "utf-16le");
        }
        sink.command(site, new Value.Str(text, chain, from.origin()));
    }
}
