package dev.chainhunt.rules.query;

import dev.chainhunt.deobf.python.PyModel;
import dev.chainhunt.manifest.FileRoles;
import dev.chainhunt.model.FileRole;

import java.util.EnumSet;
import java.util.Set;

/**
 * When code runs without anyone calling it: on install (the top-level setup.py, setuptools and
 * distutils command classes wherever they are defined, .pth files) or on import (a package's
 * {@code __init__.py} at module level). Decoded stages keep the path of the file they came
 * from, so a payload decoded in setup.py is install-time code too.
 */
public final class Contexts {

    /** Command classes whose methods pip runs during a build or an install. */
    private static final Glob COMMAND_BASES = Glob.of(java.util.List.of(
            "setuptools.command.*", "distutils.command.*", "setuptools.Command", "distutils.core.Command",
            "distutils.cmd.Command", "*install", "*develop", "*egg_info", "*build_py", "*build_ext", "*bdist_wheel",
            "*sdist", "*build", "*bdist_egg", "*easy_install"));

    private Contexts() {
    }

    public static Set<Condition.Context> of(String path, String scope, PyModel model) {
        Set<Condition.Context> out = EnumSet.of(Condition.Context.ANY);
        FileRole role = FileRoles.of(path);
        if (role == FileRole.INSTALL || inCommandClass(scope, model)) {
            out.add(Condition.Context.INSTALL);
            out.add(Condition.Context.AUTORUN);
        }
        if (role == FileRole.IMPORT && "<module>".equals(scope)) {
            out.add(Condition.Context.IMPORT);
            out.add(Condition.Context.AUTORUN);
        }
        return out;
    }

    /** Whether {@code scope} is (inside) a method of a class that extends a setuptools command. */
    static boolean inCommandClass(String scope, PyModel model) {
        if (scope == null || model == null) {
            return false;
        }
        for (PyModel.ClassInfo k : model.classes()) {
            if ((scope.equals(k.name()) || scope.startsWith(k.name() + ".")) && COMMAND_BASES.matchesAny(k.bases())) {
                return true;
            }
        }
        return false;
    }
}
