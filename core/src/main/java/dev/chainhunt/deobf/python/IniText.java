package dev.chainhunt.deobf.python;

import dev.chainhunt.deobf.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sections and options of an INI text as {@code configparser} reads them: {@code [section]}
 * headers, {@code key = value} or {@code key: value} options (keys in lower case), indented lines
 * continuing a value, whole-line {@code #} and {@code ;} comments. A config file the package ships
 * is data its code can hide a command in; interpolation is not done.
 */
final class IniText {

    private static final int MAX_OPTIONS = 4_096;

    private IniText() {
    }

    /** {section: {option: value}} added to {@code into} (a later file overrides an earlier one). */
    static Value.Dict parse(String text, Value.Dict into) {
        List<Value> sections = new ArrayList<>(into.keys());
        List<List<Value>> keys = new ArrayList<>();
        List<List<Value>> values = new ArrayList<>();
        for (Value section : into.values()) {
            keys.add(new ArrayList<>(section instanceof Value.Dict d ? d.keys() : List.of()));
            values.add(new ArrayList<>(section instanceof Value.Dict d ? d.values() : List.of()));
        }
        int current = -1;
        int lastOption = -1;
        int options = 0;
        for (String line : text.split("\r?\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && current >= 0 && lastOption >= 0) {
                // A continuation line: part of the value above.
                List<Value> vs = values.get(current);
                vs.set(lastOption, Value.Str.of(PyValues.text(vs.get(lastOption)) + "\n" + trimmed));
                continue;
            }
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                String name = trimmed.substring(1, trimmed.length() - 1).strip();
                current = sections.indexOf(Value.Str.of(name));
                if (current < 0) {
                    sections.add(Value.Str.of(name));
                    keys.add(new ArrayList<>());
                    values.add(new ArrayList<>());
                    current = sections.size() - 1;
                }
                lastOption = -1;
                continue;
            }
            int eq = trimmed.indexOf('=');
            int colon = trimmed.indexOf(':');
            int cut = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (current < 0 || cut <= 0 || ++options > MAX_OPTIONS) {
                continue;
            }
            Value key = Value.Str.of(trimmed.substring(0, cut).strip().toLowerCase(Locale.ROOT));
            Value value = Value.Str.of(trimmed.substring(cut + 1).strip());
            List<Value> ks = keys.get(current);
            lastOption = ks.indexOf(key);
            if (lastOption < 0) {
                ks.add(key);
                values.get(current).add(value);
                lastOption = ks.size() - 1;
            } else {
                values.get(current).set(lastOption, value);
            }
        }
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            out.add(new Value.Dict(keys.get(i), values.get(i)));
        }
        return new Value.Dict(sections, out);
    }
}
