#!/usr/bin/env python3
"""Robustness check: rewrites the Python sources of package archives with one semantics-keeping
transformation and writes each rewritten package as a folder under a temporary directory, to be
scanned with `chainhunt scan --from-file`. A verdict that changes under a rewrite shows a detection
that depends on spelling (names, imports, literal strings, where code sits) rather than behaviour.

Nothing is run: archives are read in memory, sources are parsed and unparsed with `ast`. The
output is written only below the system's temporary directory (these may be live malware
samples). Usage:

    tools/mutate.py TRANSFORM LIST OUT

TRANSFORM  unparse (baseline: ast round trip only), rename (function parameters and locals),
           alias (imports bound to fresh names), b64 (string literals given to calls or assigned
           become base64 decodes), getattr (module.func(...) becomes getattr(module, 'func')(...)),
           wrap (a module's top-level statements move into a function called in their place)
LIST       archives, one path per line
OUT        a new directory below the temporary directory; package N of LIST goes to OUT/NNNN
"""
import ast
import base64
import builtins
import os
import random
import sys
import tarfile
import tempfile
import zipfile

RANDOM = random.Random(7)
KEEP = set(dir(builtins)) | {"self", "cls"}


def fresh(prefix):
    return prefix + "".join(RANDOM.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6))


def stored_names(node):
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def rename(tree):
    keywords = {k.arg for k in ast.walk(tree) if isinstance(k, ast.keyword) and k.arg}
    module_names = set()
    for s in tree.body:
        if not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            module_names |= stored_names(s)
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for fn in functions:
        a = fn.args
        names = {p.arg for p in a.posonlyargs + a.args + a.kwonlyargs + [a.vararg, a.kwarg] if p is not None}
        names |= stored_names(fn)
        for n in ast.walk(fn):
            if isinstance(n, (ast.Global, ast.Nonlocal)):
                names -= set(n.names)
        names -= KEEP | keywords | module_names
        mapping = {name: fresh("v") for name in names}
        for n in ast.walk(fn):
            if isinstance(n, ast.Name) and n.id in mapping:
                n.id = mapping[n.id]
            elif isinstance(n, ast.arg) and n.arg in mapping:
                n.arg = mapping[n.arg]
    return tree


def alias(tree):
    mapping = {}
    for n in ast.walk(tree):
        if isinstance(n, ast.Import):
            for a in n.names:
                if a.asname is None and "." not in a.name:
                    a.asname = mapping.setdefault(a.name, fresh("m"))
        elif isinstance(n, ast.ImportFrom) and n.level == 0:
            for a in n.names:
                if a.asname is None and a.name != "*":
                    a.asname = mapping.setdefault(a.name, fresh("f"))
    for n in ast.walk(tree):
        if isinstance(n, ast.Name) and n.id in mapping:
            n.id = mapping[n.id]
    return tree


def encoded(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and 8 <= len(node.value) <= 400:
        text = base64.b64encode(node.value.encode("utf-8", "surrogatepass")).decode()
        return ast.parse(f"__import__('base64').b64decode('{text}').decode()", mode="eval").body
    return node


def b64(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            node.args = [encoded(a) for a in node.args]
            for k in node.keywords:
                k.value = encoded(k.value)
        elif isinstance(node, ast.Assign):
            node.value = encoded(node.value)
    return tree


def getattr_(tree):
    modules = {a.asname or a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name) \
                and n.func.value.id in modules:
            n.func = ast.Call(ast.Name("getattr", ast.Load()), [n.func.value, ast.Constant(n.func.attr)], [])
    return tree


def is_setup(s):
    return isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) and "setup" in ast.unparse(s.value.func)


def wrap(tree):
    kept, moved = [], []
    for s in tree.body:
        definition = isinstance(s, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        docstring = isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)
        (kept if definition or docstring or is_setup(s) else moved).append(s)
    if not moved:
        return tree
    names = set()
    for s in moved:
        names |= stored_names(s)
        for n in ast.walk(s):
            if isinstance(n, (ast.Import, ast.ImportFrom)):
                names |= {a.asname or a.name.split(".")[0] for a in n.names if a.name != "*"}
    body = ([ast.Global(sorted(names))] if names else []) + moved
    fn = ast.FunctionDef(fresh("_init"), ast.arguments([], [], None, [], [], None, []), body, [], None, None)
    fn.type_params = []
    at = next((i for i, s in enumerate(kept) if is_setup(s)), len(kept))
    tree.body = kept[:at] + [fn, ast.Expr(ast.Call(ast.Name(fn.name, ast.Load()), [], []))] + kept[at:]
    return tree


TRANSFORMS = {"unparse": lambda t: t, "rename": rename, "alias": alias, "b64": b64, "getattr": getattr_, "wrap": wrap}


def members(path):
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            for i in z.infolist():
                if not i.is_dir() and i.file_size < 5_000_000:
                    yield i.filename, z.read(i)
    else:
        with tarfile.open(path) as t:
            for i in t.getmembers():
                if i.isfile() and i.size < 5_000_000:
                    yield i.name, t.extractfile(i).read()


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in TRANSFORMS:
        sys.exit(__doc__)
    transform, listing, out = TRANSFORMS[sys.argv[1]], sys.argv[2], os.path.realpath(sys.argv[3])
    if not out.startswith(os.path.realpath(tempfile.gettempdir()) + os.sep) or os.path.exists(out):
        sys.exit("OUT must be a new directory below " + tempfile.gettempdir())
    rewritten = 0
    for n, line in enumerate(open(listing)):
        folder = os.path.join(out, "%04d" % n)
        os.makedirs(folder)
        try:
            for name, data in members(line.strip()):
                rel = "/".join(p for p in name.replace("\\", "/").split("/") if p not in ("", ".", ".."))
                if not rel:
                    continue
                if rel.endswith(".py"):
                    try:
                        data = ast.unparse(ast.fix_missing_locations(transform(ast.parse(data.decode("utf-8"))))).encode()
                        rewritten += 1
                    except (SyntaxError, UnicodeDecodeError, ValueError, RecursionError):
                        pass  # Python 2 or broken: kept as it is
                target = os.path.join(folder, rel)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                if not os.path.isdir(target):
                    with open(target, "wb") as f:
                        f.write(data)
        except (OSError, tarfile.TarError, zipfile.BadZipFile) as e:
            print("unreadable:", line.strip(), e, file=sys.stderr)
    print("rewrote %d Python files" % rewritten)


if __name__ == "__main__":
    main()
