package dev.chainhunt.deobf.python;

import dev.chainhunt.deobf.Base64Codec;
import dev.chainhunt.deobf.Decompressor;
import dev.chainhunt.deobf.FernetCipher;
import dev.chainhunt.deobf.HexCodec;
import dev.chainhunt.deobf.Rot13;
import dev.chainhunt.deobf.Value;
import dev.chainhunt.lang.SyntaxNode;
import dev.chainhunt.lang.python.PyKind;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.chainhunt.lang.python.PyKind.*;

/**
 * The Python library as far as deobfuscation needs it: builtins (chr, ord, map, bytes, getattr,
 * __import__ …), str and bytes methods, operators, and the decoding modules (base64, binascii,
 * codecs, zlib, gzip, bz2, lzma, Fernet). Anything else called with known arguments becomes a
 * symbolic result named after the callee. Decoding steps extend the value's chain.
 */
final class PyBuiltins {

    /** Integers larger than this many bits are not computed (2 ** 10 ** 9 would never finish). */
    private static final int MAX_INT_BITS = 1 << 16;
    private static final int MAX_SEQUENCE = 1 << 20;

    private final PyEvaluator ev;

    PyBuiltins(PyEvaluator ev) {
        this.ev = ev;
    }

    // ---- calls -----------------------------------------------------------------------------------

    Value call(Value callee, String path, List<Value> args, Map<String, Value> kw, SyntaxNode at, PyEvaluator.Frame frame) {
        Value result = null;
        try {
            if (callee instanceof Value.Instance codec && codec.type().startsWith("codecs.get") && args.size() == 1) {
                Value out = codec(args.get(0), PyValues.text(codec.state().get(0)), codec.type().endsWith("decoder"), at);
                String text = out == null ? null : PyValues.text(args.get(0));
                result = out == null || text == null ? null
                        : new Value.Seq(Value.Seq.Kind.TUPLE, List.of(out, Value.Int.of(text.length())));
            } else if (callee instanceof Value.Method m) {
                result = method(m.receiver(), m.name(), args, kw, at);
            } else if (path != null) {
                result = function(path, args, kw, at, frame);
            }
        } catch (ArithmeticException | IllegalArgumentException | IndexOutOfBoundsException e) {
            result = null; // Python would raise; the value is simply not known
        }
        if (result != null) {
            return result;
        }
        Set<String> from = new LinkedHashSet<>(callee.from());
        from.addAll(Value.union(args.toArray(Value[]::new)));
        for (Map.Entry<String, Value> k : kw.entrySet()) {
            if (!CONFIGURES_THE_CALL.contains(k.getKey())) {
                from.addAll(Value.union(k.getValue()));
            }
        }
        if (path != null) {
            from.add(path);
            if (CONNECTS.contains(path) && isLoopback(args.isEmpty() ? kw.get("host") : args.get(0))) {
                from.add(LOOPBACK);
            }
            String last = path.substring(path.lastIndexOf('.') + 1);
            if (PUBLIC_DERIVATIONS.contains(last) && path.endsWith("()." + last)) {
                // key.sign_transaction(tx), key.public_key(): nothing of the key object, only what it was given.
                Set<String> given = new LinkedHashSet<>(Value.union(args.toArray(Value[]::new)));
                given.add(path);
                return new Value.Sym(path + "()", withoutSecrets(given));
            }
            if (path.startsWith("hashlib.") || path.startsWith("hmac.") || isResponse(path)) {
                // A digest or signature reveals nothing of the secret or the machine it was computed
                // from: a salted hash of the MAC address names no host. A response holds what the
                // server sent, not the token or host name its request carried.
                return new Value.Sym(path + "()", withoutSecrets(from));
            }
            return new Value.Sym(path + "()", from);
        }
        return new Value.Opaque(from);
    }

    /**
     * Methods and attributes of a key object that give what is made to be shown or sent: the
     * signed transaction or message, the public key, the address ({@code Account.from_key(k).address}).
     */
    static final Set<String> PUBLIC_DERIVATIONS = Set.of("sign_transaction", "signTransaction", "sign_message",
            "signMessage", "sign_msg", "pubkey", "public_key", "publicKey", "get_public_key", "to_public_key",
            "verifying_key", "address");

    /** Where a value came from, less the secrets and machine details a digest or public key does not reveal. */
    static Set<String> withoutSecrets(Set<String> from) {
        Set<String> kept = new LinkedHashSet<>(from);
        kept.removeIf(source -> source.startsWith(PyEvaluator.ENVIRONMENT) || source.startsWith(PyEvaluator.PARAMETER)
                || source.startsWith(PyEvaluator.ATTRIBUTE_OF_UNKNOWN) || source.startsWith(PyEvaluator.FILE)
                || HOST_IDENTITY.stream().anyMatch(source::startsWith));
        return kept;
    }

    /**
     * The source a connection to this machine carries ({@code socket.create_connection(("127.0.0.1",
     * port))}): what arrives on it comes from another process here, not from the network.
     */
    private static final String LOOPBACK = "net:loopback";

    /** Calls that open a connection to the host their first argument names (or the address it is). */
    private static final Set<String> CONNECTS = Set.of("socket.create_connection", "asyncio.open_connection",
            "multiprocessing.connection.Client", "telnetlib.Telnet");

    /** Whether an address, (host, port) or host, is a loopback name written in the code. */
    private static boolean isLoopback(Value address) {
        Value host = address instanceof Value.Seq seq && !seq.items().isEmpty() ? seq.items().get(0) : address;
        String text = host instanceof Value.Str str ? str.value() : null;
        return text != null && (text.equals("localhost") || text.equals("::1") || text.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}"));
    }

    /** Whether the call's result is an HTTP server's response (the pattern only runs for HTTP client names). */
    private static boolean isResponse(String path) {
        return (path.startsWith("requests.") || path.startsWith("httpx.") || path.startsWith("urllib") || path.startsWith("six."))
                && RESPONSES.matcher(path).matches();
    }

    /** HTTP calls whose result is the server's response. */
    private static final java.util.regex.Pattern RESPONSES = java.util.regex.Pattern.compile(
            "(requests|httpx)(\\.(Session|Client|AsyncClient)\\(\\))?\\.(get|post|put|patch|delete|head|options|request)"
                    + "|(urllib\\.request|urllib2|six\\.moves\\.urllib\\.request)\\.urlopen|urllib3\\..*\\.(request|urlopen)");

    /** Sources that identify the machine or its user (the rule set host_identity and what derives from them). */
    static final List<String> HOST_IDENTITY = List.of("socket.gethostname", "socket.getfqdn", "getpass.getuser",
            "os.getlogin", "platform.", "uuid.getnode", "os.getcwd", "os.uname", "pwd.getpwuid", "os.environ");

    /**
     * Keyword arguments that configure how a call is made rather than what it works on: a response
     * does not come from the token in the request's headers.
     */
    private static final Set<String> CONFIGURES_THE_CALL = Set.of("headers", "auth", "cookies", "cert", "verify", "timeout");

    private Value function(String path, List<Value> args, Map<String, Value> kw, SyntaxNode at, PyEvaluator.Frame frame) {
        Value a0 = args.isEmpty() ? null : args.get(0);
        Value a1 = args.size() > 1 ? args.get(1) : null;
        switch (path) {
            // -- builtins --
            case "builtins.staticmethod" -> {
                // opener = staticmethod(urllib.request.urlopen) on a class: the library function itself.
                return args.size() == 1 && a0 instanceof Value.Sym ? a0 : null;
            }
            case "builtins.chr", "builtins.unichr" -> {
                BigInteger i = PyValues.toInt(a0);
                if (i == null || i.signum() < 0 || i.bitLength() > 21 || i.intValue() > Character.MAX_CODE_POINT) {
                    return null;
                }
                return new Value.Str(new String(Character.toChars(i.intValue())), List.of("chr"), -1);
            }
            case "builtins.ord" -> {
                if (a0 instanceof Value.Str s && s.value().codePointCount(0, s.value().length()) == 1) {
                    return Value.Int.of(s.value().codePointAt(0));
                }
                if (a0 instanceof Value.Bytes b && b.value().length == 1) {
                    return Value.Int.of(b.value()[0] & 0xff);
                }
                return null;
            }
            case "builtins.str", "builtins.unicode" -> {
                if (a0 == null) {
                    return Value.Str.of("");
                }
                if (a0 instanceof Value.Bytes b && a1 != null && PyValues.text(a1) != null) {
                    return decodeBytes(b, PyValues.text(a1));
                }
                String s = PyValues.str(a0);
                if (s == null && a0 instanceof Value.Opaque o && !o.fragments().isEmpty()) {
                    return o; // str(Path(tmp) / 'x.zip') is the same partly known text
                }
                return s == null ? null : new Value.Str(s, a0.chain(), a0.origin());
            }
            case "builtins.repr", "builtins.ascii" -> {
                String s = a0 == null ? null : PyValues.repr(a0);
                return s == null ? null : Value.Str.of(s);
            }
            case "builtins.int", "builtins.long" -> {
                return toInt(a0, a1 != null ? a1 : kw.get("base"));
            }
            case "builtins.int.from_bytes" -> {
                String order = a1 == null ? (kw.containsKey("byteorder") ? PyValues.text(kw.get("byteorder")) : "big") : PyValues.text(a1);
                if (!(a0 instanceof Value.Bytes b) || b.value().length > MAX_INT_BITS / 8 || !("big".equals(order) || "little".equals(order))) {
                    return null;
                }
                return new Value.Int(new BigInteger(1, "little".equals(order) ? reversed(b.value()) : b.value()));
            }
            case "builtins.float" -> {
                if (a0 instanceof Value.Int i) {
                    return new Value.Float(i.value().doubleValue());
                }
                if (a0 instanceof Value.Str s) {
                    return new Value.Float(Double.parseDouble(s.value().strip()));
                }
                return a0 instanceof Value.Float ? a0 : null;
            }
            case "builtins.bool" -> {
                Boolean t = a0 == null ? Boolean.FALSE : PyValues.truth(a0);
                return t == null ? null : (t ? Value.Bool.TRUE : Value.Bool.FALSE);
            }
            case "builtins.hex", "builtins.oct", "builtins.bin" -> {
                BigInteger i = PyValues.toInt(a0);
                if (i == null) {
                    return null;
                }
                int radix = path.endsWith("hex") ? 16 : path.endsWith("oct") ? 8 : 2;
                String prefix = radix == 16 ? "0x" : radix == 8 ? "0o" : "0b";
                return Value.Str.of((i.signum() < 0 ? "-" : "") + prefix + i.abs().toString(radix));
            }
            case "builtins.len" -> {
                List<Value> items = iterate(a0);
                return items == null ? null : Value.Int.of(items.size());
            }
            case "builtins.abs" -> {
                if (a0 instanceof Value.Int i) {
                    return new Value.Int(i.value().abs());
                }
                return a0 instanceof Value.Float f ? new Value.Float(Math.abs(f.value())) : null;
            }
            case "builtins.bytes", "builtins.bytearray" -> {
                return bytes(a0, a1 != null ? a1 : kw.get("encoding"), at);
            }
            case "builtins.list", "builtins.tuple", "builtins.set", "builtins.frozenset", "builtins.reversed",
                 "builtins.sorted", "builtins.iter" -> {
                if (path.equals("builtins.iter") && a1 != null) {
                    // iter(lambda: f.read(n), b''): the chunks are what the callable returns.
                    Value chunk = ev.callValue(a0, List.of(), at, frame);
                    return new Value.Opaque(Value.union(chunk, a0), fragments(chunk));
                }
                return sequence(path, a0, kw, at, frame);
            }
            case "builtins.dict" -> {
                if (kw.isEmpty()) {
                    return a0 == null ? new Value.Dict(List.of(), List.of()) : a0 instanceof Value.Dict ? a0 : null;
                }
                // dict(os.environ, BASH_ENV=path): the keywords are entries too; the entries of a
                // mapping not known one by one (the environment) share one entry, under a key not known.
                List<Value> keys = new ArrayList<>(a0 instanceof Value.Dict d ? d.keys() : List.of());
                List<Value> values = new ArrayList<>(a0 instanceof Value.Dict d ? d.values() : List.of());
                if (a0 != null && !(a0 instanceof Value.Dict)) {
                    keys.add(environmentNames(new Value.Opaque(Value.union(a0))));
                    values.add(a0);
                }
                kw.forEach((k, v) -> {
                    keys.add(Value.Str.of(k));
                    values.add(v);
                });
                return new Value.Dict(keys, values);
            }
            case "builtins.range", "builtins.xrange" -> {
                return range(args);
            }
            case "builtins.enumerate" -> {
                List<Value> items = iterate(a0);
                if (items == null) {
                    return null;
                }
                BigInteger start = a1 == null ? BigInteger.ZERO : PyValues.toInt(a1);
                if (start == null) {
                    return null;
                }
                List<Value> out = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    out.add(new Value.Seq(Value.Seq.Kind.TUPLE, List.of(new Value.Int(start.add(BigInteger.valueOf(i))), items.get(i))));
                }
                return new Value.Seq(Value.Seq.Kind.LIST, out);
            }
            case "builtins.zip" -> {
                List<List<Value>> rows = zipped(args);
                if (rows == null) {
                    return null;
                }
                List<Value> out = new ArrayList<>();
                for (List<Value> row : rows) {
                    out.add(new Value.Seq(Value.Seq.Kind.TUPLE, row));
                }
                return new Value.Seq(Value.Seq.Kind.LIST, out);
            }
            case "builtins.map" -> {
                List<List<Value>> rows = args.size() < 2 ? null : zipped(args.subList(1, args.size()));
                if (rows == null) {
                    return null;
                }
                List<Value> out = new ArrayList<>();
                for (List<Value> row : rows) {
                    out.add(ev.callValue(a0, row, at, frame));
                }
                return new Value.Seq(Value.Seq.Kind.LIST, out);
            }
            case "functools.reduce", "builtins.reduce" -> {
                // reduce(getattr, ['path', 'join'], os) is os.path.join: folded while the items are known.
                List<Value> items = iterate(a1);
                Value acc = args.size() > 2 ? args.get(2) : items == null || items.isEmpty() ? null : items.get(0);
                if (items == null || acc == null || items.size() > 256) {
                    return null;
                }
                for (Value item : items.subList(args.size() > 2 ? 0 : 1, items.size())) {
                    acc = ev.callValue(a0, List.of(acc, item), at, frame);
                    if (acc == null) {
                        return null;
                    }
                }
                return acc;
            }
            case "builtins.filter" -> {
                List<Value> items = iterate(a1);
                if (items == null) {
                    return null;
                }
                // An item the predicate may keep (filter(os.path.exists, paths): not known here) is
                // kept: what is done with the result is done with it, if it exists.
                List<Value> out = new ArrayList<>();
                for (Value item : items) {
                    Value keep = a0 instanceof Value.None ? item : ev.callValue(a0, List.of(item), at, frame);
                    if (!Boolean.FALSE.equals(PyValues.truth(keep))) {
                        out.add(item);
                    }
                }
                return new Value.Seq(Value.Seq.Kind.LIST, out);
            }
            case "builtins.sum" -> {
                List<Value> items = iterate(a0);
                if (items == null) {
                    return null;
                }
                Value acc = a1 == null ? Value.Int.of(0) : a1;
                for (Value item : items) {
                    acc = binary("+", acc, item, at);
                }
                return acc;
            }
            case "builtins.min", "builtins.max" -> {
                List<Value> items = args.size() == 1 ? iterate(a0) : args;
                if (items == null || items.isEmpty()) {
                    return null;
                }
                Value best = items.get(0);
                for (Value v : items) {
                    Integer c = order(v, best);
                    if (c == null) {
                        return null;
                    }
                    if (path.endsWith("min") ? c < 0 : c > 0) {
                        best = v;
                    }
                }
                return best;
            }
            case "operator.add", "operator.concat", "operator.iadd", "operator.iconcat", "operator.sub", "operator.mul",
                 "operator.mod", "operator.xor", "operator.ixor", "operator.and_", "operator.or_", "operator.lshift",
                 "operator.rshift", "operator.floordiv", "operator.pow" -> {
                // reduce(operator.add, map(chr, codes)): the operator functions are the operators.
                if (args.size() != 2) {
                    return null;
                }
                String op = switch (path.substring("operator.".length())) {
                    case "add", "concat", "iadd", "iconcat" -> "+";
                    case "sub" -> "-";
                    case "mul" -> "*";
                    case "mod" -> "%";
                    case "xor", "ixor" -> "^";
                    case "and_" -> "&";
                    case "or_" -> "|";
                    case "lshift" -> "<<";
                    case "rshift" -> ">>";
                    case "floordiv" -> "//";
                    default -> "**";
                };
                return binary(op, a0, a1, at);
            }
            case "glob.glob", "glob.iglob" -> {
                // Each file found matches the pattern: its literal parts are pieces of every name
                // (LOCALAPPDATA/Discord/app-*/modules/discord_desktop_core-*/…/index.js).
                if (a0 == null) {
                    return null;
                }
                List<String> pieces = new ArrayList<>();
                for (String fragment : fragments(a0)) {
                    for (String piece : GLOB_WILDCARDS.split(fragment.replace('\\', '/'))) {
                        if (!piece.isEmpty()) {
                            pieces.add(piece);
                        }
                    }
                }
                Set<String> from = new LinkedHashSet<>(Value.union(a0));
                from.add(path);
                return new Value.Opaque(from, pieces);
            }
            case "operator.getitem" -> {
                return args.size() == 2 ? index(a0, a1) : null;
            }
            case "builtins.pow" -> {
                return args.size() == 2 ? binary("**", a0, a1, at) : null;
            }
            case "builtins.divmod" -> {
                Value q = binary("//", a0, a1, at);
                Value r = binary("%", a0, a1, at);
                return new Value.Seq(Value.Seq.Kind.TUPLE, List.of(q, r));
            }
            case "builtins.getattr" -> {
                String name = a1 == null ? null : PyValues.text(a1);
                return name == null ? null : ev.attribute(a0, name);
            }
            case "importlib.machinery.SourceFileLoader", "importlib.util.spec_from_file_location" -> {
                // A loader of a data file the package ships (accel.dat) whose exec_module runs it
                // as Python; the package's own .py modules are analysed as themselves.
                Value location = a1 != null ? a1 : kw.get(path.endsWith("Loader") ? "path" : "location");
                String where = location == null ? null : pathName(location);
                String source = where == null || where.endsWith(".py") ? null : shippedText(location);
                if (source == null) {
                    return null;
                }
                Value loader = new Value.Instance(SOURCE_LOADER, List.of(Value.Str.of(source)), Set.of());
                return path.endsWith("Loader") ? loader : new Value.Instance(MODULE_SPEC, List.of(loader), Set.of());
            }
            case "builtins.__import__", "importlib.import_module", "importlib.__import__", "sys.modules.get", "sys.modules.setdefault" -> {
                String name = a0 == null ? null : PyValues.text(a0);
                if (name == null || name.isBlank()) {
                    return null;
                }
                ev.recordImport(name);
                return Value.Sym.of(name);
            }
            case "builtins.globals", "builtins.locals", "builtins.vars" -> {
                return a0 == null ? Value.Sym.of(path + "()") : ev.attribute(a0, "__dict__");
            }
            case "os.environ.get", "os.getenv", "os.environ.setdefault", "os.environ.pop" -> {
                String key = PyValues.text(a0);
                if (key == null) {
                    return null;
                }
                if (a1 != null && !a1.chain().isEmpty()) {
                    // A default that had to be decoded is the code's own hidden value (an endpoint
                    // behind an override variable): it says more than the variable's name.
                    return a1;
                }
                java.util.Set<String> from = new java.util.LinkedHashSet<>(Value.union(args.toArray(Value[]::new)));
                from.add(path);
                String fallback = a1 == null ? null : PyValues.text(a1);
                if (fallback != null && !fallback.isEmpty() && fallback.length() <= 4096) {
                    // The default is one possibility, kept as a piece: where a beacon posts unless told otherwise.
                    return new Value.Opaque(environment(key, from), List.of(fallback));
                }
                return new Value.Sym(path + "()", environment(key, from));
            }
            case "os.path.dirname", "posixpath.dirname", "ntpath.dirname", "os.path.basename", "posixpath.basename",
                 "ntpath.basename" -> {
                String text = PyValues.text(a0);
                if (text == null) {
                    return null;
                }
                int cut = Math.max(text.lastIndexOf('/'), path.startsWith("posixpath") ? -1 : text.lastIndexOf('\\'));
                boolean dir = path.endsWith("dirname");
                return Value.Str.of(cut < 0 ? (dir ? "" : text) : dir ? text.substring(0, cut == 0 ? 1 : cut) : text.substring(cut + 1));
            }
            case "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.WindowsPath", "pathlib.PurePosixPath",
                 "pathlib.PureWindowsPath" -> {
                // A path whose text is known stays known as its piece: Path('~/.config') / 'autostart';
                // Path(folder, 'svc.dll') keeps the pieces it is joined from.
                Value joined = args.size() == 1 ? a0 : args.size() > 1 ? pathJoin(args, "/") : null;
                String text = PyValues.text(joined);
                if (joined == null || (text == null && PyBuiltins.fragments(joined).isEmpty() && !ofCaller(joined))) {
                    return null;
                }
                Set<String> from = new LinkedHashSet<>(Value.union(joined));
                from.add(PATHLIB);
                return new Value.Opaque(from, text != null ? List.of(text.replace('\\', '/')) : PyBuiltins.fragments(joined));
            }
            case "importlib.resources.files", "importlib_resources.files" -> {
                // The package's own folder (files(__package__)): its data files are the target's.
                String dir = moduleFolder();
                return dir == null ? null : new Value.Instance(PACKAGE_FOLDER, List.of(Value.Str.of(dir)), Set.of(path));
            }
            case "pkgutil.get_data", "importlib.resources.read_binary", "importlib_resources.read_binary",
                 "importlib.resources.read_text", "importlib_resources.read_text" -> {
                String dir = moduleFolder();
                String name = a1 == null ? null : PyValues.text(a1);
                return dir == null || name == null ? null : shippedContent(dir + "/" + name, !path.endsWith("read_text"));
            }
            case "textwrap.dedent", "inspect.cleandoc" -> {
                return a0 instanceof Value.Str str ? new Value.Str(PyStrings.dedent(str.value(), path.startsWith("inspect")),
                        str.chain(), str.origin()) : null;
            }
            case "os.path.join", "posixpath.join", "ntpath.join" -> {
                return pathJoin(args, path.startsWith("ntpath") ? "\\" : "/");
            }
            case "os.path.abspath", "os.path.realpath", "os.path.normpath", "os.path.expanduser", "os.path.expandvars" -> {
                // Where the file is depends on the working directory or the user; its own name stays known.
                String text = PyValues.text(a0);
                if (text == null) {
                    return a0 instanceof Value.Opaque o && !o.fragments().isEmpty() ? new Value.Opaque(Value.union(a0), o.fragments()) : null;
                }
                return text.startsWith("/") ? a0 : new Value.Opaque(java.util.Set.of(path), List.of(text));
            }
            case "builtins.open", "io.open", "codecs.open" -> {
                // Reading back a file that was written with downloaded content reads the download.
                java.util.Set<String> downloaded = a0 == null ? null : ev.downloadedInto(a0);
                if (downloaded == null) {
                    Value shipped = shipped(a0, a1 == null ? kw.get("mode") : a1);
                    if (shipped != null) {
                        return shipped;
                    }
                }
                java.util.Set<String> from = new java.util.LinkedHashSet<>(Value.union(args.toArray(Value[]::new)));
                from.add(path);
                if (downloaded != null) {
                    from.addAll(downloaded);
                    from.add(PyEvaluator.DOWNLOADED_FILE); // reading it back reads what was downloaded
                }
                String name = a0 == null ? null : pathName(a0);
                if (name != null) {
                    from.add(PyEvaluator.FILE + name); // what is read from it is known by the file's name
                } else if (a0 != null && ofCaller(a0)) {
                    from.add(PyEvaluator.CALLER_SOURCE);
                }
                return new Value.Sym(path + "()", from);
            }
            case "configparser.ConfigParser", "configparser.RawConfigParser", "configparser.SafeConfigParser",
                 "ConfigParser.ConfigParser", "ConfigParser.RawConfigParser", "ConfigParser.SafeConfigParser" -> {
                // Filled by read()/read_string() (see PyEvaluator.mutate); its state is {section: {option: value}}.
                return new Value.Instance(CONFIG_PARSER, List.of(new Value.Dict(List.of(), List.of())), Set.of(path));
            }
            case "builtins.setattr" -> {
                if (args.size() == 3 && PyValues.text(a1) != null) {
                    ev.handlerSet(a0, PyValues.text(a1), args.get(2)); // setattr(requests.Session, 'send', f)
                }
                return Value.None.INSTANCE;
            }
            case "builtins.print", "builtins.delattr" -> {
                return Value.None.INSTANCE;
            }
            case "builtins.format" -> {
                String text = a0 == null ? null : PyValues.str(a0);
                String spec = a1 == null ? "" : PyValues.text(a1);
                return text == null || spec == null ? null : strOrNull(spec.isEmpty() ? text : PyFormat.format(a0, text, spec));
            }
            case "builtins.str.maketrans", "builtins.bytes.maketrans", "string.maketrans" -> {
                return maketrans(args);
            }
            case "builtins.bytes.fromhex", "builtins.bytearray.fromhex" -> {
                String hex = PyValues.text(a0);
                byte[] b = hex == null ? null : HexCodec.decode(hex, true);
                return b == null ? null : decodedBytes(b, a0, "hex", at);
            }
            default -> {
                return decoding(path, args, kw, at, frame);
            }
        }
    }

    /** Decoders, compression and serialised code (kept apart so each method stays small enough for the JIT). */
    private Value decoding(String path, List<Value> args, Map<String, Value> kw, SyntaxNode at, PyEvaluator.Frame frame) {
        Value a0 = args.isEmpty() ? null : args.get(0);
        Value a1 = args.size() > 1 ? args.get(1) : null;
        switch (path) {
            // -- base64 and friends --
            case "base64.b64decode", "base64.standard_b64decode", "base64.urlsafe_b64decode", "base64.decodebytes",
                 "base64.decodestring", "binascii.a2b_base64" -> {
                String text = PyValues.text(a0);
                if (text == null && a0 instanceof Value.Opaque alternatives) {
                    return eachDecoded(alternatives, at);
                }
                byte[] b = text == null ? null : Base64Codec.b64decode(text);
                return b == null ? null : decodedBytes(b, a0, "base64", at);
            }
            case "base64.b64encode", "base64.standard_b64encode", "base64.urlsafe_b64encode", "base64.encodebytes",
                 "base64.encodestring", "binascii.b2a_base64" -> {
                byte[] b = bytesOf(a0);
                return b == null ? null : new Value.Bytes(Base64Codec.b64encode(b, path.contains("urlsafe"))
                        .getBytes(StandardCharsets.ISO_8859_1), a0.chain(), a0.origin());
            }
            case "base64.b32decode" -> {
                return decodedText(a0, Base64Codec::b32decode, "base32", at);
            }
            case "base64.b32hexdecode" -> {
                return decodedText(a0, Base64Codec::b32hexdecode, "base32hex", at);
            }
            case "base64.b16decode" -> {
                return decodedText(a0, Base64Codec::b16decode, "base16", at);
            }
            case "base64.b85decode" -> {
                return decodedText(a0, Base64Codec::b85decode, "base85", at);
            }
            case "base64.a85decode" -> {
                return decodedText(a0, Base64Codec::a85decode, "ascii85", at);
            }
            case "quopri.decodestring", "binascii.a2b_qp" -> {
                return decodedText(a0, HexCodec::quotedPrintable, "quoted-printable", at);
            }
            case "binascii.unhexlify", "binascii.a2b_hex" -> {
                String text = PyValues.text(a0);
                byte[] b = text == null ? null : HexCodec.decode(text, false);
                return b == null ? null : decodedBytes(b, a0, "hex", at);
            }
            case "binascii.hexlify", "binascii.b2a_hex" -> {
                byte[] b = bytesOf(a0);
                return b == null ? null : Value.Bytes.of(HexCodec.encode(b).getBytes(StandardCharsets.ISO_8859_1));
            }
            case "codecs.getencoder", "codecs.getdecoder" -> {
                // A codec function: calling it gives (result, length consumed).
                return a0 != null && PyValues.text(a0) != null ? new Value.Instance(path, List.of(a0), Set.of()) : null;
            }
            case "codecs.decode", "codecs.encode" -> {
                String encoding = a1 != null ? PyValues.text(a1) : kw.containsKey("encoding") ? PyValues.text(kw.get("encoding")) : "utf-8";
                return encoding == null ? null : codec(a0, encoding, path.endsWith("decode"), at);
            }
            // -- compression --
            case "zlib.decompress" -> {
                byte[] b = bytesOf(a0);
                BigInteger wbits = a1 != null ? PyValues.toInt(a1) : kw.containsKey("wbits") ? PyValues.toInt(kw.get("wbits")) : BigInteger.valueOf(15);
                byte[] out = b == null || wbits == null ? null : Decompressor.zlib(b, wbits.intValue(), ev.budget.maxValueBytes());
                return out == null ? null : decodedBytes(out, a0, "zlib", at);
            }
            case "gzip.decompress" -> {
                byte[] b = bytesOf(a0);
                byte[] out = b == null ? null : Decompressor.gzip(b, ev.budget.maxValueBytes());
                return out == null ? null : decodedBytes(out, a0, "gzip", at);
            }
            case "bz2.decompress" -> {
                byte[] b = bytesOf(a0);
                byte[] out = b == null ? null : Decompressor.bz2(b, ev.budget.maxValueBytes());
                return out == null ? null : decodedBytes(out, a0, "bz2", at);
            }
            case "lzma.decompress" -> {
                byte[] b = bytesOf(a0);
                byte[] out = b == null ? null : Decompressor.lzma(b, ev.budget.maxValueBytes());
                return out == null ? null : decodedBytes(out, a0, "lzma", at);
            }
            // -- serialised code: not run, kept as data so the strings inside are still seen --
            case "marshal.dumps", "pickle.dumps", "cPickle.dumps", "_pickle.dumps", "dill.dumps", "cloudpickle.dumps" -> {
                // Kept as what was serialised, so that loads(dumps(x)) is x again.
                return a0 == null ? null : new Value.Instance(path, List.of(a0), a0.from());
            }
            case "marshal.loads", "pickle.loads", "cPickle.loads", "_pickle.loads", "dill.loads", "cloudpickle.loads" -> {
                if (a0 instanceof Value.Instance dumped && dumped.type().endsWith(".dumps")
                        && dumped.type().substring(0, dumped.type().indexOf('.')).equals(path.substring(0, path.indexOf('.')))) {
                    return dumped.state().get(0);
                }
                byte[] b = bytesOf(a0);
                String text = b != null && path.startsWith("marshal") ? CompiledModule.marshalledText(b) : null;
                if (text != null) {
                    return decodedStr(text, a0, "marshal", at); // marshal.dumps(source): the source again
                }
                if (b != null) {
                    String step = path.startsWith("marshal") ? "marshal" : "pickle";
                    ev.decoded(new Value.Bytes(b, PyValues.append(a0.chain(), step), a0.origin()), at);
                    // A pickle runs the calls it was written with, analysed as the code they are; a code
                    // object is read for the names it uses and its strings, as a .pyc is.
                    CompiledModule code = step.equals("marshal") ? CompiledModule.fromMarshal(b) : null;
                    String stage = code != null ? code.listing() : step.equals("pickle") ? PickleDecompiler.decompile(b) : null;
                    if (stage != null) {
                        ev.addStage(stage, dev.chainhunt.model.Language.PYTHON, a0.origin() >= 0 ? a0.origin() : at.start(),
                                PyValues.append(PyValues.append(a0.chain(), step), "python"), path, PyEvaluator.site(frame));
                    }
                }
                Set<String> from = new LinkedHashSet<>(a0 == null ? Set.of() : a0.from());
                from.add(path); // what was loaded comes from where its bytes came from
                return new Value.Opaque(from);
            }
            case "inspect.getsource", "inspect.getsourcelines", "inspect.findsource", "linecache.getlines" -> {
                String own = path.equals("inspect.getsource") && a0 instanceof Value.Sym module
                        && module.path().equals(ev.files.moduleName()) ? ev.files.ownText() : null;
                if (own != null && ev.budget.allows(own.length())) {
                    // inspect.getsource(sys.modules[__name__]): this module's own text, where a
                    // payload hidden in comment lines is read back from (open(__file__) is not
                    // read: that is how code inspects or rewrites itself).
                    return new Value.Str(own, List.of(), -1);
                }
                // The source of the program that imported the package (its __main__ module, a
                // caller's frame): what a developer pasted keys into.
                if (a0 == null || !ofCaller(a0)) {
                    return null;
                }
                Set<String> from = new LinkedHashSet<>(a0.from());
                from.add(path);
                from.add(PyEvaluator.CALLER_SOURCE);
                return new Value.Sym(path + "()", from);
            }
            case "hashlib.md5", "hashlib.sha1", "hashlib.sha224", "hashlib.sha256", "hashlib.sha384", "hashlib.sha512" -> {
                // A digest of known bytes (a key derived from a seed the code ships) is known too.
                byte[] data = a0 == null ? new byte[0] : a0 instanceof Value.Bytes b ? b.value() : null;
                return data == null ? null : new Value.Instance(path, List.of(Value.Str.of(path.substring(8)), new Value.Bytes(data, List.of(), -1)), Set.of(path));
            }
            case "string.Template" -> {
                return a0 instanceof Value.Str t ? new Value.Instance(TEMPLATE, List.of(t), Set.of(path)) : null;
            }
            default -> {
                return otherCall(path, args, kw, at);
            }
        }
    }

    /** Loaders of JSON and YAML text, and whether they read YAML (safe or not: tags are PyYamlGadgets' business). */
    private static final Map<String, Boolean> DATA_LOADERS = Map.of("json.loads", false, "json.load", false,
            "yaml.safe_load", true, "yaml.load", true, "yaml.full_load", true, "yaml.unsafe_load", true);

    /** The data a config text of the package holds ({@code yaml.safe_load(open(conf))}), or null when unknown. */
    private Value dataLoaded(Value source, boolean yaml) {
        Value text = source instanceof Value.Instance file && file.type().equals(SHIPPED_FILE) ? file.state().get(0) : source;
        String s = PyValues.text(text);
        if (s == null || s.length() > DataText.MAX_TEXT || !ev.budget.allows(s.length())) {
            return null;
        }
        ev.budget.allocate(s.length() / 16 + 1);
        return DataText.parse(s, yaml, text.chain());
    }

    /** Calls recognised by the shape of their name rather than one by one. */
    private Value otherCall(String path, List<Value> args, Map<String, Value> kw, SyntaxNode at) {
        Value a0 = args.isEmpty() ? null : args.get(0);
        String type = a0 instanceof Value.Str ? "builtins.str." : a0 instanceof Value.Bytes ? "builtins.bytes." : null;
        if (type != null && path.startsWith(type) && path.indexOf('.', type.length()) < 0) {
            // str.replace(s, 'xx', 'tt'), str.join(sep, parts): a method called through its class.
            return method(a0, path.substring(path.lastIndexOf('.') + 1), args.subList(1, args.size()), kw, at);
        }
        if ((path.endsWith(".__str__") || path.endsWith(".__repr__")) && args.isEmpty()) {
            // oct.__str__() is "<built-in function oct>": obfuscators index into such strings
            Value.Sym base = Value.Sym.of(path.substring(0, path.lastIndexOf('.')));
            String text = path.endsWith(".__str__") ? PyValues.str(base) : PyValues.repr(base);
            return text == null ? null : Value.Str.of(text);
        }
        if (path.endsWith("fernet.Fernet") && a0 != null && PyValues.text(a0) != null) {
            return new Value.Instance(path, List.of(a0), Set.of());
        }
        Boolean yaml = DATA_LOADERS.get(path);
        Value data = yaml == null || a0 == null ? null : dataLoaded(a0, yaml);
        if (data != null) {
            return data;
        }
        if ((path.equals("operator.attrgetter") || path.equals("operator.itemgetter")) && a0 != null && kw.isEmpty()) {
            return new Value.Instance(path, args, Value.union(args.toArray(Value[]::new)));
        }
        if ((path.equals("functools.partial") || path.equals("operator.methodcaller")) && a0 != null) {
            // [callee or method name, {bound keywords}, bound arguments...]: what PyEvaluator.unbind reads.
            List<Value> state = new ArrayList<>();
            state.add(a0);
            state.add(new Value.Dict(kw.keySet().stream().<Value>map(Value.Str::of).toList(), List.copyOf(kw.values())));
            state.addAll(args.subList(1, args.size()));
            Set<String> from = new LinkedHashSet<>(Value.union(args.toArray(Value[]::new)));
            kw.values().forEach(v -> from.addAll(v.from()));
            return new Value.Instance(path, state, from);
        }
        Value aes = PyAes.construct(path, args, kw);
        return aes != null ? aes : PyAes.unpad(path, args);
    }

    /** What a glob pattern matches anything with: *, ? and [...] classes. */
    private static final java.util.regex.Pattern GLOB_WILDCARDS = java.util.regex.Pattern.compile("\\*+|\\?|\\[[^\\]]*\\]");

    /** The digest of {@code data} by a hashlib algorithm name ({@code sha256}), or null for one Java lacks. */
    private static byte[] digest(String algorithm, byte[] data) {
        String name = switch (algorithm == null ? "" : algorithm) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha224" -> "SHA-224";
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> null;
        };
        try {
            return name == null ? null : java.security.MessageDigest.getInstance(name).digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** Where the file name or module of the program running the package's code comes from. */
    private static final Set<String> CALLER = Set.of("inspect.stack", "inspect.getouterframes", "inspect.currentframe",
            "inspect.trace", "sys._getframe", "__main__", "__main__.__file__", "sys.modules.__main__");

    /**
     * A value naming the program that runs the package's code: a caller's frame or its file
     * ({@code inspect.stack()[1].filename}, {@code sys._getframe(1).f_code.co_filename}) or the
     * {@code __main__} module. Reading it reads the user's own code, not the package's.
     */
    private static boolean ofCaller(Value v) {
        for (String source : v.from()) {
            if (CALLER.contains(source)) {
                return true;
            }
        }
        return v instanceof Value.Sym sym && CALLER.contains(sym.path());
    }

    /** A path as far as it is known, with forward slashes: its text, or its known pieces joined by … */
    static String pathName(Value path) {
        String text = PyValues.text(path);
        if (text == null) {
            List<String> pieces = fragments(path);
            text = pieces.isEmpty() ? null : String.join("…", pieces);
        }
        return text == null || text.length() > 512 ? null : text.replace('\\', '/');
    }

    /**
     * A file of the scanned package opened by its path ({@code __file__}'s folder joined with a
     * name): an open file whose {@code read()} gives what the package ships, text or bytes by mode.
     */
    private Value shipped(Value file, Value mode) {
        String m = mode == null ? "r" : PyValues.text(mode);
        if (m == null || m.contains("w") || m.contains("a") || m.contains("x") || m.contains("+")) {
            return null;
        }
        String path = PyValues.text(file);
        if (path != null && MEDIA.matcher(path).find()) {
            return null; // an image or a sound is read as what it is named: steganography judges by the file
        }
        boolean binary = m.contains("b");
        Value content = shippedContent.get((binary ? "b:" : "t:") + path);
        if (content == null) {
            byte[] bytes = ev.files.read(path);
            if (bytes == null || !ev.budget.allows(bytes.length)) {
                return null;
            }
            ev.budget.allocate(bytes.length / 64); // read once per module, counted like any value built
            content = binary ? new Value.Bytes(bytes, List.of(), -1) : Value.Str.of(new String(bytes, StandardCharsets.UTF_8));
            shippedContent.put((binary ? "b:" : "t:") + path, content);
        }
        return new Value.Instance(SHIPPED_FILE, List.of(content), Set.of());
    }

    /** What a shipped file at an absolute path holds (bytes or text), or null. */
    private Value shippedContent(String absolute, boolean binary) {
        return shipped(Value.Str.of(absolute), Value.Str.of(binary ? "rb" : "r")) instanceof Value.Instance opened
                ? opened.state().get(0) : null;
    }

    /**
     * The text of a file the package ships (a shell script, a config file), named by an absolute
     * path or by one relative to the module's folder (where setup.py runs), or null.
     */
    String shippedText(Value file) {
        String path = pathName(file);
        String dir = moduleFolder();
        if (path == null || path.contains("…") || !path.startsWith("/") && dir == null) {
            return null;
        }
        Value content = shippedContent(path.startsWith("/") ? path : dir + "/" + path.replaceFirst("^\\./", ""), false);
        String text = PyValues.text(content);
        return text == null || text.length() > MAX_SHIPPED_TEXT ? null : text;
    }

    /** Texts longer than this are not read (rules read 64 KB of a text). */
    private static final int MAX_SHIPPED_TEXT = 64 * 1024;

    /** The folder of the module being evaluated, as an absolute path rooted at the target, or null. */
    private String moduleFolder() {
        String file = ev.files.file();
        int slash = file == null ? -1 : file.lastIndexOf('/');
        return slash < 0 ? null : file.substring(0, slash);
    }

    /** A configparser object; its state is what it has read, {section: {option: value}}. */
    static final String CONFIG_PARSER = "configparser.ConfigParser";
    /**
     * The hashlib objects fed known bytes, typed by their constructor ({@code hashlib.sha256}, so
     * that {@code h.hexdigest()} keeps its name); the state is the algorithm's name and the bytes so far.
     */
    static boolean isHash(Value v) {
        return v instanceof Value.Instance i && i.type().startsWith("hashlib.") && i.state().size() == 2
                && i.state().get(1) instanceof Value.Bytes;
    }
    /** A {@code string.Template}; its state is the template's text. */
    private static final String TEMPLATE = "string.Template";

    /** A folder of the scanned package, as importlib.resources.files() returns it; its state is its path. */
    private static final String PACKAGE_FOLDER = "importlib.resources.files";

    private static final java.util.regex.Pattern MEDIA = java.util.regex.Pattern.compile(
            "(?i)\\.(png|jpe?g|gif|bmp|ico|webp|tiff?|wav|mp3|mp4|avi|ogg|flac|mov|mkv)$");

    /** What this module has read of its package's files, by mode and path. */
    private final Map<String, Value> shippedContent = new java.util.HashMap<>();

    /** The type of an open file of the scanned package; its state is the file's content. */
    private static final String SHIPPED_FILE = "builtins.open";

    // ---- methods of constants and known objects ------------------------------------------------

    private Value method(Value receiver, String name, List<Value> args, Map<String, Value> kw, SyntaxNode at) {
        if (receiver instanceof Value.Opaque o && !o.fragments().isEmpty() && PyEvaluator.KEEPS_TEXT.contains(name)) {
            return new Value.Opaque(o.from(), o.fragments()); // one of several decoded texts, decoded to text
        }
        Value a0 = args.isEmpty() ? null : args.get(0);
        Value a1 = args.size() > 1 ? args.get(1) : null;
        if (receiver instanceof Value.Instance folder && folder.type().equals(PACKAGE_FOLDER)) {
            // importlib.resources.files(pkg).joinpath('data.bin').read_bytes(): the package's own file.
            String at0 = PyValues.text(folder.state().get(0));
            String part = a0 == null ? null : PyValues.text(a0);
            return switch (name) {
                case "joinpath", "__truediv__" -> part == null ? null
                        : new Value.Instance(PACKAGE_FOLDER, List.of(Value.Str.of(at0 + "/" + part)), folder.from());
                case "read_bytes", "read_text" -> shippedContent(at0, name.equals("read_bytes"));
                default -> null;
            };
        }
        if ((name.equals("read_text") || name.equals("read_bytes")) && receiver.from().contains(PATHLIB)) {
            // Path(...).read_bytes(): like open(path).read(), known by the file's name.
            Set<String> from = new LinkedHashSet<>(receiver.from());
            from.add("pathlib.Path()." + name);
            String file = pathName(receiver);
            if (file != null) {
                from.add(PyEvaluator.FILE + file);
            } else if (ofCaller(receiver)) {
                from.add(PyEvaluator.CALLER_SOURCE);
            }
            return new Value.Sym("pathlib.Path()." + name + "()", from);
        }
        if ((name.equals("glob") || name.equals("rglob") || name.equals("iterdir")) && isPath(receiver) && !fragments(receiver).isEmpty()) {
            // Path.home() / '.ssh' walked: each item is a file of that folder, its name not known.
            List<String> pieces = new ArrayList<>(fragments(receiver));
            pieces.set(pieces.size() - 1, pieces.get(pieces.size() - 1).replaceAll("/+$", "") + "/");
            Set<String> from = new LinkedHashSet<>(receiver.from());
            from.add(PATHLIB);
            from.add("pathlib.Path()." + name);
            return new Value.Opaque(from, pieces);
        }
        if ((name.equals("with_suffix") || name.equals("with_name")) && isPath(receiver) && PyValues.text(a0) != null
                && !fragments(receiver).isEmpty()) {
            // cache.with_suffix('.zip'): the same known path with its last piece renamed.
            List<String> pieces = new ArrayList<>(fragments(receiver));
            String last = pieces.get(pieces.size() - 1);
            int cut = last.lastIndexOf('/') + 1;
            String leaf = last.substring(cut);
            int dot = leaf.lastIndexOf('.');
            String renamed = name.equals("with_name") ? PyValues.text(a0) : (dot > 0 ? leaf.substring(0, dot) : leaf) + PyValues.text(a0);
            pieces.set(pieces.size() - 1, last.substring(0, cut) + renamed);
            Set<String> from = new LinkedHashSet<>(receiver.from());
            from.add(PATHLIB);
            return new Value.Opaque(from, pieces);
        }
        if (isHash(receiver) && receiver instanceof Value.Instance hash && args.isEmpty()
                && (name.equals("digest") || name.equals("hexdigest"))) {
            byte[] digest = digest(PyValues.text(hash.state().get(0)), ((Value.Bytes) hash.state().get(1)).value());
            return digest == null ? null : name.equals("digest") ? new Value.Bytes(digest, List.of(), -1)
                    : Value.Str.of(java.util.HexFormat.of().formatHex(digest));
        }
        if (receiver instanceof Value.Instance tmpl && tmpl.type().equals(TEMPLATE) && tmpl.state().get(0) instanceof Value.Str t
                && (name.equals("substitute") || name.equals("safe_substitute"))) {
            // Template("$tool -fsSL $url | sh").substitute(tool="curl", ...): str.format with the same fields.
            Map<String, Value> fields = new java.util.LinkedHashMap<>();
            if (a0 instanceof Value.Dict mapping) {
                for (int i = 0; i < mapping.keys().size(); i++) {
                    String key = PyValues.text(mapping.keys().get(i));
                    if (key != null) {
                        fields.put(key, mapping.values().get(i));
                    }
                }
            } else if (a0 != null) {
                return null;
            }
            fields.putAll(kw);
            String braces = PyStrings.templateAsFormat(t.value());
            return braces == null ? null
                    : PyStrings.strMethod(this, new Value.Str(braces, t.chain(), t.origin()), "format", List.of(), fields, at);
        }
        if (receiver instanceof Value.Instance inst && inst.type().equals(CONFIG_PARSER) && inst.state().get(0) instanceof Value.Dict ini) {
            Value section = a0 == null ? null : dictGet(ini, a0);
            return switch (name) {
                case "get" -> section instanceof Value.Dict d && a1 != null && PyValues.text(a1) != null
                        ? dictGet(d, Value.Str.of(PyValues.text(a1).toLowerCase(java.util.Locale.ROOT))) : null;
                case "has_section" -> a0 == null || PyValues.text(a0) == null ? null : (section != null ? Value.Bool.TRUE : Value.Bool.FALSE);
                case "sections" -> new Value.Seq(Value.Seq.Kind.LIST, ini.keys());
                case "__getitem__" -> section;
                default -> null;
            };
        }
        if (receiver instanceof Value.Instance inst) {
            if (inst.type().equals(SHIPPED_FILE)) {
                return switch (name) {
                    case "read" -> args.isEmpty() ? inst.state().get(0) : null;
                    case "__enter__" -> inst;
                    default -> null;
                };
            }
            if (inst.type().endsWith("fernet.Fernet") && name.equals("decrypt") && a0 != null) {
                String key = PyValues.text(inst.state().get(0));
                String token = PyValues.text(a0);
                byte[] plain = key == null || token == null ? null : FernetCipher.decrypt(key, token);
                if (plain == null) {
                    return null;
                }
                List<String> chain = PyValues.append(PyValues.mergeChains(inst.state().get(0).chain(), a0.chain()), "fernet");
                Value v = new Value.Bytes(plain, chain, a0.origin() >= 0 ? a0.origin() : -1);
                ev.decoded(v, at);
                return v;
            }
            Value aes = PyAes.method(inst, name, args);
            if (aes != null && !aes.chain().isEmpty() && aes.chain().get(aes.chain().size() - 1).equals("aes")) {
                ev.decoded(aes, at);
            }
            return aes;
        }
        if (receiver instanceof Value.Opaque table && name.equals("get") && !args.isEmpty() && args.size() <= 2 && kw.isEmpty()) {
            // cfg["commands"].get(name): what a mapping holds under a key comes from the mapping,
            // whatever picked the key (a chat command's name picks one of the configured commands).
            java.util.Set<String> from = new java.util.LinkedHashSet<>(table.from());
            if (a1 != null) {
                from.addAll(a1.from());
            }
            return new Value.Opaque(from);
        }
        if (name.equals("__str__")) {
            String s = PyValues.str(receiver);
            return s == null ? null : Value.Str.of(s);
        }
        if (name.equals("__repr__")) {
            String s = PyValues.repr(receiver);
            return s == null ? null : Value.Str.of(s);
        }
        if (receiver instanceof Value.Str s) {
            return PyStrings.strMethod(this, s, name, args, kw, at);
        }
        if (receiver instanceof Value.Bytes b) {
            return PyStrings.bytesMethod(this, b, name, args, kw, at);
        }
        if (receiver instanceof Value.Int i) {
            return intMethod(i, name, a0 != null ? a0 : kw.get("length"), a1 != null ? a1 : kw.get("byteorder"), at);
        }
        if (receiver instanceof Value.Dict d) {
            switch (name) {
                case "get" -> {
                    Value v = dictGet(d, a0);
                    Value any = v == null && a1 == null ? choice(d, a0) : null;
                    List<String> texts = v == null && a0 != null && !PyValues.isConstant(a0) ? texts(d.values()) : List.of();
                    if (!texts.isEmpty()) {
                        return new Value.Opaque(Value.union(d, a0, a1 == null ? Value.None.INSTANCE : a1), texts); // ADDRESSES.get(kind)
                    }
                    Value every = v == null ? everyList(d, a0) : null;
                    if (every != null) {
                        return every; // COMMANDS.get(sys.platform, [])
                    }
                    return v != null ? v : a1 != null ? a1 : any != null ? any : Value.None.INSTANCE;
                }
                case "keys" -> {
                    return new Value.Seq(Value.Seq.Kind.LIST, d.keys());
                }
                case "values" -> {
                    return new Value.Seq(Value.Seq.Kind.LIST, d.values());
                }
                case "items" -> {
                    List<Value> out = new ArrayList<>();
                    for (int i = 0; i < d.keys().size(); i++) {
                        out.add(new Value.Seq(Value.Seq.Kind.TUPLE, List.of(d.keys().get(i), d.values().get(i))));
                    }
                    return new Value.Seq(Value.Seq.Kind.LIST, out);
                }
                default -> {
                    return null;
                }
            }
        }
        if (receiver instanceof Value.Seq seq) {
            return switch (name) {
                case "index" -> {
                    for (int i = 0; i < seq.items().size(); i++) {
                        if (Boolean.TRUE.equals(PyValues.equal(seq.items().get(i), a0))) {
                            yield Value.Int.of(i);
                        }
                    }
                    yield null;
                }
                case "count" -> Value.Int.of(seq.items().stream().filter(v -> Boolean.TRUE.equals(PyValues.equal(v, a0))).count());
                case "copy" -> seq;
                default -> null;
            };
        }
        return null;
    }

    /**
     * {@code n.bit_length()}, and {@code n.to_bytes(length, byteorder)}: text kept as one huge
     * integer literal ({@code int("4375…").to_bytes(...)}) is a decoding step of its own.
     */
    private Value intMethod(Value.Int i, String name, Value length, Value byteorder, SyntaxNode at) {
        BigInteger n = i.value();
        if (name.equals("bit_length")) {
            return Value.Int.of(n.abs().bitLength());
        }
        BigInteger size = PyValues.toInt(length);
        String order = byteorder == null ? "big" : PyValues.text(byteorder);
        if (!name.equals("to_bytes") || n.signum() < 0 || size == null || size.bitLength() > 31
                || size.intValue() * 8L < n.bitLength() || size.intValue() > MAX_INT_BITS / 8
                || !("big".equals(order) || "little".equals(order))) {
            return null; // Python raises OverflowError for a length too short; signed values are rare
        }
        byte[] magnitude = n.toByteArray(); // big-endian, possibly with a leading sign byte
        byte[] out = new byte[size.intValue()];
        int copy = Math.min(out.length, magnitude.length);
        System.arraycopy(magnitude, magnitude.length - copy, out, out.length - copy, copy);
        Value v = new Value.Bytes("little".equals(order) ? reversed(out) : out, PyValues.append(i.chain(), "int"), i.origin());
        ev.decoded(v, at);
        return v;
    }

    /** The bytes in the opposite order (little-endian to big-endian and back), as a new array. */
    static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    /** {@code decoder} applied to a known text, recorded as a decoding step called {@code step}; else null. */
    private Value decodedText(Value a0, java.util.function.Function<String, byte[]> decoder, String step, SyntaxNode at) {
        String text = PyValues.text(a0);
        byte[] b = text == null ? null : decoder.apply(text);
        return b == null ? null : decodedBytes(b, a0, step, at);
    }

    /** The i-th items of every iterable side by side, as zip() pairs them; null if one is not known. */
    private List<List<Value>> zipped(List<Value> iterables) {
        List<List<Value>> lists = new ArrayList<>();
        for (Value a : iterables) {
            List<Value> items = iterate(a);
            if (items == null) {
                return null;
            }
            lists.add(items);
        }
        int n = lists.stream().mapToInt(List::size).min().orElse(0);
        List<List<Value>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Value> row = new ArrayList<>();
            for (List<Value> l : lists) {
                row.add(l.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    // ---- operators -------------------------------------------------------------------------------

    Value binary(String op, Value a, Value b, SyntaxNode at) {
        try {
            Value r = binaryKnown(op, a, b);
            if (r != null) {
                return r;
            }
        } catch (ArithmeticException | IllegalArgumentException | IndexOutOfBoundsException e) {
            // Python would raise (division by zero, bad format); the result is unknown
        }
        if (op.equals("+")) {
            List<String> pieces = new ArrayList<>(fragments(a));
            pieces.addAll(fragments(b));
            return new Value.Opaque(Value.union(a, b), pieces);
        }
        if (op.equals("%") && a instanceof Value.Str template) {
            return new Value.Opaque(Value.union(a, b), percentPieces(template.value(), b));
        }
        if (op.equals("/") && isPath(a) && PyValues.text(b) != null) {
            // Path.home() / 'Library' / 'LaunchAgents': the known part of the path grows at its end.
            List<String> pieces = new ArrayList<>(fragments(a));
            String tail = "/" + PyValues.text(b);
            if (pieces.isEmpty()) {
                pieces.add(tail);
            } else {
                pieces.set(pieces.size() - 1, pieces.get(pieces.size() - 1).replaceAll("/+$", "") + tail);
            }
            Set<String> from = new LinkedHashSet<>(Value.union(a, b));
            from.add(PATHLIB);
            return new Value.Opaque(from, pieces);
        }
        return new Value.Opaque(Value.union(a, b));
    }

    /** The source every pathlib path carries, so that joining onto it stays a path join. */
    private static final String PATHLIB = "pathlib.Path";

    private static boolean isPath(Value v) {
        return v instanceof Value.Sym sym && sym.path().startsWith("pathlib.") || v.from().contains(PATHLIB);
    }

    /** Characters of known arguments one piece of a partly unknown %-formatting takes in. */
    private static final int MAX_PIECE = 64 * 1024;

    /**
     * The known pieces of {@code template % args} when some argument is unknown: 'ping ' … '.example.invalid'.
     * Known short scalar arguments join the template text around them ({@code %r} as their repr);
     * an unknown one ends a piece and contributes its own fragments.
     */
    private static List<String> percentPieces(String template, Value args) {
        List<Value> values = args instanceof Value.Seq seq && seq.kind() == Value.Seq.Kind.TUPLE ? seq.items() : List.of(args);
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        int[] next = {0};
        for (int i = 0; i < template.length() && pieces.size() < 64; i++) {
            char c = template.charAt(i);
            PyFormat.PercentSpec spec = c == '%' ? PyFormat.percentSpec(template, i) : null;
            if (spec == null) {
                piece.append(c);
                continue;
            }
            i = spec.end() - 1;
            if (spec.type() == '%') {
                piece.append('%');
                continue;
            }
            PyFormat.Argument argument = PyFormat.take(spec, args, values, next);
            Value v = argument == null ? Value.Opaque.UNKNOWN : argument.value();
            String known = piece.length() >= MAX_PIECE || !shortScalar(v) ? null : PyFormat.converted(spec, argument, false);
            if (known != null) {
                piece.append(known);
                continue;
            }
            if (!piece.isEmpty()) {
                pieces.add(piece.toString());
                piece.setLength(0);
            }
            pieces.addAll(fragments(v));
        }
        if (!piece.isEmpty() && pieces.size() < 64) {
            pieces.add(piece.toString());
        }
        return pieces;
    }

    private static boolean shortScalar(Value v) {
        return v instanceof Value.Str str ? str.value().length() <= 4096 : v instanceof Value.Bytes b ? b.value().length <= 4096
                : v instanceof Value.Int i ? i.value().bitLength() <= 1024
                : v instanceof Value.Float || v instanceof Value.Bool || v instanceof Value.None;
    }

    /**
     * The names of environment variables drawn from a walk of the environment: where a value came
     * from {@code os.environ}, its names come from {@code os.environ.keys}. Names are not secrets.
     */
    static Value environmentNames(Value v) {
        if (v.from().stream().noneMatch(f -> f.startsWith("os.environ"))) {
            return v;
        }
        Set<String> from = new LinkedHashSet<>();
        for (String f : v.from()) {
            from.add(f.startsWith("os.environ") ? "os.environ.keys" : f);
        }
        return new Value.Opaque(from, v instanceof Value.Opaque o ? o.fragments() : List.of());
    }

    /** The constant pieces a value is known to contain: its whole text, or an unknown value's fragments. */
    static List<String> fragments(Value v) {
        if (v instanceof Value.Opaque o) {
            return o.fragments();
        }
        String text = PyValues.text(v);
        return text == null || text.isEmpty() || text.length() > 4096 ? List.of() : List.of(text);
    }

    private Value binaryKnown(String op, Value a, Value b) {
        if (a instanceof Value.Str x && b instanceof Value.Str y && op.equals("+")) {
            if (!ev.budget.allows((long) x.value().length() + y.value().length())) {
                return null;
            }
            ev.budget.allocate(((long) x.value().length() + y.value().length()) / 64);
            return new Value.Str(x.value() + y.value(), PyValues.mergeChains(x.chain(), y.chain()), firstOrigin(x, y));
        }
        if (a instanceof Value.Bytes x && b instanceof Value.Bytes y && op.equals("+")) {
            if (!ev.budget.allows((long) x.value().length + y.value().length)) {
                return null;
            }
            ev.budget.allocate(((long) x.value().length + y.value().length) / 64);
            byte[] out = Arrays.copyOf(x.value(), x.value().length + y.value().length);
            System.arraycopy(y.value(), 0, out, x.value().length, y.value().length);
            return new Value.Bytes(out, PyValues.mergeChains(x.chain(), y.chain()), firstOrigin(x, y));
        }
        if (op.equals("*") && (a instanceof Value.Str || a instanceof Value.Bytes || a instanceof Value.Seq) && b instanceof Value.Int n) {
            return repeat(a, n.value());
        }
        if (op.equals("*") && a instanceof Value.Int n && (b instanceof Value.Str || b instanceof Value.Bytes || b instanceof Value.Seq)) {
            return repeat(b, n.value());
        }
        if (op.equals("%") && (a instanceof Value.Str || a instanceof Value.Bytes)) {
            return PyFormat.percent(a, b);
        }
        if (a instanceof Value.Seq x && b instanceof Value.Seq y && op.equals("+")) {
            List<Value> items = new ArrayList<>(x.items());
            items.addAll(y.items());
            return new Value.Seq(x.kind(), items);
        }
        BigInteger x = PyValues.toInt(a);
        BigInteger y = PyValues.toInt(b);
        if (x != null && y != null) {
            return intOp(op, x, y);
        }
        if ((a instanceof Value.Float || a instanceof Value.Int || a instanceof Value.Bool)
                && (b instanceof Value.Float || b instanceof Value.Int || b instanceof Value.Bool)) {
            double p = PyValues.toDouble(a);
            double q = PyValues.toDouble(b);
            return switch (op) {
                case "+" -> new Value.Float(p + q);
                case "-" -> new Value.Float(p - q);
                case "*" -> new Value.Float(p * q);
                case "/" -> q == 0 ? null : new Value.Float(p / q);
                case "//" -> q == 0 ? null : new Value.Float(Math.floor(p / q));
                case "**" -> new Value.Float(Math.pow(p, q));
                default -> null;
            };
        }
        return null;
    }

    private Value intOp(String op, BigInteger x, BigInteger y) {
        return switch (op) {
            case "+" -> new Value.Int(x.add(y));
            case "-" -> new Value.Int(x.subtract(y));
            case "*" -> x.bitLength() + y.bitLength() > MAX_INT_BITS ? null : new Value.Int(x.multiply(y));
            case "//" -> y.signum() == 0 ? null : new Value.Int(floorDiv(x, y));
            case "%" -> y.signum() == 0 ? null : new Value.Int(x.subtract(floorDiv(x, y).multiply(y)));
            case "/" -> y.signum() == 0 ? null : new Value.Float(x.doubleValue() / y.doubleValue());
            case "**" -> {
                if (y.signum() < 0) {
                    yield new Value.Float(Math.pow(x.doubleValue(), y.doubleValue()));
                }
                if ((long) x.bitLength() * y.longValue() > MAX_INT_BITS || y.bitLength() > 31) {
                    yield null;
                }
                yield new Value.Int(x.pow(y.intValue()));
            }
            case "<<" -> y.signum() < 0 || y.compareTo(BigInteger.valueOf(MAX_INT_BITS)) > 0 ? null : new Value.Int(x.shiftLeft(y.intValue()));
            case ">>" -> y.signum() < 0 ? null : new Value.Int(y.bitLength() > 31 ? BigInteger.valueOf(x.signum() < 0 ? -1 : 0) : x.shiftRight(y.intValue()));
            case "&" -> new Value.Int(x.and(y));
            case "|" -> new Value.Int(x.or(y));
            case "^" -> new Value.Int(x.xor(y));
            default -> null;
        };
    }

    private static BigInteger floorDiv(BigInteger x, BigInteger y) {
        BigInteger[] qr = x.divideAndRemainder(y);
        if (qr[1].signum() != 0 && (qr[1].signum() != y.signum())) {
            return qr[0].subtract(BigInteger.ONE);
        }
        return qr[0];
    }

    private Value repeat(Value v, BigInteger times) {
        if (times.signum() <= 0) {
            return v instanceof Value.Str ? Value.Str.of("") : v instanceof Value.Bytes ? Value.Bytes.of(new byte[0])
                    : new Value.Seq(((Value.Seq) v).kind(), List.of());
        }
        int size = v instanceof Value.Str s ? s.value().length() : v instanceof Value.Bytes b ? b.value().length : ((Value.Seq) v).items().size();
        if (times.bitLength() > 31 || !ev.budget.allows((long) size * times.intValue())
                || (v instanceof Value.Seq && (long) size * times.intValue() > MAX_SEQUENCE)) {
            return null;
        }
        int n = times.intValue();
        ev.budget.steps(Math.max(1, size * n / 1024));
        ev.budget.allocate(v instanceof Value.Seq ? (long) size * n : (long) size * n / 64);
        if (v instanceof Value.Str s) {
            return new Value.Str(s.value().repeat(n), s.chain(), s.origin());
        }
        if (v instanceof Value.Bytes b) {
            byte[] out = new byte[size * n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(b.value(), 0, out, i * size, size);
            }
            return new Value.Bytes(out, b.chain(), b.origin());
        }
        Value.Seq seq = (Value.Seq) v;
        List<Value> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.addAll(seq.items());
        }
        return new Value.Seq(seq.kind(), items);
    }

    private static int firstOrigin(Value x, Value y) {
        if (!x.chain().isEmpty() && x.origin() >= 0) {
            return x.origin();
        }
        if (!y.chain().isEmpty() && y.origin() >= 0) {
            return y.origin();
        }
        return x.origin() >= 0 ? x.origin() : y.origin();
    }

    Value unary(String op, Value v) {
        if (op.equals("not")) {
            Boolean t = PyValues.truth(v);
            return t == null ? new Value.Opaque(Value.union(v)) : (t ? Value.Bool.FALSE : Value.Bool.TRUE);
        }
        BigInteger i = PyValues.toInt(v);
        if (i != null) {
            return switch (op) {
                case "-" -> new Value.Int(i.negate());
                case "+" -> new Value.Int(i);
                case "~" -> new Value.Int(i.not());
                default -> new Value.Opaque(Value.union(v));
            };
        }
        if (v instanceof Value.Float f) {
            return op.equals("-") ? new Value.Float(-f.value()) : op.equals("+") ? f : new Value.Opaque(Value.union(v));
        }
        return new Value.Opaque(Value.union(v));
    }

    Value compare(SyntaxNode e, PyEvaluator.Frame frame) {
        @SuppressWarnings("unchecked")
        List<String> ops = (List<String>) e.value();
        Value left = ev.eval(e.child(0), frame);
        Set<String> from = new LinkedHashSet<>(left.from());
        Boolean result = true;
        for (int i = 0; i < ops.size(); i++) {
            Value right = ev.eval(e.child(i + 1), frame);
            from.addAll(right.from());
            Boolean r = compareOne(ops.get(i), left, right);
            if (r == null) {
                result = null;
            } else if (result != null && !r) {
                result = false;
            }
            left = right;
        }
        if (result == null) {
            return new Value.Opaque(from);
        }
        return result ? Value.Bool.TRUE : Value.Bool.FALSE;
    }

    private Boolean compareOne(String op, Value a, Value b) {
        switch (op) {
            case "==" -> {
                return PyValues.equal(a, b);
            }
            case "!=" -> {
                Boolean e = PyValues.equal(a, b);
                return e == null ? null : !e;
            }
            case "in", "not in" -> {
                Boolean in = contains(b, a);
                return in == null ? null : op.equals("in") == in;
            }
            case "is", "is not" -> {
                if (a instanceof Value.None && b instanceof Value.None) {
                    return op.equals("is");
                }
                if ((a instanceof Value.None && PyValues.isConstant(b)) || (b instanceof Value.None && PyValues.isConstant(a))) {
                    return !op.equals("is");
                }
                return null;
            }
            default -> {
                Integer c = order(a, b);
                if (c == null) {
                    return null;
                }
                return switch (op) {
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    case ">=" -> c >= 0;
                    default -> null;
                };
            }
        }
    }

    private static Boolean contains(Value container, Value item) {
        if (container instanceof Value.Str s && item instanceof Value.Str i) {
            return s.value().contains(i.value());
        }
        if (container instanceof Value.Seq seq) {
            boolean unknown = false;
            for (Value v : seq.items()) {
                Boolean e = PyValues.equal(v, item);
                if (Boolean.TRUE.equals(e)) {
                    return true;
                }
                unknown |= e == null;
            }
            return unknown ? null : false;
        }
        if (container instanceof Value.Dict d) {
            return contains(new Value.Seq(Value.Seq.Kind.LIST, d.keys()), item);
        }
        return null;
    }

    private static Integer order(Value a, Value b) {
        BigInteger x = PyValues.toInt(a);
        BigInteger y = PyValues.toInt(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        if ((a instanceof Value.Float || x != null) && (b instanceof Value.Float || y != null)) {
            return Double.compare(PyValues.toDouble(a), PyValues.toDouble(b));
        }
        if (a instanceof Value.Str s && b instanceof Value.Str t) {
            return Integer.signum(s.value().compareTo(t.value()));
        }
        return null;
    }

    // ---- subscripts ------------------------------------------------------------------------------

    /** What iterating the whole environment yields keys from ({@code for k in os.environ}), not a lookup of one. */
    private static final Set<String> ENVIRONMENT_WALKS = Set.of("os.environ", "os.environ.keys", "os.environ.keys()",
            "os.environ.items", "os.environ.items()", "os.environ.values", "os.environ.values()", "os.environ.__iter__",
            "os.environ.copy", "os.environ.copy()");

    Value subscript(Value container, SyntaxNode indexNode, PyEvaluator.Frame frame) {
        if (indexNode.is(SLICE)) {
            Value lower = indexNode.child(0) == null ? null : ev.eval(indexNode.child(0), frame);
            Value upper = indexNode.child(1) == null ? null : ev.eval(indexNode.child(1), frame);
            Value step = indexNode.child(2) == null ? null : ev.eval(indexNode.child(2), frame);
            Value r = slice(container, lower, upper, step);
            return r != null ? r : new Value.Opaque(Value.union(container));
        }
        Value index = ev.eval(indexNode, frame);
        Value r = index(container, index);
        Value any = r == null && container instanceof Value.Dict table ? choice(table, index) : null;
        if (any != null) {
            return any; // HANDLERS[kind] with the kind unknown
        }
        if (r == null && container instanceof Value.Sym env && env.path().equals("os.environ")) {
            // One variable named at run time (os.environ[password_env]) is not the whole environment;
            // a key drawn from the environment itself (for k in os.environ) walks all of it.
            java.util.Set<String> from = Value.union(index);
            boolean walks = from.stream().anyMatch(ENVIRONMENT_WALKS::contains);
            from.add(walks ? "os.environ" : PyEvaluator.ENVIRONMENT + "?");
            return new Value.Sym("os.environ[]", from);
        }
        if (r == null && !PyValues.isConstant(index)) {
            List<String> texts = texts(container instanceof Value.Dict d ? d.values() : container instanceof Value.Seq q ? q.items() : List.of());
            if (!texts.isEmpty()) {
                // ADDRESSES[kind] with the kind unknown: one of the texts the table holds.
                return new Value.Opaque(Value.union(container, index), texts);
            }
            Value every = container instanceof Value.Dict d ? everyList(d, index) : null;
            if (every != null) {
                return every; // COMMANDS[sys.platform]
            }
        }
        return r != null ? r : new Value.Opaque(Value.union(container, index));
    }

    /** The texts of a small table of text constants, or none when it holds anything else. */
    private static List<String> texts(List<Value> values) {
        if (values.isEmpty() || values.size() > MAX_TABLE_TEXTS) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Value v : values) {
            if (!(v instanceof Value.Str s)) {
                return List.of();
            }
            out.add(s.value());
        }
        return out;
    }

    private static final int MAX_TABLE_TEXTS = 32;

    /**
     * A table of lists looked up by a key only known when the code runs ({@code sys.platform}): the
     * items of all its lists, so a loop over the one chosen sees each item it could be, as both
     * branches of an unknown if are seen. Null for a constant key or any other table, such as one
     * of tuples, which are records ({@code HOOKS[shell] = (line, rc_file)}), not collections.
     */
    private static Value everyList(Value.Dict d, Value key) {
        if (key == null || PyValues.isConstant(key) || d.values().isEmpty() || d.values().size() > MAX_CHOICES
                || !d.values().stream().allMatch(v -> v instanceof Value.Seq seq && seq.kind() == Value.Seq.Kind.LIST)) {
            return null;
        }
        List<Value> items = new ArrayList<>();
        d.values().forEach(v -> items.addAll(((Value.Seq) v).items()));
        return items.size() > MAX_TABLE_TEXTS ? null : new Value.Seq(Value.Seq.Kind.LIST, items);
    }

    /**
     * {@code operator.attrgetter('a.b')(obj)} is {@code obj.a.b}, {@code itemgetter(k)(obj)} is
     * {@code obj[k]}; a getter of several gives a tuple. Null when {@code getter} is neither.
     */
    Value got(Value getter, List<Value> args) {
        if (!(getter instanceof Value.Instance g) || args.size() != 1
                || !g.type().equals("operator.attrgetter") && !g.type().equals("operator.itemgetter")) {
            return null;
        }
        List<Value> out = new ArrayList<>();
        for (Value key : g.state()) {
            Value v = args.get(0);
            if (g.type().equals("operator.attrgetter")) {
                String name = PyValues.text(key);
                if (name == null) {
                    return new Value.Opaque(Value.union(v, key));
                }
                for (String part : name.split("\\.", -1)) {
                    v = ev.attribute(v, part);
                }
            } else {
                Value r = index(v, key);
                v = r != null ? r : new Value.Opaque(Value.union(v, key));
            }
            out.add(v);
        }
        return out.size() == 1 ? out.get(0) : new Value.Seq(Value.Seq.Kind.TUPLE, out);
    }

    private Value index(Value container, Value index) {
        if (container instanceof Value.Instance cfg && cfg.type().equals(CONFIG_PARSER) && cfg.state().get(0) instanceof Value.Dict ini) {
            return dictGet(ini, index); // cfg['section']['option']
        }
        if (container instanceof Value.Sym sym && PyValues.text(index) != null) {
            String key = PyValues.text(index);
            String path = sym.path();
            if (path.equals("builtins.globals()") || path.equals("builtins.locals()") || path.equals("builtins.vars()")) {
                if (key.equals("__builtins__")) {
                    return Value.Sym.of("builtins");
                }
                Value v = ev.moduleScope().vars.get(key);
                return v != null ? v : PyValues.isBuiltinName(key) ? Value.Sym.of("builtins." + key) : Value.Sym.of(key);
            }
            if (path.endsWith(".__dict__")) {
                return ev.attribute(new Value.Sym(path.substring(0, path.length() - 9), sym.from()), key);
            }
            if (path.equals("builtins")) {
                return Value.Sym.of("builtins." + key);
            }
            if (path.equals("sys.modules")) {
                ev.recordImport(key);
                return Value.Sym.of(key);
            }
            return new Value.Sym(path + "[]", path.equals("os.environ") ? environment(key, sym.from()) : sym.from());
        }
        BigInteger i = PyValues.toInt(index);
        if (container instanceof Value.Str s && i != null) {
            int k = normalise(i, s.value().length());
            return k < 0 ? null : new Value.Str(String.valueOf(s.value().charAt(k)), s.chain(), s.origin());
        }
        if (container instanceof Value.Bytes b && i != null) {
            int k = normalise(i, b.value().length);
            return k < 0 ? null : Value.Int.of(b.value()[k] & 0xff);
        }
        if (container instanceof Value.Seq seq && i != null) {
            int k = normalise(i, seq.items().size());
            return k < 0 ? null : seq.items().get(k);
        }
        if (container instanceof Value.Dict d) {
            return dictGet(d, index);
        }
        return null;
    }

    private static int normalise(BigInteger i, int size) {
        if (i.bitLength() > 31) {
            return -1;
        }
        int k = i.intValue();
        if (k < 0) {
            k += size;
        }
        return k >= 0 && k < size ? k : -1;
    }

    private Value slice(Value container, Value lower, Value upper, Value step) {
        int size;
        if (container instanceof Value.Str s) {
            size = s.value().length();
        } else if (container instanceof Value.Bytes b) {
            size = b.value().length;
        } else if (container instanceof Value.Seq seq) {
            size = seq.items().size();
        } else {
            return null;
        }
        BigInteger st = step == null || step instanceof Value.None ? BigInteger.ONE : PyValues.toInt(step);
        BigInteger lo = lower == null || lower instanceof Value.None ? null : PyValues.toInt(lower);
        BigInteger hi = upper == null || upper instanceof Value.None ? null : PyValues.toInt(upper);
        if (st == null || st.signum() == 0 || st.bitLength() > 31 || (lower != null && !(lower instanceof Value.None) && lo == null)
                || (upper != null && !(upper instanceof Value.None) && hi == null)) {
            return null;
        }
        int stepValue = st.intValue();
        int start;
        int stop;
        if (stepValue > 0) {
            start = lo == null ? 0 : clamp(lo, size, 0, size);
            stop = hi == null ? size : clamp(hi, size, 0, size);
        } else {
            start = lo == null ? size - 1 : clamp(lo, size, -1, size - 1);
            stop = hi == null ? -1 : clamp(hi, size, -1, size - 1);
        }
        List<Integer> picks = new ArrayList<>();
        for (int i = start; stepValue > 0 ? i < stop : i > stop; i += stepValue) {
            picks.add(i);
        }
        ev.budget.steps(picks.size() / 64 + 1);
        if (container instanceof Value.Str s) {
            StringBuilder sb = new StringBuilder(picks.size());
            picks.forEach(i -> sb.append(s.value().charAt(i)));
            List<String> chain = stepValue < 0 && picks.size() > 1 && !s.value().isEmpty() && s.value().length() == picks.size()
                    ? PyValues.append(s.chain(), "reverse") : s.chain();
            return new Value.Str(sb.toString(), chain, s.origin());
        }
        if (container instanceof Value.Bytes b) {
            byte[] out = new byte[picks.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = b.value()[picks.get(i)];
            }
            List<String> chain = stepValue < 0 && out.length == b.value().length && out.length > 1
                    ? PyValues.append(b.chain(), "reverse") : b.chain();
            return new Value.Bytes(out, chain, b.origin());
        }
        Value.Seq seq = (Value.Seq) container;
        List<Value> out = new ArrayList<>();
        picks.forEach(i -> out.add(seq.items().get(i)));
        return new Value.Seq(seq.kind(), out);
    }

    private static int clamp(BigInteger v, int size, int min, int max) {
        long x = v.bitLength() > 31 ? (v.signum() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE) : v.longValue();
        if (x < 0) {
            x += size;
        }
        return (int) Math.max(min, Math.min(max, x));
    }

    // ---- helpers for constants -------------------------------------------------------------------

    /** The items of a known iterable, or null when it is not known. */
    List<Value> iterate(Value v) {
        if (v instanceof Value.Seq s) {
            return s.items();
        }
        if (v instanceof Value.Str s) {
            if (!ev.budget.allows(s.value().length())) {
                return null;
            }
            List<Value> out = new ArrayList<>(s.value().length());
            s.value().codePoints().forEach(c -> out.add(new Value.Str(new String(Character.toChars(c)), s.chain(), s.origin())));
            return out;
        }
        if (v instanceof Value.Bytes b) {
            List<Value> out = new ArrayList<>(b.value().length);
            for (byte x : b.value()) {
                out.add(Value.Int.of(x & 0xff));
            }
            return out;
        }
        if (v instanceof Value.Dict d) {
            return d.keys();
        }
        return null;
    }

    Value dictPut(Value.Dict d, Value key, Value value) {
        List<Value> keys = new ArrayList<>(d.keys());
        List<Value> values = new ArrayList<>(d.values());
        for (int i = 0; i < keys.size(); i++) {
            if (Boolean.TRUE.equals(PyValues.equal(keys.get(i), key))) {
                values.set(i, value);
                return new Value.Dict(keys, values);
            }
        }
        keys.add(key);
        values.add(value);
        return new Value.Dict(keys, values);
    }

    /**
     * Any of a dispatch table's functions, looked up by a key that is not known ({@code
     * HANDLERS.get(content_type)}): calling it calls each (see {@link PyEvaluator}), so what a C2
     * loop or a response handler hands the table reaches the function that runs it. Null unless
     * every value is a function of the package (of this module, or imported from a sibling: a
     * relative name) and there are few.
     */
    static Value choice(Value.Dict d, Value key) {
        if (key == null || PyValues.isConstant(key) || !isDispatchTable(d)) {
            return null;
        }
        return new Value.Instance(CHOICE, List.of(new Value.Seq(Value.Seq.Kind.TUPLE, d.values())), Value.union(key));
    }

    /** A few functions of the package by key: of this module, or imported from a sibling (a relative name). */
    static boolean isDispatchTable(Value.Dict d) {
        return !d.values().isEmpty() && d.values().size() <= MAX_CHOICES
                && d.values().stream().allMatch(v -> v instanceof Value.Function || v instanceof Value.Sym sym && sym.path().startsWith("."));
    }

    /** A value that is one of several functions; its state is them. */
    static final String CHOICE = "<one of>";
    /** A loader of Python source kept in a shipped data file (its text), and a module spec holding one. */
    static final String SOURCE_LOADER = "importlib.machinery.SourceFileLoader()";
    static final String MODULE_SPEC = "importlib.util.spec_from_file_location()";
    private static final int MAX_CHOICES = 8;

    private static Value dictGet(Value.Dict d, Value key) {
        for (int i = 0; i < d.keys().size(); i++) {
            if (Boolean.TRUE.equals(PyValues.equal(d.keys().get(i), key))) {
                return d.values().get(i);
            }
        }
        return null;
    }

    static byte[] bytesOf(Value v) {
        if (v instanceof Value.Bytes b) {
            return b.value();
        }
        if (v instanceof Value.Str s) {
            return s.value().getBytes(StandardCharsets.ISO_8859_1);
        }
        return null;
    }

    /**
     * base64 of one of several constants ({@code CMDS[key]} with the key known only when the code
     * runs, as both branches of an unknown if): each that decodes whole to text is decoded, and
     * the result holds the texts as pieces. Null unless every piece is such a constant.
     */
    private Value eachDecoded(Value.Opaque alternatives, SyntaxNode at) {
        List<String> pieces = alternatives.fragments();
        if (pieces.isEmpty() || pieces.size() > MAX_CHOICES) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (String piece : pieces) {
            byte[] b = piece.length() < 16 ? null : Base64Codec.b64decode(piece);
            String text = b == null ? null : decodeText(b, "utf-8");
            if (text == null || text.isBlank() || text.chars().anyMatch(c -> c == 0xFFFD || c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
                return null;
            }
            decodedStr(text, Value.Str.of(piece), "base64", at);
            texts.add(text);
        }
        return new Value.Opaque(Value.union(alternatives), texts);
    }

    /** Bytes produced by a decoding step: the chain grows by {@code step} and the value is recorded. */
    Value decodedBytes(byte[] b, Value input, String step, SyntaxNode at) {
        Value v = new Value.Bytes(b, PyValues.append(input.chain(), step), input.origin());
        ev.decoded(v, at);
        return v;
    }

    Value decodedStr(String s, Value input, String step, SyntaxNode at) {
        Value v = new Value.Str(s, PyValues.append(input.chain(), step), input.origin());
        ev.decoded(v, at);
        return v;
    }

    Value decodeBytes(Value.Bytes b, String encoding) {
        String text = decodeText(b.value(), encoding);
        return text == null ? null : new Value.Str(text, b.chain(), b.origin());
    }

    static String decodeText(byte[] bytes, String encoding) {
        String e = encoding.toLowerCase(Locale.ROOT).replace('_', '-');
        try {
            if (e.equals("utf-8") || e.equals("utf8") || e.equals("u8")) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
            if (e.equals("latin-1") || e.equals("latin1") || e.equals("iso-8859-1") || e.equals("ascii") || e.equals("us-ascii")) {
                return new String(bytes, StandardCharsets.ISO_8859_1);
            }
            if (e.equals("utf-16") || e.equals("utf-16-le") || e.equals("utf-16le")) {
                return new String(bytes, e.equals("utf-16") ? StandardCharsets.UTF_16 : StandardCharsets.UTF_16LE);
            }
            return new String(bytes, Charset.forName(e));
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /** codecs.decode/encode with the text and binary transforms obfuscators use. */
    private Value codec(Value v, String encoding, boolean decode, SyntaxNode at) {
        String e = encoding.toLowerCase(Locale.ROOT).replace('-', '_');
        switch (e) {
            case "rot13", "rot_13" -> {
                String text = PyValues.text(v);
                return text == null ? null : decodedStr(Rot13.apply(text), v, "rot13", at);
            }
            case "base64", "base_64", "base64_codec" -> {
                byte[] b = bytesOf(v);
                if (b == null) {
                    return null;
                }
                if (!decode) {
                    return Value.Bytes.of(Base64Codec.b64encode(b, false).getBytes(StandardCharsets.ISO_8859_1));
                }
                byte[] out = Base64Codec.b64decode(new String(b, StandardCharsets.ISO_8859_1));
                return out == null ? null : decodedBytes(out, v, "base64", at);
            }
            case "hex", "hex_codec" -> {
                byte[] b = bytesOf(v);
                if (b == null) {
                    return null;
                }
                if (!decode) {
                    return Value.Bytes.of(HexCodec.encode(b).getBytes(StandardCharsets.ISO_8859_1));
                }
                byte[] out = HexCodec.decode(new String(b, StandardCharsets.ISO_8859_1), false);
                return out == null ? null : decodedBytes(out, v, "hex", at);
            }
            case "zlib", "zip", "zlib_codec" -> {
                byte[] b = bytesOf(v);
                byte[] out = b == null || !decode ? null : Decompressor.zlib(b, 15, ev.budget.maxValueBytes());
                return out == null ? null : decodedBytes(out, v, "zlib", at);
            }
            case "bz2", "bz2_codec" -> {
                byte[] b = bytesOf(v);
                byte[] out = b == null || !decode ? null : Decompressor.bz2(b, ev.budget.maxValueBytes());
                return out == null ? null : decodedBytes(out, v, "bz2", at);
            }
            case "quopri", "quotedprintable", "quoted_printable", "quopri_codec" -> {
                byte[] b = bytesOf(v);
                byte[] out = b == null || !decode ? null : HexCodec.quotedPrintable(new String(b, StandardCharsets.ISO_8859_1));
                return out == null ? null : decodedBytes(out, v, "quoted-printable", at);
            }
            default -> {
                if (decode && v instanceof Value.Bytes b) {
                    return decodeBytes(b, encoding);
                }
                if (!decode && v instanceof Value.Str s) {
                    try {
                        return new Value.Bytes(s.value().getBytes(Charset.forName(encoding)), s.chain(), s.origin());
                    } catch (IllegalArgumentException ex) {
                        return null;
                    }
                }
                return null;
            }
        }
    }

    private Value toInt(Value v, Value base) {
        if (v == null) {
            return Value.Int.of(0);
        }
        if (v instanceof Value.Int) {
            return v;
        }
        if (v instanceof Value.Bool b) {
            return Value.Int.of(b.value() ? 1 : 0);
        }
        if (v instanceof Value.Float f) {
            return Double.isFinite(f.value()) ? new Value.Int(new java.math.BigDecimal(f.value()).toBigInteger()) : null;
        }
        String text = PyValues.text(v);
        if (text == null) {
            return null;
        }
        int radix = base == null ? 10 : PyValues.toInt(base) == null ? -1 : PyValues.toInt(base).intValue();
        String t = text.strip().replace("_", "").toLowerCase(Locale.ROOT);
        boolean negative = t.startsWith("-");
        if (negative || t.startsWith("+")) {
            t = t.substring(1);
        }
        if (radix == 0 || radix == 16 || radix == 8 || radix == 2) {
            if (t.startsWith("0x") && (radix == 0 || radix == 16)) {
                t = t.substring(2);
                radix = 16;
            } else if (t.startsWith("0o") && (radix == 0 || radix == 8)) {
                t = t.substring(2);
                radix = 8;
            } else if (t.startsWith("0b") && (radix == 0 || radix == 2)) {
                t = t.substring(2);
                radix = 2;
            } else if (radix == 0) {
                radix = 10;
            }
        }
        if (radix < 2 || radix > 36 || t.isEmpty() || t.length() > 10_000) {
            return null;
        }
        BigInteger i = new BigInteger(t, radix);
        return new Value.Int(negative ? i.negate() : i);
    }

    private Value bytes(Value v, Value encoding, SyntaxNode at) {
        if (v == null) {
            return Value.Bytes.of(new byte[0]);
        }
        if (v instanceof Value.Bytes) {
            return v;
        }
        if (v instanceof Value.Str s) {
            String enc = encoding == null ? "utf-8" : PyValues.text(encoding);
            if (enc == null) {
                return null;
            }
            try {
                return new Value.Bytes(s.value().getBytes(Charset.forName(enc.replace('_', '-'))), s.chain(), s.origin());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (v instanceof Value.Int n) {
            return n.value().bitLength() > 24 || n.value().signum() < 0 ? null : Value.Bytes.of(new byte[n.value().intValue()]);
        }
        List<Value> items = iterate(v);
        if (items == null || !ev.budget.allows(items.size())) {
            return null;
        }
        byte[] out = new byte[items.size()];
        for (int i = 0; i < out.length; i++) {
            BigInteger b = PyValues.toInt(items.get(i));
            if (b == null || b.signum() < 0 || b.compareTo(BigInteger.valueOf(255)) > 0) {
                return null;
            }
            out[i] = (byte) b.intValue();
        }
        // Bytes built from a list of numbers hide text; the chain says how (xor when computed with ^).
        Value result = new Value.Bytes(out, List.of(containsXor(at) ? "xor" : "int-list"), firstLiteral(at));
        if (out.length >= 4) {
            ev.decoded(result, at);
        }
        return result;
    }

    /**
     * The items of a set, each value once, in order of insertion: known values are compared by
     * their repr (linear time), values not known are each their own.
     */
    static List<Value> distinct(List<Value> items) {
        Set<String> seen = new java.util.HashSet<>();
        List<Value> out = new ArrayList<>();
        for (Value item : items) {
            String key = item instanceof Value.Str || item instanceof Value.Bytes || item instanceof Value.Int
                    || item instanceof Value.Seq ? PyValues.repr(item) : null;
            if (key == null || seen.add(key)) {
                out.add(item);
            }
        }
        return out;
    }

    private Value sequence(String path, Value v, Map<String, Value> kw, SyntaxNode at, PyEvaluator.Frame frame) {
        if (v == null) {
            return new Value.Seq(path.endsWith("tuple") ? Value.Seq.Kind.TUPLE
                    : path.endsWith("set") ? Value.Seq.Kind.SET : Value.Seq.Kind.LIST, List.of());
        }
        List<Value> items = iterate(v);
        if (items == null) {
            return null;
        }
        List<Value> out = new ArrayList<>(items);
        switch (path) {
            case "builtins.reversed" -> java.util.Collections.reverse(out);
            case "builtins.sorted" -> {
                Value key = kw.get("key");
                List<Value[]> keyed = new ArrayList<>();
                for (Value item : out) {
                    keyed.add(new Value[] {key == null ? item : ev.callValue(key, List.of(item), at, frame), item});
                }
                for (Value[] k : keyed) {
                    if (!PyValues.isConstant(k[0])) {
                        return null;
                    }
                }
                keyed.sort((a, b) -> {
                    Integer c = order(a[0], b[0]);
                    return c == null ? 0 : c;
                });
                out.clear();
                keyed.forEach(k -> out.add(k[1]));
                if (Boolean.TRUE.equals(PyValues.truth(kw.getOrDefault("reverse", Value.Bool.FALSE)))) {
                    java.util.Collections.reverse(out);
                }
            }
            case "builtins.set", "builtins.frozenset" -> {
                return new Value.Seq(Value.Seq.Kind.SET, distinct(out));
            }
            default -> {
            }
        }
        return new Value.Seq(path.endsWith("tuple") ? Value.Seq.Kind.TUPLE : Value.Seq.Kind.LIST, out);
    }

    private Value range(List<Value> args) {
        ev.budget.step();
        List<BigInteger> n = new ArrayList<>();
        for (Value a : args) {
            BigInteger i = PyValues.toInt(a);
            if (i == null || i.bitLength() > 31) {
                return null;
            }
            n.add(i);
        }
        long start = n.size() > 1 ? n.get(0).longValue() : 0;
        long stop = n.size() == 1 ? n.get(0).longValue() : n.size() > 1 ? n.get(1).longValue() : 0;
        long step = n.size() > 2 ? n.get(2).longValue() : 1;
        if (step == 0) {
            return null;
        }
        long count = step > 0 ? Math.max(0, (stop - start + step - 1) / step) : Math.max(0, (start - stop - step - 1) / -step);
        if (count > MAX_SEQUENCE) {
            return null;
        }
        ev.budget.allocate(count);
        List<Value> out = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            out.add(Value.Int.of(start + i * step));
        }
        return new Value.Seq(Value.Seq.Kind.LIST, out);
    }

    /** os.path.join: text when every part is known, else an unknown value keeping the known parts. */
    /**
     * The sources of one environment variable's value: its name joins them ({@code env:AWS_SECRET_ACCESS_KEY}),
     * so rules can tell a secret from a home directory.
     */
    private static java.util.Set<String> environment(String name, java.util.Set<String> from) {
        java.util.Set<String> sources = new java.util.LinkedHashSet<>(from);
        sources.add(PyEvaluator.ENVIRONMENT + name);
        return sources;
    }

    private static Value pathJoin(List<Value> args, String separator) {
        StringBuilder sb = new StringBuilder();
        List<String> pieces = new ArrayList<>();
        boolean known = true;
        boolean afterKnown = false;
        for (Value a : args) {
            String part = PyValues.text(a);
            if (part == null) {
                known = false;
                afterKnown = false;
                pieces.addAll(fragments(a));
                continue;
            }
            if (part.startsWith("/") || part.startsWith(separator)) {
                sb.setLength(0);
            } else if (sb.length() > 0 && !sb.toString().endsWith(separator) && !sb.toString().endsWith("/")) {
                sb.append(separator);
            }
            sb.append(part);
            String piece = (pieces.isEmpty() && known ? "" : separator) + part;
            if (afterKnown) {
                // Consecutive known parts stay one piece: … "/.ssh/id_rsa", not "/.ssh" … "/id_rsa".
                pieces.set(pieces.size() - 1, pieces.get(pieces.size() - 1) + piece);
            } else {
                pieces.add(piece);
            }
            afterKnown = true;
        }
        if (known) {
            return Value.Str.of(sb.toString());
        }
        // A path the code joins is a file in a folder (see ValueCondition.commandParts): say so first,
        // where the cap on sources keeps it.
        java.util.Set<String> from = new java.util.LinkedHashSet<>();
        from.add("os.path.join");
        from.addAll(Value.union(args.toArray(Value[]::new)));
        return new Value.Opaque(from, pieces);
    }

    private static Value maketrans(List<Value> args) {
        if (args.size() >= 2) {
            String from = PyValues.text(args.get(0));
            String to = PyValues.text(args.get(1));
            if (from == null || to == null || from.length() != to.length()) {
                return null;
            }
            List<Value> keys = new ArrayList<>();
            List<Value> values = new ArrayList<>();
            for (int i = 0; i < from.length(); i++) {
                keys.add(Value.Int.of(from.charAt(i)));
                values.add(Value.Int.of(to.charAt(i)));
            }
            return new Value.Dict(keys, values);
        }
        return args.size() == 1 && args.get(0) instanceof Value.Dict d ? d : null;
    }

    private static Value strOrNull(String s) {
        return s == null ? null : Value.Str.of(s);
    }

    /** Whether the arguments of the call at {@code at} compute with XOR. */
    static boolean containsXor(SyntaxNode at) {
        Deque<SyntaxNode> pending = new ArrayDeque<>();
        at.childrenFrom(1).forEach(pending::push);
        int seen = 0;
        while (!pending.isEmpty() && seen++ < 10_000) {
            SyntaxNode n = pending.pop();
            if (n.is(BINARY) && ("^".equals(n.text()))) {
                return true;
            }
            n.childrenFrom(0).forEach(pending::push);
        }
        return false;
    }

    /** Offset of the first literal among the call's arguments (where a payload is "written"), or -1. */
    static int firstLiteral(SyntaxNode at) {
        Deque<SyntaxNode> pending = new ArrayDeque<>();
        List<SyntaxNode> args = at.childrenFrom(1);
        for (int i = args.size() - 1; i >= 0; i--) {
            pending.push(args.get(i));
        }
        int seen = 0;
        while (!pending.isEmpty() && seen++ < 10_000) {
            SyntaxNode n = pending.pop();
            if (n.is(STRING) || n.is(LIST) || n.is(TUPLE) || n.is(NUMBER)) {
                return n.start();
            }
            List<SyntaxNode> children = n.childrenFrom(0);
            for (int i = children.size() - 1; i >= 0; i--) {
                pending.push(children.get(i));
            }
        }
        return at.start();
    }

    /**
     * A join with unknown items (".".join([hexlify(host), user, "oast.example"])): an unknown whose
     * known pieces are the runs of known items with their separators, and whose history is theirs.
     */
    private Value partlyKnownJoin(String separator, List<Value> items) {
        if (items.size() > 4096) {
            return null;
        }
        KnownPieces pieces = new KnownPieces();
        for (int i = 0; i < items.size(); i++) {
            String text = items.get(i) instanceof Value.Str s ? s.value() : null;
            if (i > 0) {
                pieces.known(separator);
            }
            if (text == null) {
                pieces.unknown(List.of());
            } else {
                pieces.known(text);
            }
            if (pieces.current() > 4096) {
                return null;
            }
        }
        List<String> known = pieces.pieces();
        known.removeIf(p -> p.equals(separator));
        return new Value.Opaque(Value.union(items.toArray(Value[]::new)), known);
    }

    Value joinAll(String separator, List<Value> items, Value receiver, SyntaxNode at, boolean bytes) {
        List<String> chain = receiver.chain();
        long total = 0;
        if (bytes) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Value item : items) {
                byte[] b = bytesOf(item);
                if (!(item instanceof Value.Bytes) || b == null) {
                    return null;
                }
                if (out.size() > 0) {
                    out.writeBytes(separator.getBytes(StandardCharsets.ISO_8859_1));
                }
                out.writeBytes(b);
                chain = PyValues.mergeChains(chain, item.chain());
                if (!ev.budget.allows(out.size())) {
                    return null;
                }
            }
            return new Value.Bytes(out.toByteArray(), chain, receiver.origin());
        }
        if (!items.stream().allMatch(item -> item instanceof Value.Str)) {
            return partlyKnownJoin(separator, items);
        }
        StringBuilder sb = new StringBuilder();
        int origin = -1;
        for (Value item : items) {
            if (!(item instanceof Value.Str s)) {
                return null;
            }
            if (sb.length() > 0 || total > 0) {
                sb.append(separator);
            }
            sb.append(s.value());
            total++;
            chain = PyValues.mergeChains(chain, s.chain());
            if (origin < 0 && s.origin() >= 0) {
                origin = s.origin();
            }
            if (!ev.budget.allows(sb.length())) {
                return null;
            }
        }
        if (containsXor(at) && !chain.contains("xor")) {
            chain = PyValues.append(chain, "xor");
        }
        if (origin < 0) {
            origin = firstLiteral(at);
        }
        Value v = new Value.Str(sb.toString(), chain, origin);
        if (!chain.isEmpty() && !chain.equals(receiver.chain())) {
            ev.decoded(v, at);
        }
        return v;
    }

    PyEvaluator evaluator() {
        return ev;
    }
}
