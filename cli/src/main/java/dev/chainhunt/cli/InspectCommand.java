package dev.chainhunt.cli;

import dev.chainhunt.deobf.Budget;
import dev.chainhunt.deobf.ValueFormat;
import dev.chainhunt.deobf.python.PyEvaluator;
import dev.chainhunt.deobf.python.PyModel;
import dev.chainhunt.lang.Parsers;
import dev.chainhunt.lang.SourceText;
import dev.chainhunt.lang.SyntaxDump;
import dev.chainhunt.lang.SyntaxTree;
import dev.chainhunt.manifest.EntryPoints;
import dev.chainhunt.model.Language;
import dev.chainhunt.model.Trigger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code chainhunt inspect FILE.py}: what the engine sees, for rule authors. */
@Command(name = "inspect",
        mixinStandardHelpOptions = true,
        versionProvider = ChainhuntCommand.VersionProvider.class,
        description = {"Shows what chainhunt sees in a Python file: the syntax tree, every call resolved to its "
                + "canonical name with its argument values, every decoded value with its decode chain, and the "
                + "code stages recovered from decoded values (analysed the same way, recursively)."})
final class InspectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A Python source file (never run, only read).")
    Path file;

    @Option(names = "--no-tree", description = "Leave out the syntax tree.")
    boolean noTree;

    @Option(names = "--depth", defaultValue = "8", description = "Stages within stages to show (default: ${DEFAULT-VALUE}).")
    int depth;

    @Override
    public Integer call() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        SourceText text = Parsers.decode(Language.PYTHON, bytes);
        String path = file.getFileName().toString();
        EntryPoints entryPoints = new EntryPoints(List.of(path));
        inspect(text, out, "", 0, !noTree, entryPoints, path, entryPoints.moduleTrigger(path));
        out.flush();
        return ExitCode.OK.code();
    }

    private void inspect(SourceText text, PrintWriter out, String indent, int level, boolean tree, EntryPoints entryPoints,
                         String path, Trigger moduleLevel) {
        SyntaxTree parsed = Parsers.parse(Language.PYTHON, text.text());
        PyModel model = PyEvaluator.evaluate(parsed, Budget.forSource(text.length()));
        EntryPoints.Reach reach = entryPoints.reach(path, model, moduleLevel);
        if (tree) {
            out.println(indent + "== syntax tree ==");
            SyntaxDump.dump(parsed, text).lines().forEach(l -> out.println(indent + l));
        } else if (!parsed.errors().isEmpty()) {
            out.println(indent + "== syntax errors ==");
            parsed.errors().forEach(e -> out.println(indent + at(text, e.start()) + "  " + e.message()));
        }
        out.println(indent + "== calls ==");
        for (PyModel.CallSite c : model.calls()) {
            String args = c.args().stream().map(v -> ValueFormat.summary(v, 60)).collect(Collectors.joining(", "));
            String keywords = c.keywords().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + ValueFormat.summary(e.getValue(), 40)).collect(Collectors.joining(", "));
            String all = args + (args.isEmpty() || keywords.isEmpty() ? "" : ", ") + keywords;
            out.println(indent + at(text, c.node().start()) + "  " + c.callee() + "(" + all + ")"
                    + (c.receiver() == null ? "" : "  on " + ValueFormat.summary(c.receiver(), 60))
                    + (c.scope().equals("<module>") ? "" : "  in " + c.scope()));
        }
        if (!model.decoded().isEmpty()) {
            out.println(indent + "== decoded values ==");
            for (PyModel.Decoded d : model.decoded()) {
                out.println(indent + at(text, d.origin()) + "  " + ValueFormat.chain(d.chain()) + "  "
                        + ValueFormat.quote(d.text() == null ? "" : d.text(), 100));
            }
        }
        if (!model.classes().isEmpty()) {
            out.println(indent + "== classes ==");
            model.classes().forEach(k -> out.println(indent + k.name() + "(" + String.join(", ", k.bases()) + ")  methods: "
                    + String.join(", ", k.methods())));
        }
        if (!model.imports().isEmpty()) {
            out.println(indent + "== imports ==");
            out.println(indent + String.join(", ", model.imports()));
        }
        if (!reach.scopes().isEmpty()) {
            out.println(indent + "== runs on its own ==");
            reach.scopes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.println(indent + e.getValue().phrase() + ": " + e.getKey()));
        }
        if (model.stopped() != null) {
            out.println(indent + "evaluation stopped early: " + model.stopped());
        }
        int n = 0;
        for (PyModel.Stage stage : model.stages()) {
            n++;
            out.println(indent + "== stage " + (level + 1) + "." + n + ": " + stage.language().id() + " from " + at(text, stage.origin())
                    + " via " + (stage.via() == null ? "decoding only" : stage.via()) + ", chain " + ValueFormat.chain(stage.chain()) + " ==");
            stage.text().lines().limit(40).forEach(l -> out.println(indent + "  | " + (l.length() > 160 ? l.substring(0, 160) + "…" : l)));
            if (stage.language() == Language.PYTHON && level + 1 < depth) {
                inspect(SourceText.of(stage.text()), out, indent + "    ", level + 1, false, entryPoints, path,
                        reach.trigger(stage.scope()));
            }
        }
    }

    private static String at(SourceText text, int offset) {
        int o = Math.max(0, Math.min(offset, text.length()));
        return String.format("%4d:%-3d", text.lineOf(o), text.columnOf(o));
    }
}
