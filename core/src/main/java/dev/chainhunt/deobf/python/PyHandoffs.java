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
 * they decode to, run by the same call; a process started from a file that was just downloaded
 * (urlretrieve, or a response written to a file opened for writing) runs what came from the
 * network. Rules then judge what really runs. One instance per evaluation.
 */
final class PyHandoffs {

    /** What the evaluator should do with what was found. */
    interface Sink {
        /** A process call that, in effect, runs {@code command}. */
        void command(PyModel.CallSite site, Value.Str command);

        /** Code that becomes a stage of its own. */
        void stage(PyModel.CallSite site, String code, Language language, Value from, String via);

        /** A process call that, in effect, runs a file whose content came from {@code from}. */
        void runsDownload(PyModel.CallSite site, Value path, java.util.Set<String> from);

        /** A process call that runs the shell script at {@code path} (the package's own, if it ships it). */
        void runsScript(PyModel.CallSite site, Value path);

        /**
         * An archive the package ships under a name that is not an archive's ({@code _websocket.typed},
         * {@code data.bin}) put on the import path: its modules become importable, unseen by anyone
         * who looks at the file list.
         */
        void importsDisguisedArchive(PyModel.CallSite site, Value path);
    }

    private static final java.util.Set<String> NETWORK_PREFIXES = java.util.Set.of("requests.", "urllib", "httpx.",
            "aiohttp.", "http.client.", "urllib3.", "pycurl.", "wget.");

    private final Sink sink;
    /** The file each scope last opened for writing: a following write of network data downloads to it. */
    private final java.util.Map<String, Value> openedForWriting = new java.util.HashMap<>();
    /** Files known to hold downloaded content (and folders it was unpacked into), with where the content came from. */
    private final java.util.Map<Value, java.util.Set<String>> downloads = new java.util.LinkedHashMap<>();
    /** The downloaded archive each scope last opened: a following extractall unpacks it. */
    private final java.util.Map<String, java.util.Set<String>> openedArchive = new java.util.HashMap<>();
    /** Text written to files (a .ps1, a .sh, a .bat): a process that runs the file runs what it holds. */
    private final java.util.Map<Value, Value.Str> scripts = new java.util.LinkedHashMap<>();
    private static final int MAX_SCRIPTS = 64;
    /** Folders that downloaded archives were unpacked into: every path inside holds downloaded content. */
    private final java.util.Map<Value, java.util.Set<String>> folders = new java.util.LinkedHashMap<>();

    PyHandoffs(Sink sink) {
        this.sink = sink;
    }

    private static final Pattern SHELL_PROGRAM = Pattern.compile("(?i)(.*[/\\\\])?(ba|z|da|k)?sh(\\.exe)?");
    private static final Pattern PYTHON_C = Pattern.compile("(?is)\\bpython[0-9.]*w?(?:\\.exe)?\\s+-c\\s+([\"'])(.+)\\1\\s*$");
    private static final Pattern ECHO_BASE64 = Pattern.compile(
            "(?i)\\becho\\s+(?:-n\\s+)?b?[\"']?([A-Za-z0-9+/=]{16,})[\"']?\\s*\\|\\s*base64\\s+(?:-d|--decode|-D)\\b");
    private static final Pattern ENCODED_COMMAND = Pattern.compile(
            "(?i)\\s-(?:e|ec|enc|encodedcommand)\\s+[\"']?([A-Za-z0-9+/=]{16,})");
    private static final int MAX_CODE = 1 << 20;
    /** ctypes calls that load a native library from a path. */
    static final java.util.Set<String> NATIVE_LOADERS = java.util.Set.of("ctypes.CDLL", "ctypes.WinDLL", "ctypes.OleDLL",
            "ctypes.PyDLL", "ctypes.cdll.LoadLibrary", "ctypes.windll.LoadLibrary", "ctypes.oledll.LoadLibrary",
            "ctypes.pydll.LoadLibrary", "_ctypes.dlopen", "_ctypes.LoadLibrary");

    void inspect(PyModel.CallSite site) {
        String callee = site.callee();
        if (isProcess(callee) || callee.equals("os.startfile")) {
            Value command = site.commandLine();
            shellDownloads(site, command); // first: `wget -O x URL && python x` runs what it just fetched
            runsDownloadedFile(site, command);
            Value script = shellScript(site, command);
            if (script != null) {
                sink.runsScript(site, script);
            }
            if (command instanceof Value.Seq argv) {
                argv(site, argv);
            } else if (PyValues.text(command) != null) {
                commandLine(site, command, PyValues.text(command));
            }
        } else if (callee.endsWith(".ShellExecuteW") || callee.endsWith(".ShellExecuteA") || callee.equals("win32api.ShellExecute")) {
            // ShellExecute(hwnd, verb, file, parameters, directory, show): the file is what starts.
            runsDownloadedFile(site, site.arg(2, "lpFile"));
        } else if (callee.equals("runpy.run_path") || callee.equals("builtins.execfile")
                || callee.equals("importlib.util.spec_from_file_location") || callee.equals("imp.load_source")
                || NATIVE_LOADERS.contains(callee)) {
            // Python running a file in-process, or loading it as a native library (whose initialiser
            // runs on load): a downloaded one is a download run.
            Value file = callee.equals("runpy.run_path") ? site.arg(0, "path_name")
                    : callee.equals("builtins.execfile") ? site.arg(0, "filename")
                    : NATIVE_LOADERS.contains(callee) ? site.arg(0, "name") : site.arg(1, "location");
            java.util.Set<String> from = file == null ? null : downloadedInto(file);
            if (from != null) {
                sink.runsDownload(site, file, from);
            }
        } else if (callee.equals("sys.path.insert") || callee.equals("sys.path.append") || callee.equals("site.addsitedir")
                || callee.equals("zipimport.zipimporter")) {
            // A downloaded (unpacked) folder put on the import path: what is imported next comes from it.
            Value folder = site.arg(callee.equals("sys.path.insert") ? 1 : 0, callee.startsWith("zipimport") ? "path" : null);
            java.util.Set<String> from = folder == null ? null : unpackedInto(folder);
            if (from != null) {
                sink.runsDownload(site, folder, from);
            } else if (folder != null) {
                sink.importsDisguisedArchive(site, folder);
            }
        } else if (callee.endsWith("urlretrieve") || callee.equals("wget.download")) {
            Value path = site.arg(1, callee.equals("wget.download") ? "out" : "filename");
            if (path != null && !isTheProgramItself(path)) {
                java.util.Set<String> from = new java.util.LinkedHashSet<>(site.arg(0, "url") == null ? java.util.Set.of()
                        : site.arg(0, "url").from());
                from.add(callee);
                downloads.put(path, from);
            }
        } else if (callee.equals("zipfile.ZipFile") || callee.equals("tarfile.open") || callee.equals("tarfile.TarFile")
                || callee.equals("py7zr.SevenZipFile")) {
            Value archive = site.arg(0, callee.startsWith("tarfile") ? "name" : "file");
            java.util.Set<String> from = downloadedInto(archive);
            Value inMemory = archive != null ? archive : site.arg(-1, "fileobj");
            if (from == null && inMemory != null && inMemory.from().stream().anyMatch(PyHandoffs::isNetwork)) {
                from = inMemory.from(); // a response unpacked straight from memory: ZipFile(io.BytesIO(r.content))
            }
            if (from != null) {
                openedArchive.put(site.scope(), from);
            }
        } else if (callee.endsWith(".extractall") || callee.equals("shutil.unpack_archive")) {
            java.util.Set<String> from = callee.equals("shutil.unpack_archive") ? downloadedInto(site.arg(0, "filename"))
                    : openedArchive.get(site.scope());
            Value into = callee.equals("shutil.unpack_archive") ? site.arg(1, "extract_dir") : site.arg(0, "path");
            if (from != null && into != null) {
                folders.put(into, from);
            }
        } else if (callee.equals("os.rename") || callee.equals("os.replace") || callee.startsWith("shutil.move")
                || callee.startsWith("shutil.copy") && !callee.equals("shutil.copyfileobj")) {
            java.util.Set<String> from = downloadedInto(site.arg(0, "src"));
            Value to = site.arg(1, "dst");
            if (from != null && to != null && !isTheProgramItself(to)) {
                downloads.put(to, from);
            }
        } else if (callee.equals("builtins.open") || callee.equals("io.open") || callee.equals("codecs.open")) {
            String mode = PyValues.text(site.arg(1, "mode"));
            if (mode != null && (mode.contains("w") || mode.contains("a") || mode.contains("x")) && site.arg(0, "file") != null) {
                openedForWriting.put(site.scope(), site.arg(0, "file"));
            }
        } else if (callee.endsWith(".write") || callee.endsWith(".write_text") || callee.endsWith(".write_bytes")
                || callee.equals("os.write") || callee.equals("shutil.copyfileobj")) {
            // copyfileobj(response, out) streams what it reads into the file opened for writing.
            Value data = callee.equals("os.write") ? site.arg(1, "data") : site.arg(0, callee.equals("shutil.copyfileobj") ? "fsrc" : "data");
            String text = PyValues.text(data);
            Language language = text == null ? null : CodeSniffer.languageOf(text);
            if (language != null) {
                sink.stage(site, text, language, data, "written to a file");
            }
            Value file = openedForWriting.get(site.scope());
            if ((callee.endsWith(".write_bytes") || callee.endsWith(".write_text")) && site.receiver() != null) {
                file = site.receiver(); // target.write_bytes(data): the path written is the receiver
            }
            String script = data == null ? null : line(data);
            if (file != null && script != null && scripts.size() < MAX_SCRIPTS && script.length() <= MAX_CODE) {
                scripts.put(file, new Value.Str(script, data.chain(), data.origin()));
            }
            String receiver = callee.substring(0, callee.lastIndexOf('.'));
            if (receiver.startsWith("tempfile.") && receiver.endsWith("()")) {
                // A temporary file is known by its name attribute: tempfile.NamedTemporaryFile().name
                file = Value.Sym.of(receiver + ".name");
            }
            if (file != null && data != null && data.from().stream().anyMatch(PyHandoffs::isNetwork) && !isTheProgramItself(file)) {
                downloaded(file, data.from());
            }
        }
    }

    private static final Pattern INTERPRETER = Pattern.compile(
            "(?i)(.*[/\\\\])?(java|javaw|python[0-9.]*w?|node|(ba|z)?sh|powershell|pwsh|cmd|wscript|cscript|mshta|rundll32|regsvr32|msiexec|perl|ruby)(\\.exe)?");

    /** {@code [java, -jar, FILE]}, {@code [pythonw, FILE]}, {@code [powershell, -File, FILE]}: an interpreter runs the file. */
    private static boolean interpreted(Value command, Value path) {
        if (!(command instanceof Value.Seq argv) || argv.items().size() < 2) {
            return false;
        }
        Value first = argv.items().get(0);
        String program = PyValues.commandWord(first);
        if (program == null || !INTERPRETER.matcher(program.strip()).matches()) {
            return false;
        }
        List<Value> arguments = argv.items().subList(1, Math.min(argv.items().size(), 8));
        for (int i = 0; i + 1 < arguments.size(); i++) {
            String flag = PyValues.text(arguments.get(i));
            if (flag != null && SCRIPT_FLAG.matcher(flag).matches()) {
                return sameFile(path, arguments.get(i + 1));
            }
        }
        for (Value argument : arguments) {
            String text = PyValues.text(argument);
            if (text == null || !text.startsWith("-")) {
                // The script is the first argument that is not an option; later ones are its data.
                return sameFile(path, argument);
            }
        }
        return false;
    }

    /** Flags after which an interpreter names the file it runs. */
    private static final Pattern SCRIPT_FLAG = Pattern.compile("(?i)-file|-jar|/[ck]|-f");

    /** Whether {@code path} is what a command line runs: first in a command, or after start, sh, python, cmd /c. */
    private static boolean startsACommand(String line, String path) {
        if (!line.toLowerCase(Locale.ROOT).contains(path.toLowerCase(Locale.ROOT))) {
            return false; // before compiling a pattern for this path
        }
        Pattern runs = Pattern.compile("(^|[;&|]\\s*|\\bstart\\s+(\"\"\\s+)?|\\b(ba|z)?sh\\s+|\\bpython[0-9.]*w?(\\.exe)?\\s+"
                + "|\\bcmd(\\.exe)?\\s+/[ck]\\s+|\\bchmod\\s+\\S+\\s+|-file\\s+|\\bpyw?(\\.exe)?\\s+)[\"']?([^\\s\"';&|]*[/\\\\…])?"
                + Pattern.quote(path) + "(?=[\\s\"';&|…]|$)", Pattern.CASE_INSENSITIVE);
        return runs.matcher(line).find();
    }

    /**
     * A path that is the running program itself, or it with a suffix ({@code sys.executable + '.new'}):
     * a frozen tool updating itself in place, not a dropper; a file placed beside it is not this.
     */
    private static boolean isTheProgramItself(Value path) {
        if (path == null || path.from().stream().noneMatch(f -> f.equals("sys.executable") || f.startsWith("sys.argv"))) {
            return false;
        }
        if (path instanceof Value.Sym) {
            return true;
        }
        for (String piece : PyBuiltins.fragments(path)) {
            if (piece.contains("/") || piece.contains("\\")) {
                return false;
            }
        }
        return true;
    }

    /** Where the content of the file at {@code path} came from, if a download was written there, else null. */
    java.util.Set<String> downloadedInto(Value path) {
        if (path == null) {
            return null; // tarfile.open(fileobj=buf): no file named
        }
        var download = downloadWhere(file -> sameFile(file, path));
        if (download == null) {
            download = folderWhere(List.of(path));
        }
        return download == null ? null : download.getValue();
    }

    /**
     * Files another module of the package downloaded into (a helper that saves what it was handed
     * from here): a path here that names one of them holds downloaded content too.
     */
    void adoptDownloads(PyHandoffs other) {
        if (other == this) {
            return;
        }
        other.downloads.forEach(this::downloaded);
    }

    /** Records that the file at {@code file} holds content from {@code from}. */
    private void downloaded(Value file, java.util.Set<String> from) {
        downloads.merge(file, new java.util.LinkedHashSet<>(from), (a, b) -> {
            a.addAll(b);
            return a;
        });
    }

    /** The first folder of unpacked downloads that one of {@code paths} (or command lines) points inside, or null. */
    private java.util.Map.Entry<Value, java.util.Set<String>> folderWhere(List<Value> paths) {
        for (var folder : folders.entrySet()) {
            if (folder.getKey() instanceof Value.Sym made) {
                // A folder known by the call that made it (tempfile.mkdtemp()): a path built on it, run
                // as the program or by an interpreter, comes from it. Files merely handed to a tool
                // (lipo, tar) are not run.
                Value program = paths.isEmpty() ? null : paths.get(0);
                String word = program == null ? null : PyValues.commandWord(program);
                Value run = word != null && INTERPRETER.matcher(word.strip()).matches() && paths.size() > 1 ? paths.get(1) : program;
                if (run != null && run != made && run.from().contains(made.path())) {
                    return folder;
                }
                continue;
            }
            String name = lastPiece(folder.getKey());
            if (name.length() < 3) {
                continue;
            }
            for (Value path : paths) {
                for (String piece : PyBuiltins.fragments(path)) {
                    if (piece.contains(name + "/") || piece.contains(name + "\\")) {
                        return folder;
                    }
                }
            }
        }
        return null;
    }

    /** Where the content of the folder at {@code path} came from, if a download was unpacked there, else null. */
    private java.util.Set<String> unpackedInto(Value path) {
        String last = lastPiece(path);
        for (var folder : folders.entrySet()) {
            if (folder.getKey() == path || (last.length() >= 3 && last.equals(lastPiece(folder.getKey())))) {
                return folder.getValue();
            }
        }
        return null;
    }

    /** The last known piece of a path, without trailing separators ({@code … "/rt"} is {@code /rt}); "" if none. */
    private static String lastPiece(Value path) {
        List<String> pieces = PyBuiltins.fragments(path);
        return pieces.isEmpty() ? "" : pieces.get(pieces.size() - 1).replaceAll("[/\\\\]+$", "");
    }

    /** The first downloaded file (and its sources) that {@code names} picks, or null. */
    private java.util.Map.Entry<Value, java.util.Set<String>> downloadWhere(java.util.function.Predicate<Value> names) {
        for (var download : downloads.entrySet()) {
            if (names.test(download.getKey())) {
                return download;
            }
        }
        return null;
    }

    /**
     * Whether two path values name the same file: equal values, equal texts, a symbol with the same
     * path ({@code tmp.name}), or a known relative name inside a partly unknown absolute one.
     */
    private static boolean sameFile(Value a, Value b) {
        if (a == null || b == null || (a instanceof Value.Opaque o && PyEvaluator.namesOnly(o) && o.fragments().isEmpty())) {
            return false; // nothing is known about an unknown path, least of all that it is another one
        }
        if (a.equals(b) || (a instanceof Value.Sym x && b instanceof Value.Sym y && x.path().equals(y.path()))) {
            return true;
        }
        String at = PyValues.text(a);
        if (at == null) {
            // Two partly known paths with the same known ending: tmp + '\\ab.ps1' and f'{put}'.
            List<String> x = PyBuiltins.fragments(a);
            List<String> y = PyBuiltins.fragments(b);
            return a instanceof Value.Opaque && b instanceof Value.Opaque && !x.isEmpty() && !y.isEmpty()
                    && x.get(x.size() - 1).length() > 3 && x.get(x.size() - 1).equals(y.get(y.size() - 1));
        }
        if (at.equals(PyValues.text(b))) {
            return true;
        }
        return b instanceof Value.Opaque o && !o.fragments().isEmpty() && at.length() > 2
                && o.fragments().get(o.fragments().size() - 1).endsWith(at);
    }

    static boolean isNetwork(String source) {
        for (String prefix : NETWORK_PREFIXES) {
            if (source.startsWith(prefix)) {
                return true;
            }
        }
        return source.endsWith(".recv") || source.contains("urlopen");
    }

    /** A process whose program (or command line) names a file that holds downloaded content. */
    private void runsDownloadedFile(PyModel.CallSite site, Value command) {
        if (command == null) {
            return;
        }
        var download = downloadWhere(path -> runs(command, path));
        if (download == null && !folders.isEmpty()) {
            download = folderWhere(command instanceof Value.Seq argv
                    ? argv.items().subList(0, Math.min(argv.items().size(), 5)) : List.of(command));
        }
        if (download != null) {
            sink.runsDownload(site, download.getKey(), download.getValue());
        }
        String cronTable = scripts.isEmpty() ? null : cronTable(site, command);
        for (var script : scripts.entrySet()) {
            if (runs(command, script.getKey()) || cronTable != null && names(cronTable, script.getKey())) {
                // The script runs as the command it holds, one line after the other.
                Value.Str content = script.getValue();
                String program = command instanceof Value.Seq argv && !argv.items().isEmpty()
                        ? java.util.Objects.requireNonNullElse(PyValues.commandWord(argv.items().get(0)), "") : "";
                String lines = content.value().strip().replaceAll("\\s*\\R\\s*", "; ");
                sink.command(site, new Value.Str((program + " " + lines).strip(), content.chain(), content.origin()));
                return;
            }
        }
    }

    private static final Pattern CRONTAB = Pattern.compile("(.*/)?crontab");

    /** The table a {@code crontab -} call is given on its standard input, as far as it is known, or null. */
    private static String cronTable(PyModel.CallSite site, Value command) {
        String word = command instanceof Value.Seq argv && !argv.items().isEmpty() ? PyValues.commandWord(argv.items().get(0)) : null;
        Value table = site.keywords().get("input");
        return word == null || table == null || !CRONTAB.matcher(word.strip()).matches() ? null : line(table);
    }

    /** Whether a crontab table names the file at {@code path}: cron will run it, as the command it holds. */
    private static boolean names(String table, Value path) {
        String name = PyValues.text(path) != null ? PyValues.text(path) : knownName(path);
        return name != null && table.contains(name);
    }

    /** Whether {@code command} runs the file at {@code path}: as the program, through an interpreter, or in a shell line. */
    private static boolean runs(Value command, Value path) {
        Value program = command instanceof Value.Seq argv ? (argv.items().isEmpty() ? null : argv.items().get(0)) : command;
        String line = command instanceof Value.Seq ? null : line(command);
        String pathText = PyValues.text(path);
        if (pathText == null) {
            pathText = knownName(path);
        }
        return sameFile(path, program) || interpreted(command, path)
                || (line != null && pathText != null && pathText.length() > 2 && startsACommand(line, pathText));
    }

    /**
     * The file name a partly known path ends with, when a separator puts it after the unknown part
     * ({@code tmp + "\\ComServer.exe"}): a command line naming that file in some folder runs it.
     */
    private static String knownName(Value path) {
        List<String> pieces = PyBuiltins.fragments(path);
        String last = pieces.isEmpty() ? "" : pieces.get(pieces.size() - 1);
        int cut = Math.max(last.lastIndexOf('/'), last.lastIndexOf('\\'));
        String name = cut < 0 ? "" : last.substring(cut + 1);
        return name.length() > 3 ? name : null;
    }

    /** A command line as far as it is known: its text, or its known pieces with … for what is not. */
    private static String line(Value command) {
        String text = PyValues.text(command);
        if (text != null || !(command instanceof Value.Opaque o) || o.fragments().isEmpty()) {
            return text;
        }
        return String.join("…", o.fragments());
    }

    private static final Pattern SHELL_DOWNLOAD = Pattern.compile(
            "(?i)\\b(?:curl(?:\\.exe)?\\b[^|;&\\n]*?(?-i:\\s-[a-zA-Z]*o|\\s--output)|wget\\b[^|;&\\n]*?(?-i:\\s-[a-zA-Z]*O|\\s--output-document)"
            + "|(?:invoke-webrequest|iwr|curl)\\b[^|;&\\n]*?\\s-outfile|certutil(?:\\.exe)?\\b[^|;&\\n]*?-urlcache[^|;&\\n]*?\\shttps?://\\S+"
            + "|bitsadmin\\b[^|;&\\n]*?/transfer\\s+\\S+(?:\\s+/\\S+)*\\s+https?://\\S+"
            + "|downloadfile\\(\\s*[\"']?[^,]+?[\"']?\\s*,)[\\s=]*[\"']?([^\\s\"';&|)]+)");
    private static final Pattern SHELL_GET = Pattern.compile("(?i)\\b(?:wget|curl\\s+(?:-[a-z]+\\s+)*(?-i:-[a-zA-Z]*O))\\s[^|;&\\n]*?https?://[^\\s\"';&|]*/([\\w.-]+\\.\\w{1,4})(?=[\\s\"']|$)");

    /**
     * A shell command that saves a download to a file ({@code curl -o FILE}, {@code wget -O FILE},
     * {@code wget URL}, {@code Invoke-WebRequest -OutFile FILE}, certutil, bitsadmin): the file is
     * known by its name, so a later command that runs it runs the download.
     */
    private void shellDownloads(PyModel.CallSite site, Value command) {
        String line;
        if (command instanceof Value.Seq argv) {
            List<String> known = new ArrayList<>();
            argv.items().forEach(item -> known.add(java.util.Objects.requireNonNullElse(line(item), "…")));
            line = String.join(" ", known);
        } else {
            line = line(command);
        }
        if (line == null || !(line.contains("curl") || line.contains("wget") || line.toLowerCase(Locale.ROOT).contains("-outfile")
                || line.contains("certutil") || line.contains("bitsadmin") || line.toLowerCase(Locale.ROOT).contains("downloadfile"))) {
            return;
        }
        List<String> saved = new ArrayList<>();
        Matcher m = SHELL_DOWNLOAD.matcher(line);
        while (m.find()) {
            saved.add(m.group(1));
        }
        if (saved.isEmpty()) {
            Matcher get = SHELL_GET.matcher(line);
            while (get.find()) {
                saved.add(get.group(1));
            }
        }
        for (String file : saved) {
            // What is known is the name: a later command names it with whatever folder it is in.
            String name = file.replaceAll("…+$", "").replaceAll("^.*[/\\\\…]", "");
            if (name.length() > 2) {
                java.util.Set<String> from = new java.util.LinkedHashSet<>(command.from());
                from.add("process.download");
                downloads.put(Value.Str.of(name), from);
            }
        }
    }

    static boolean isProcess(String callee) {
        return callee.equals("os.system") || callee.startsWith("os.popen") || callee.startsWith("subprocess.")
                || callee.startsWith("os.exec") || callee.startsWith("os.spawn") || callee.startsWith("os.posix_spawn") || callee.equals("pty.spawn")
                || callee.startsWith("commands.get") || callee.startsWith("asyncio.create_subprocess_")
                || callee.equals("trio.run_process") || callee.equals("trio.lowlevel.open_process")
                || callee.equals("anyio.run_process") || callee.equals("anyio.open_process");
    }

    /**
     * The script a shell is started on: {@code sh install.sh}, {@code ["bash", "-e", path]},
     * {@code . ./env.sh}, or a file named by {@code BASH_ENV} or {@code ENV} in the environment the
     * process is given (which a shell sources before any command it is asked to run).
     */
    private static Value shellScript(PyModel.CallSite site, Value command) {
        if (site.keywords().get("env") instanceof Value.Dict env) {
            for (int i = 0; i < env.keys().size(); i++) {
                String key = PyValues.text(env.keys().get(i));
                if ("BASH_ENV".equals(key) || "ENV".equals(key)) {
                    return env.values().get(i);
                }
            }
        }
        List<Value> words = new ArrayList<>();
        if (command instanceof Value.Seq argv) {
            words.addAll(argv.items());
        } else {
            String line = PyValues.text(command);
            if (line == null || !SIMPLE_COMMAND.matcher(line).matches()) {
                return null;
            }
            for (String w : line.strip().split("\\s+")) {
                words.add(Value.Str.of(w));
            }
        }
        String program = words.isEmpty() ? null : PyValues.text(words.get(0));
        boolean sources = ".".equals(program) || "source".equals(program);
        if (program == null || !sources && !SHELL_PROGRAM.matcher(program).matches()) {
            return null;
        }
        for (Value w : words.subList(1, words.size())) {
            String text = PyValues.text(w);
            if (text == null || !text.startsWith("-")) {
                return w;
            }
            if (text.contains("c") || text.equals("-s")) {
                return null; // the commands come from the line or from standard input, not a file
            }
        }
        return null;
    }

    /** A command line of plain words: a program and its arguments, no pipes, lists or redirections. */
    private static final Pattern SIMPLE_COMMAND = Pattern.compile("\\s*[\\w./~+-]+(\\s+[\\w./~+=-]+)*\\s*");

    /** {@code [python, -c, CODE]}, {@code [sh, -c, COMMAND]}, {@code [powershell, -enc, B64]}. */
    private void argv(PyModel.CallSite site, Value.Seq argv) {
        List<Value> items = argv.items();
        if (items.isEmpty()) {
            return;
        }
        Value program = items.get(0);
        String name = PyValues.commandWord(program);
        if (name == null) {
            return;
        }
        for (int i = 1; i + 1 < items.size(); i++) {
            String flag = PyValues.text(items.get(i));
            String code = PyValues.textWithHoles(items.get(i + 1));
            if (!"-c".equals(flag) || code == null) {
                continue;
            }
            if (PyValues.isPython(name)) {
                sink.stage(site, code, Language.PYTHON, items.get(i + 1), "python -c");
            } else if (SHELL_PROGRAM.matcher(name).matches()) {
                commandLine(site, items.get(i + 1), code);
            }
            return;
        }
        List<String> known = new ArrayList<>();
        for (Value item : items) {
            String t = PyValues.text(item);
            known.add(t == null ? "…" : t);
        }
        if (isPowerShell(name)) {
            encodedCommand(site, program, " " + String.join(" ", known));
        }
    }

    private void commandLine(PyModel.CallSite site, Value from, String command) {
        Matcher python = PYTHON_C.matcher(command);
        if (python.find()) {
            sink.stage(site, python.group(2), Language.PYTHON, from, "python -c");
        }
        Matcher echo = ECHO_BASE64.matcher(command);
        if (echo.find()) {
            decoded(site, from, echo.group(1), false);
        }
        if (isPowerShell(command)) {
            encodedCommand(site, from, command);
        }
    }

    private static boolean isPowerShell(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("powershell") || lower.contains("pwsh");
    }

    private void encodedCommand(PyModel.CallSite site, Value from, String command) {
        Matcher m = ENCODED_COMMAND.matcher(command);
        if (m.find()) {
            decoded(site, from, m.group(1), true);
        }
    }

    private void decoded(PyModel.CallSite site, Value from, String base64, boolean utf16) {
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
