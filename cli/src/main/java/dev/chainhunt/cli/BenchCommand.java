package dev.chainhunt.cli;

import dev.chainhunt.archive.ArchiveReader;
import dev.chainhunt.archive.Contents;
import dev.chainhunt.archive.Limits;
import dev.chainhunt.archive.TextEntry;
import dev.chainhunt.deobf.Budget;
import dev.chainhunt.deobf.python.PyEvaluator;
import dev.chainhunt.deobf.python.PyModel;
import dev.chainhunt.lang.Languages;
import dev.chainhunt.lang.Parsers;
import dev.chainhunt.lang.SourceText;
import dev.chainhunt.lang.SyntaxTree;
import dev.chainhunt.model.Language;
import dev.chainhunt.model.Target;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code chainhunt bench}: measurements recorded in docs/BENCHMARKS.md. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = ChainhuntCommand.VersionProvider.class,
        description = "Measures chainhunt on real packages.",
        subcommands = {BenchCommand.Parse.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (parse)");
    }

    @Command(name = "parse", mixinStandardHelpOptions = true,
            description = {"Lexes and parses every Python file of the targets on one thread and reports the parse "
                    + "success rate (files without a syntax error) and the speed in MB/s; with --evaluate, also the "
                    + "speed of the partial evaluator. Reading and decoding the files is not timed."})
    static final class Parse implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "TARGET", arity = "1..*", description = "Archives, files or directories.")
        List<String> targets;

        @Option(names = "--each", description = "Every archive under a directory is a target.")
        boolean each;

        @Option(names = "--passes", defaultValue = "5", description = "Timed passes over all files (default: ${DEFAULT-VALUE}); the best is reported.")
        int passes;

        @Option(names = "--warmup", defaultValue = "2", description = "Untimed passes first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--errors", defaultValue = "15", description = "Files with syntax errors to list (default: ${DEFAULT-VALUE}).")
        int showErrors;

        @Option(names = "--evaluate", description = "Also time the partial evaluation (deobfuscation) of the parsed files.")
        boolean evaluate;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ArchiveReader reader = new ArchiveReader(Limits.DEFAULT);
            List<String> names = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            long bytes = 0;
            List<Target> all = TargetList.expand(targets, each);
            for (Target target : all) {
                Contents contents = reader.read(target);
                for (TextEntry entry : contents.texts()) {
                    if (Languages.detect(entry.path(), entry.bytes()) == Language.PYTHON) {
                        SourceText text = Parsers.decode(Language.PYTHON, entry.bytes());
                        names.add(target.name() + "!/" + entry.path());
                        texts.add(text.text());
                        bytes += entry.bytes().length;
                    }
                }
            }
            if (texts.isEmpty()) {
                throw new UsageException("no Python files in the targets");
            }
            for (int i = 0; i < warmup; i++) {
                parseAll(texts);
            }
            long best = Long.MAX_VALUE;
            for (int i = 0; i < Math.max(1, passes); i++) {
                long start = System.nanoTime();
                parseAll(texts);
                best = Math.min(best, System.nanoTime() - start);
            }
            Map<String, Integer> messages = new LinkedHashMap<>();
            List<String> failed = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                SyntaxTree tree = Parsers.parse(Language.PYTHON, texts.get(i));
                if (!tree.errors().isEmpty()) {
                    SyntaxTree.SyntaxError e = tree.errors().get(0);
                    SourceText t = SourceText.of(texts.get(i));
                    failed.add(names.get(i) + ":" + t.lineOf(e.start()) + ": " + e.message());
                    messages.merge(e.message(), 1, Integer::sum);
                }
            }
            double mb = bytes / 1e6;
            String evaluation = null;
            if (evaluate) {
                List<SyntaxTree> trees = new ArrayList<>();
                texts.forEach(t -> trees.add(Parsers.parse(Language.PYTHON, t)));
                for (int i = 0; i < warmup; i++) {
                    evaluateAll(trees);
                }
                long bestEval = Long.MAX_VALUE;
                int stopped = 0;
                for (int i = 0; i < Math.max(1, passes); i++) {
                    long start = System.nanoTime();
                    stopped = evaluateAll(trees);
                    bestEval = Math.min(bestEval, System.nanoTime() - start);
                }
                evaluation = String.format("evaluation: %.1f MB/s on one thread (best of %d passes); %,d files stopped at their budget",
                        mb / (bestEval / 1e9), passes, stopped);
            }
            out.printf("python files: %,d (%.1f MB) from %,d targets%n", texts.size(), mb, all.size());
            out.printf("parse: %.2f%% without syntax errors (%,d of %,d)%n",
                    100.0 * (texts.size() - failed.size()) / texts.size(), texts.size() - failed.size(), texts.size());
            out.printf("speed: %.1f MB/s lex+parse on one thread (best of %d passes after %d warm-up passes)%n",
                    mb / (best / 1e9), passes, warmup);
            if (evaluation != null) {
                out.println(evaluation);
            }
            if (!failed.isEmpty()) {
                out.println("first error per file, most common:");
                messages.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(10)
                        .forEach(e -> out.printf("  %5d  %s%n", e.getValue(), e.getKey()));
                out.println("files with errors:");
                failed.stream().sorted(Comparator.naturalOrder()).limit(showErrors).forEach(f -> out.println("  " + f));
            }
            out.flush();
            return ExitCode.OK.code();
        }

        private static int evaluateAll(List<SyntaxTree> trees) {
            int stopped = 0;
            for (SyntaxTree tree : trees) {
                PyModel model = PyEvaluator.evaluate(tree, Budget.forSource(tree.source().length()));
                stopped += model.stopped() == null ? 0 : 1;
            }
            return stopped;
        }

        private static int parseAll(List<String> texts) {
            int nodes = 0;
            for (String text : texts) {
                nodes += Parsers.parse(Language.PYTHON, text).root().childCount();
            }
            return nodes;
        }
    }
}
