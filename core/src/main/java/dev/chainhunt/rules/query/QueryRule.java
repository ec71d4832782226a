package dev.chainhunt.rules.query;

import dev.chainhunt.deobf.Value;
import dev.chainhunt.deobf.python.PyModel;
import dev.chainhunt.lang.SyntaxNode;
import dev.chainhunt.lang.python.PyKind;
import dev.chainhunt.model.Language;
import dev.chainhunt.rules.RuleMetadata;
import dev.chainhunt.rules.SourceContext;
import dev.chainhunt.rules.SourceRule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A rule written in YAML: metadata plus a {@link Condition} over the resolved model of a file.
 * Each place the condition holds becomes one finding (one per line), with the satisfying value's
 * text as evidence and its decode chain.
 *
 * @param message the finding message; {@code {callee}}, {@code {source}} and {@code {chain}} are filled in
 * @param undoneBy what takes the action back ({@code undone_by:}), or null: code that only runs when
 *                 called and that the file can also undo (a "start at login" switch that deletes
 *                 the Run value it sets) is a setting the user turns on and off, reported with low
 *                 confidence; code that runs on its own is reported as usual, undo or not
 */
public record QueryRule(RuleMetadata metadata, List<Language> languages, Condition match, String message,
                        Condition undoneBy) implements SourceRule {

    /** Findings of one rule in one file, at most. */
    static final int MAX_PER_FILE = 20;

    @Override
    public boolean appliesTo(Language language) {
        return languages.contains(language);
    }

    @Override
    public void check(SourceContext context) {
        PyModel model = context.python();
        if (model == null) {
            return;
        }
        Matcher matcher = new Matcher(model, context.callsByCallee(), context.callsByLastName(), context::trigger, context.file().path(),
                context.file().provenance());
        Set<Integer> lines = new HashSet<>();
        Set<String> asking = null;
        List<Matcher.Match> undos = null;
        List<Matcher.Match> matches = matcher.match(match);
        for (Matcher.Match m : matches) {
            int offset = Math.max(0, Math.min(m.offset(), context.text().length()));
            int line = context.text().lineOf(offset);
            if (!lines.add(line) || lines.size() > MAX_PER_FILE) {
                continue;
            }
            List<String> chain = m.value() == null ? List.of() : ValueCondition.decodeChain(m.value());
            dev.chainhunt.model.Trigger trigger = context.trigger(m.site() != null ? m.site().scope()
                    : scopeAt(model.tree().root(), m.offset()));
            if (asking == null && !trigger.automatic()) {
                asking = context.shared("query.askingScopes", () -> askingScopes(model)); // once per file
            }
            boolean asked = !trigger.automatic() && askedFirst(model, m.site(), asking);
            boolean undone = false;
            if (!asked && !trigger.automatic() && undoneBy != null) {
                undos = undos != null ? undos : matcher.match(undoneBy); // once per file
                undone = undoneElsewhere(model.tree().root(), m, matches, undos);
            }
            dev.chainhunt.rules.FindingBuilder finding = context.at(this, line, context.text().columnOf(offset))
                    .trigger(trigger)
                    .evidence(Matcher.evidence(m))
                    .decodeChain(chain);
            if (asked || undone) {
                finding.confidence(dev.chainhunt.model.Confidence.LOW);
            }
            finding.report(format(m, chain) + (asked ? ", after asking the user to confirm"
                    : undone ? ", and the code also takes it back: a setting the user switches on and off" : ""));
        }
    }

    /**
     * Whether an undo of {@code m} is in another function (disable() beside enable()) or, in its own
     * function, on a branch of an if that nothing the rule matched is on (the else of a toggle).
     * Removing an old entry before writing it again, as droppers do, is no off switch.
     */
    private static boolean undoneElsewhere(SyntaxNode root, Matcher.Match m, List<Matcher.Match> matches,
                                           List<Matcher.Match> undos) {
        if (m.site() == null) {
            return !undos.isEmpty();
        }
        String scope = m.site().scope();
        for (Matcher.Match undo : undos) {
            if (undo.site() == null || !undo.site().scope().equals(scope)) {
                return true;
            }
            SyntaxNode arm = branchOf(root, undo.offset());
            if (arm != null && matches.stream().noneMatch(x -> x.offset() >= arm.start() && x.offset() < arm.end())) {
                return true;
            }
        }
        return false;
    }

    /** The nodes from {@code root} down to the innermost one that holds {@code offset}. */
    private static List<SyntaxNode> nodesAt(SyntaxNode root, int offset) {
        List<SyntaxNode> path = new ArrayList<>();
        for (SyntaxNode node = root; node != null && path.size() < 200; ) {
            path.add(node);
            SyntaxNode next = null;
            for (SyntaxNode c : node.children()) {
                if (c != null && c.start() <= offset && offset < c.end()) {
                    next = c;
                    break;
                }
            }
            node = next;
        }
        return path;
    }

    /**
     * The function (or class body) that text at {@code offset} is written in, named as the evaluator
     * names scopes ({@code Class.method}), or null at module level: a string inside a function runs
     * when the function does, not when the module is imported.
     */
    static String scopeAt(SyntaxNode root, int offset) {
        List<String> names = new ArrayList<>();
        for (SyntaxNode node : nodesAt(root, offset)) {
            if ((node.is(PyKind.FUNCTION) || node.is(PyKind.CLASS)) && node.text() != null) {
                names.add(node.text());
            }
        }
        return names.isEmpty() ? null : String.join(".", names);
    }

    /** The innermost branch (an if's body or else block) that {@code offset} is on, or null. */
    private static SyntaxNode branchOf(SyntaxNode root, int offset) {
        List<SyntaxNode> path = nodesAt(root, offset);
        SyntaxNode arm = null;
        for (int i = 1; i < path.size(); i++) {
            SyntaxNode parent = path.get(i - 1);
            SyntaxNode c = path.get(i);
            if (parent.is(PyKind.IF) && parent.child(0) != c && !c.is(PyKind.IF)) {
                arm = c;
            }
        }
        return arm;
    }

    /** Calls that ask the person at the terminal a yes/no question. */
    private static final Set<String> CONFIRMS = Set.of("click.confirm", "typer.confirm", "rich.prompt.Confirm.ask",
            "questionary.confirm", "inquirer.confirm");
    private static final Set<String> INPUTS = Set.of("builtins.input", "builtins.raw_input");
    /** The text of an input() prompt that asks for a yes or a no (not for a password or a seed phrase). */
    private static final java.util.regex.Pattern YES_NO = java.util.regex.Pattern.compile(
            "(?i)(\\[\\s*y(es)?\\s*/\\s*n(o)?\\s*]|\\(\\s*y(es)?\\s*/\\s*n(o)?\\s*\\)|\\by/n\\b|\\byes/no\\b)");

    /**
     * Whether the function of {@code site} asks the user something before it (input(), click.confirm),
     * itself or through a function of the file it calls first (torch.hub's {@code _check_trust}):
     * code that waits for a yes at a terminal acts on the user's behalf. Never applied to code that
     * runs on its own, where nobody is asked.
     */
    private static boolean askedFirst(PyModel model, PyModel.CallSite site, Set<String> asking) {
        return site != null && askedBefore(model, site.scope(), site.node().start(), asking, 0);
    }

    /**
     * Whether code of {@code scope} at {@code position} runs only after a yes/no question: one asked
     * earlier in the same function, or before every call of the function in the file (a download
     * helper that only a confirming loader calls).
     */
    private static boolean askedBefore(PyModel model, String scope, int position, Set<String> asking, int depth) {
        boolean called = false;
        for (PyModel.CallSite other : model.calls()) {
            if (other.node().start() < position && other.scope().equals(scope)
                    && (asks(model, other) || asking.contains(other.callee().replace("()", "")))) {
                return true;
            }
        }
        if (depth >= 3 || scope.equals("<module>")) {
            return false;
        }
        for (PyModel.CallSite caller : model.calls()) {
            if (caller.callee().replace("()", "").equals(scope) && !caller.scope().equals(scope)) {
                if (!askedBefore(model, caller.scope(), caller.node().start(), asking, depth + 1)) {
                    return false;
                }
                called = true;
            }
        }
        return called;
    }

    /** The functions of a file that ask a yes/no question, directly or through a function they call (a few calls deep). */
    private static Set<String> askingScopes(PyModel model) {
        Set<String> asking = new HashSet<>();
        for (PyModel.CallSite call : model.calls()) {
            if (asks(model, call)) {
                asking.add(call.scope());
            }
        }
        for (int depth = 0; depth < 3 && !asking.isEmpty(); depth++) {
            Set<String> callers = new HashSet<>();
            for (PyModel.CallSite call : model.calls()) {
                if (!asking.contains(call.scope()) && asking.contains(call.callee().replace("()", ""))) {
                    callers.add(call.scope());
                }
            }
            if (!asking.addAll(callers)) {
                break;
            }
        }
        return asking;
    }

    private static boolean asks(PyModel model, PyModel.CallSite call) {
        return (CONFIRMS.contains(call.callee()) || call.callee().endsWith("Confirm.ask")
                || INPUTS.contains(call.callee()) && isYesNo(call)) && answerDecides(model, call);
    }

    /**
     * Whether the answer to a prompt decides anything: it is tested (if, while, assert, match, a
     * conditional expression), returned to a caller, or kept in a name that such a test or return
     * reads later in the function; {@code click.confirm(..., abort=True)} aborts by itself. A
     * question whose answer is dropped guards nothing.
     */
    private static boolean answerDecides(PyModel model, PyModel.CallSite prompt) {
        Value abort = prompt.keywords().get("abort");
        if (abort != null && Boolean.TRUE.equals(dev.chainhunt.deobf.python.PyValues.truth(abort))) {
            return true;
        }
        List<SyntaxNode> path = pathTo(model.tree().root(), prompt.node());
        for (int i = path.size() - 2; i >= 0; i--) {
            SyntaxNode up = path.get(i);
            SyntaxNode child = path.get(i + 1);
            if (up.is(PyKind.IF) || up.is(PyKind.WHILE) || up.is(PyKind.ASSERT) || up.is(PyKind.MATCH)) {
                return up.childCount() > 0 && up.child(0) == child;
            }
            if (up.is(PyKind.RETURN) || up.is(PyKind.CONDITIONAL)) {
                return true;
            }
            if (up.is(PyKind.ASSIGN) || up.is(PyKind.ANN_ASSIGN)) {
                Set<String> names = new HashSet<>();
                for (SyntaxNode target : up.children()) {
                    if (target != child && target.is(PyKind.NAME)) {
                        names.add(target.text());
                    }
                }
                SyntaxNode function = path.get(0);
                for (int f = i - 1; f >= 0; f--) {
                    if (path.get(f).is(PyKind.FUNCTION)) {
                        function = path.get(f);
                        break;
                    }
                }
                return !names.isEmpty() && testedLater(function, up.end(), names);
            }
            if (up.is(PyKind.EXPR) || up.is(PyKind.BLOCK) || up.is(PyKind.FUNCTION) || up.is(PyKind.MODULE)
                    || up.is(PyKind.FOR) || up.is(PyKind.WITH) || up.is(PyKind.CLASS)) {
                return false;
            }
        }
        return false;
    }

    /** The nodes from {@code root} down to {@code target}, or an empty list when it is not in the tree. */
    private static List<SyntaxNode> pathTo(SyntaxNode root, SyntaxNode target) {
        List<SyntaxNode> path = new java.util.ArrayList<>();
        SyntaxNode node = root;
        while (node != null) {
            path.add(node);
            if (node == target) {
                return path;
            }
            SyntaxNode next = null;
            for (SyntaxNode c : node.children()) {
                if (c != null && c.start() <= target.start() && target.end() <= c.end()) {
                    next = c;
                    break;
                }
            }
            node = next;
        }
        return List.of();
    }

    /** Whether a test or return after {@code from} in {@code scope} reads one of {@code names}. */
    private static boolean testedLater(SyntaxNode scope, int from, Set<String> names) {
        // What the answer is copied into counts as the answer: cfg["consent"] = ans.lower() in ("y", "yes").
        List<SyntaxNode> assignments = new ArrayList<>();
        java.util.ArrayDeque<SyntaxNode> walk = new java.util.ArrayDeque<>(List.of(scope));
        for (int visited = 0; !walk.isEmpty() && visited < 100_000; visited++) {
            SyntaxNode n = walk.pop();
            if (n.end() <= from) {
                continue;
            }
            if (n.is(PyKind.ASSIGN) && n.start() >= from) {
                assignments.add(n);
            }
            n.children().forEach(c -> {
                if (c != null) {
                    walk.push(c);
                }
            });
        }
        assignments.sort(java.util.Comparator.comparingInt(SyntaxNode::start));
        names = new HashSet<>(names);
        for (SyntaxNode assign : assignments) {
            SyntaxNode value = assign.child(assign.childCount() - 1);
            if (value != null && readsName(value, names)) {
                for (SyntaxNode target : assign.children().subList(0, assign.childCount() - 1)) {
                    SyntaxNode base = target;
                    while (base != null && (base.is(PyKind.SUBSCRIPT) || base.is(PyKind.ATTRIBUTE)) && base.childCount() > 0) {
                        base = base.child(0);
                    }
                    if (base != null && base.is(PyKind.NAME)) {
                        names.add(base.text());
                    }
                }
            }
        }
        java.util.ArrayDeque<SyntaxNode> todo = new java.util.ArrayDeque<>(List.of(scope));
        int visited = 0;
        while (!todo.isEmpty() && visited++ < 100_000) {
            SyntaxNode n = todo.pop();
            if (n.end() <= from) {
                continue;
            }
            SyntaxNode test = n.is(PyKind.IF) || n.is(PyKind.WHILE) || n.is(PyKind.ASSERT) || n.is(PyKind.MATCH)
                    ? (n.childCount() > 0 ? n.child(0) : null) : n.is(PyKind.RETURN) || n.is(PyKind.CONDITIONAL) ? n : null;
            if (test != null && test.start() >= from && readsName(test, names)) {
                return true;
            }
            for (SyntaxNode c : n.children()) {
                if (c != null) {
                    todo.push(c);
                }
            }
        }
        return false;
    }

    private static boolean readsName(SyntaxNode expression, Set<String> names) {
        java.util.ArrayDeque<SyntaxNode> todo = new java.util.ArrayDeque<>(List.of(expression));
        int visited = 0;
        while (!todo.isEmpty() && visited++ < 10_000) {
            SyntaxNode n = todo.pop();
            if (n.is(PyKind.NAME) && names.contains(n.text())) {
                return true;
            }
            for (SyntaxNode c : n.children()) {
                if (c != null) {
                    todo.push(c);
                }
            }
        }
        return false;
    }

    private static boolean isYesNo(PyModel.CallSite input) {
        String prompt = input.args().isEmpty() ? null : dev.chainhunt.deobf.python.PyValues.text(input.args().get(0));
        if (prompt == null && !input.args().isEmpty() && input.args().get(0) instanceof dev.chainhunt.deobf.Value.Opaque o) {
            prompt = String.join(" … ", o.fragments()); // f"Install {name}? [y/N] "
        }
        return prompt != null && YES_NO.matcher(prompt).find();
    }

    private String format(Matcher.Match m, List<String> chain) {
        String callee = m.site() == null ? "" : m.site().callee();
        return message.replace("{callee}", callee.startsWith("builtins.") ? callee.substring(9) : callee)
                .replace("{source}", m.source() == null ? "an earlier call" : m.source())
                .replace("{chain}", chain.isEmpty() ? "no encoding" : String.join(" → ", chain));
    }
}
