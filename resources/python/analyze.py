"""Static security analysis of Python files for SkillDock's skill scanner.

Usage: ``python3 -I analyze.py [--root DIR] FILE...`` or ``... --stdin`` with a JSON list of paths on stdin.

Each file is parsed with ``ast`` and reported on for what it could do: run processes, evaluate
code, unpickle data, call native code, use the network, read credentials, delete files or hide
what it does. Nothing is imported or executed; literal strings are decoded (base64, hex, rot13,
zlib, character codes) only to look inside them. Prints one JSON document on stdout::

    {"version": 1, "files": [{"path": "skill.py", "findings": [
        {"rule": "py.exec.process", "severity": "HIGH", "line": 12, "message": "...",
         "evidence": "subprocess.run(cmd, shell=True)", "facts": {...}}]}]}

The files are analysed together, so names imported from a sibling module (``from helper import
run``) are followed. Paths in the output are relative to ``--root`` (default: the current folder).
``facts`` carry what the caller needs to weigh a finding against the skill's declarations
(network domains, credential names, required programs); ``texts`` are the docstrings and long
prose literals (MCP tool descriptions reach the agent, so the caller checks them for prompt
injection). With ``{"projects": [...]}`` on stdin, several skills are analysed in one process and
the output is ``{"version": 1, "projects": [{"root": ..., "files": [...]}]}``. Bounded: a file over
2 MiB is not parsed, one file may take 5 seconds (POSIX), and the whole run stops after 15 seconds
(``--deadline``), reporting the files it did not reach.
"""

from __future__ import annotations

import ast
import base64
import binascii
import bz2
import codecs
import json
import lzma
import os
import re
import signal
import sys
import time
import zlib

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FOLDED = 256 * 1024
DEADLINE_SECONDS = 15.0
FILE_SECONDS = 5.0
MAX_NESTING = 3
EVIDENCE_CHARS = 160

IMPORTERS = {"builtins.__import__", "importlib.import_module", "importlib.__import__"}
FILE_LOADERS = {"importlib.util.spec_from_file_location", "importlib.machinery.SourceFileLoader",
                "importlib.machinery.SourcelessFileLoader", "importlib.util.spec_from_loader", "imp.load_source",
                "imp.load_compiled", "imp.load_module", "zipimport.zipimporter"}
EVALUATORS = {"builtins.eval", "builtins.exec", "builtins.compile", "builtins.execfile",
              "types.FunctionType", "types.CodeType", "runpy.run_path", "runpy.run_module",
              "code.InteractiveInterpreter", "code.interact"}
PROCESS = {"subprocess." + n for n in ("run", "call", "check_call", "check_output", "Popen", "getoutput",
                                        "getstatusoutput", "create_subprocess_exec", "create_subprocess_shell")}
PROCESS |= {"os." + n for n in ("system", "popen", "popen2", "popen3", "popen4", "execl", "execle", "execlp",
                                 "execlpe", "execv", "execve", "execvp", "execvpe", "spawnl", "spawnle", "spawnlp",
                                 "spawnlpe", "spawnv", "spawnve", "spawnvp", "spawnvpe", "posix_spawn",
                                 "posix_spawnp", "startfile", "forkpty")}
PROCESS |= {"pty.spawn", "asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell",
            "commands.getoutput", "commands.getstatusoutput", "platform.popen"}
SHELL_STRING = {"os.system", "os.popen", "subprocess.getoutput", "subprocess.getstatusoutput",
                "asyncio.create_subprocess_shell", "subprocess.create_subprocess_shell", "commands.getoutput",
                "commands.getstatusoutput", "platform.popen"}
DESERIALIZERS = {"pickle.loads", "pickle.load", "pickle.Unpickler", "marshal.loads", "marshal.load",
                 "shelve.open", "dill.loads", "dill.load", "jsonpickle.decode", "yaml.unsafe_load",
                 "yaml.full_load", "yaml.load_all", "yaml.unsafe_load_all", "pandas.read_pickle", "joblib.load"}
SAFE_YAML_LOADERS = {"yaml.SafeLoader", "yaml.CSafeLoader", "yaml.BaseLoader", "yaml.CBaseLoader"}
DECODERS = {"base64." + n for n in ("b64decode", "b32decode", "b16decode", "b85decode", "a85decode",
                                     "urlsafe_b64decode", "standard_b64decode", "decodebytes", "decodestring")}
DECODERS |= {"binascii.unhexlify", "binascii.a2b_hex", "binascii.a2b_base64", "binascii.a2b_uu", "zlib.decompress",
             "gzip.decompress", "bz2.decompress", "lzma.decompress", "codecs.decode", "bytes.fromhex",
             "bytearray.fromhex", "marshal.loads", "builtins.bytes.fromhex", "builtins.bytearray.fromhex"}
NATIVE_MODULES = {"ctypes", "_ctypes", "cffi"}
SHELLCODE_MARKERS = {"VirtualAlloc", "VirtualProtect", "mprotect", "PROT_EXEC", "PAGE_EXECUTE_READWRITE",
                     "CreateThread", "RtlMoveMemory", "CreateRemoteThread"}
NETWORK_MODULES = {"socket", "urllib.request", "urllib2", "urllib3", "http.client", "httplib", "requests", "httpx",
                   "aiohttp", "ftplib", "smtplib", "telnetlib", "poplib", "imaplib", "nntplib", "xmlrpc.client",
                   "websocket", "websockets", "paramiko", "pycurl"}
NETWORK_PREFIXES = tuple(m + "." for m in NETWORK_MODULES) + ("asyncio.open_connection",)
SINK_METHODS = {"send", "sendall", "sendto", "post", "put", "patch", "request", "sendmail", "send_message",
                "storbinary", "storlines", "urlopen", "upload", "write", "connect", "get"}
SECRET_SOURCES = {"keyring.get_password", "keyring.get_credential", "secretstorage.get_default_collection",
                  "browser_cookie3.load", "browser_cookie3.chrome", "browser_cookie3.firefox",
                  "win32crypt.CryptUnprotectData"}
DELETERS = {"shutil.rmtree", "os.remove", "os.unlink", "os.rmdir", "os.removedirs"}
ENV_READERS = {"os.getenv", "os.getenvb", "os.environ.get", "os.environb.get", "os.environ.pop"}
SAFE_ENV = {"SKILLDOCK_SKILL_DATA", "TMPDIR", "TEMP", "TMP"}
REEXPORTS = {"os", "sys", "subprocess", "socket", "builtins", "pickle", "base64", "importlib", "ctypes", "pty",
             "marshal", "shutil", "codecs", "zlib"}
ALIASES = {"__builtin__": "builtins", "__builtins__": "builtins", "posix": "os", "nt": "os", "cPickle": "pickle",
           "_pickle": "pickle", "_posixsubprocess": "subprocess", "importlib.__import__": "builtins.__import__",
           "builtins.__dict__": "builtins", "asyncio.subprocess": "subprocess", "urllib.urlopen": "urllib.request.urlopen",
           "builtins.bytes": "bytes", "builtins.bytearray": "bytearray"}
INDEX = getattr(ast, "Index", ())  # only produced by Python 3.8
BUILTIN_NAMES = set(dir(__builtins__)) if not isinstance(__builtins__, dict) else set(__builtins__)

SENSITIVE_SEGMENTS = {".ssh", ".aws", ".gnupg", ".netrc", ".git-credentials", ".pypirc", ".npmrc", ".password-store",
                      "login data", "cookies.sqlite", "logins.json", "key4.db", "keyrings", "wallet.dat", "shadow",
                      "id_rsa", "id_ed25519", "id_ecdsa", "id_dsa", "known_hosts", "web data", "local state"}
SENSITIVE_PATHS = (".config/gcloud", ".docker/config.json", ".kube/config", ".config/google-chrome",
                   "google/chrome/user data", "application support/google/chrome", ".config/chromium",
                   "bravesoftware/brave-browser", ".mozilla/firefox", "mozilla/firefox/profiles",
                   "microsoft/edge/user data", "library/keychains", "/etc/shadow", "microsoft/credentials",
                   "microsoft/protect", ".local/share/keyrings")
PERSISTENCE_MARKERS = (".bashrc", ".bash_profile", ".zshrc", ".zprofile", ".zshenv", ".profile", "launchagents",
                       "launchdaemons", "systemd/user", "/etc/systemd", "crontab", "/etc/cron", "currentversion\\run",
                       "currentversion/run", "authorized_keys", ".config/autostart", "start menu/programs/startup")
URL_RE = re.compile(r"\b(?:https?|wss?|ftp)://([A-Za-z0-9._~%-]+|\[[0-9a-fA-F:]+\])", re.I)
BASE64_RE = re.compile(r"[A-Za-z0-9+/=_\-\s]+")
HEX_RE = re.compile(r"(?:[0-9a-fA-F]{2}|\\x[0-9a-fA-F]{2}|\s)+")
CODE_HINT_RE = re.compile(r"\b(import|exec|eval|socket|subprocess|os\.system|/bin/(ba)?sh|def |lambda)\b")
INVISIBLE = {0x200B: "ZERO WIDTH SPACE", 0x200C: "ZERO WIDTH NON-JOINER", 0x200D: "ZERO WIDTH JOINER",
             0x200E: "LEFT-TO-RIGHT MARK", 0x200F: "RIGHT-TO-LEFT MARK", 0x2060: "WORD JOINER",
             0xFEFF: "ZERO WIDTH NO-BREAK SPACE"}
BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


def finding(rule, severity, line, message, evidence, **facts):
    out = {"rule": rule, "severity": severity, "line": line, "message": message, "evidence": evidence}
    if facts:
        out["facts"] = facts
    return out


def shorten(text):
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "\u2026"


def normalize(name):
    """Canonical dotted name: aliases folded, re-exported modules (shutil.os.system) unwrapped."""
    for _ in range(4):
        before = name
        for alias, real in ALIASES.items():
            if name == alias or name.startswith(alias + "."):
                name = real + name[len(alias):]
        parts = name.split(".")
        for i in range(len(parts) - 2, 0, -1):  # a module reached through another: shutil.os.system
            if parts[i] in REEXPORTS and parts[i - 1] != "asyncio":
                name = ".".join(parts[i:])
                break
        if name == before:
            return name
    return name


def hosts_in(text):
    return {m.group(1).lower().strip("[]") for m in URL_RE.finditer(text)}


def is_sensitive_path(text):
    low = text.lower().replace("\\", "/")
    if any(marker in low for marker in SENSITIVE_PATHS):
        return True
    segments = [s for s in low.split("/") if s]
    return any(s in SENSITIVE_SEGMENTS or s.split(".")[0] in ("id_rsa", "id_ed25519", "id_ecdsa") for s in segments)


def decode_literal(func, data, extra):
    """Applies a decoder to literal data, bounded; None when it does not apply."""
    raw = data.encode("latin-1", "replace")
    try:
        if func.startswith("base64.") or func == "binascii.a2b_base64":
            if "b32" in func:
                out = base64.b32decode(raw)
            elif "b16" in func:
                out = base64.b16decode(raw, casefold=True)
            elif "b85" in func:
                out = base64.b85decode(raw)
            elif "a85" in func:
                out = base64.a85decode(raw)
            else:
                out = base64.b64decode(raw + b"=" * (-len(raw.strip()) % 4), altchars=b"-_" if "urlsafe" in func else None)
        elif func in ("binascii.unhexlify", "binascii.a2b_hex", "bytes.fromhex", "bytearray.fromhex"):
            out = binascii.unhexlify("".join(data.split()))
        elif func == "zlib.decompress":
            out = zlib.decompressobj().decompress(raw, MAX_FOLDED)
        elif func == "bz2.decompress":
            out = bz2.BZ2Decompressor().decompress(raw, MAX_FOLDED)
        elif func == "lzma.decompress":
            out = lzma.LZMADecompressor().decompress(raw, MAX_FOLDED)
        elif func == "codecs.decode" and extra:
            codec = extra.lower().replace("-", "_")
            if codec in ("rot13", "rot_13"):
                return codecs.decode(data, "rot13")
            if codec in ("hex", "hex_codec", "base64", "base64_codec", "zlib", "zlib_codec", "bz2"):
                out = codecs.decode(raw, codec)
            else:
                out = raw.decode(codec, "replace").encode("latin-1", "replace")
        else:
            return None
    except Exception:  # noqa: BLE001 - literal data that does not decode is simply not folded
        return None
    return out[:MAX_FOLDED].decode("latin-1")


class Module:
    """One parsed file: its bindings per scope (flow-insensitive within a scope), and the queries that
    resolve names, fold constants and follow taint."""

    def __init__(self, project, rel, name, tree, source, depth=0, line_offset=0):
        self.project, self.rel, self.name, self.tree = project, rel, name, tree
        self.lines = source.splitlines()
        self.depth, self.line_offset, self.fixed_line = depth, line_offset, None
        self.bindings, self.returns, self.star = {}, {}, []
        self.parents, self.docstrings = {}, set()
        # Scopes: 0 is the module; functions, lambdas and classes are keyed by the id of their node.
        self.scope_of, self.scope_parent, self.class_scopes, self.globals_of = {}, {0: None}, set(), {}
        self.imported_modules, self.called_names, self.strings = set(), set(), []
        self._qn, self._const, self._taint = {}, {}, {}
        self._visit(tree, 0)

    # ---- bindings -------------------------------------------------------------------------
    def _bind(self, scope, name, binding):
        if name in self.globals_of.get(scope, ()):
            scope = 0
        self.bindings.setdefault((scope, name), []).append(binding)

    def lookup(self, name, scope=0):
        """The bindings a name has where it is used: its own scope, enclosing functions, then the module."""
        current = scope
        while current is not None:
            found = self.bindings.get((current, name))
            if found and (current == scope or current not in self.class_scopes):
                return found
            current = self.scope_parent.get(current)
        return []

    def scope(self, node):
        return self.scope_of.get(id(node), 0)

    def _synthetic(self, node, scope):
        self.scope_of[id(node)] = scope
        return node

    def _bind_target(self, target, value, scope):
        if isinstance(target, ast.Name):
            self._bind(scope, target.id, ("expr", value))
        elif isinstance(target, (ast.Tuple, ast.List)):
            values = value.elts if isinstance(value, (ast.Tuple, ast.List)) else None
            for i, element in enumerate(target.elts):
                if values is not None and i < len(values):
                    self._bind_target(element, values[i], scope)
                else:
                    item = self._synthetic(ast.Subscript(value=value, slice=ast.Constant(i)), scope)
                    self._bind_target(element, item, scope)

    def _enter(self, node, scope, kind):
        inner = id(node)
        self.scope_parent[inner] = scope
        self.globals_of[inner] = set()  # filled as `global` statements are met (they precede any binding)
        if kind == "class":
            self.class_scopes.add(inner)
        return inner

    def _visit(self, node, scope):
        """Records parents, scopes, docstrings and bindings, entering a new scope for defs, lambdas and classes."""
        self.scope_of[id(node)] = scope
        kind = type(node)
        record = _RECORDERS.get(kind)
        if record is not None:
            record(self, node, scope)
        inner = scope
        if kind in _SCOPES:
            body = node.body
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
                first = body[0].value
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    self.docstrings.add(id(first))
            if kind is ast.ClassDef:
                inner = self._enter(node, scope, "class")
            elif kind is not ast.Module:
                inner = self._enter(node, scope, "function")
                args = node.args
                for arg in args.posonlyargs + args.args + args.kwonlyargs + [a for a in (args.vararg, args.kwarg) if a]:
                    self._bind(inner, arg.arg, ("param",))
                if kind is not ast.Lambda:
                    self.returns[id(node)] = []
        parents = self.parents
        for field in node._fields:
            value = getattr(node, field, None)
            # Decorators, defaults, annotations and bases are evaluated in the enclosing scope.
            child_scope = inner if field in ("body", "args") or kind is ast.Lambda else scope
            if isinstance(value, list):
                for child in value:
                    if isinstance(child, ast.AST):
                        parents[id(child)] = node
                        self._visit(child, child_scope)
            elif isinstance(value, ast.AST):
                parents[id(value)] = node
                self._visit(value, child_scope)

    # One recorder per node type, so the walk does not test every node against every kind.
    def _record_string(self, node, scope):
        if isinstance(node.value, str):
            self.strings.append(node)

    def _record_call(self, node, scope):
        func = node.func
        if isinstance(func, ast.Name):
            self.called_names.add(func.id)
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.attr in MUTATORS:
            self._bind(scope, func.value.id, ("mutated",))

    def _record_import(self, node, scope):
        for alias in node.names:
            top = alias.name.split(".")[0]
            self.imported_modules.update({normalize(alias.name), normalize(top)})
            self._bind(scope, alias.asname or top, ("module", alias.name if alias.asname else top))

    def _record_import_from(self, node, scope):
        module = node.module or ""
        self.imported_modules.update(normalize(f"{module}.{a.name}") for a in node.names if module)
        for alias in node.names:
            if alias.name == "*":
                self.star.append(module)
            else:
                self._bind(scope, alias.asname or alias.name, ("from", module, alias.name))

    def _record_assign(self, node, scope):
        for target in node.targets:
            self._bind_target(target, node.value, scope)
            if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                self._bind(scope, target.value.id, ("mutated",))

    def _record_aug_assign(self, node, scope):
        if isinstance(node.target, ast.Name):
            self._bind(scope, node.target.id, ("aug", node.value))  # x += y: x is no longer a constant

    def _record_ann_assign(self, node, scope):
        if node.value is not None:
            self._bind_target(node.target, node.value, scope)

    def _record_loop(self, node, scope):
        item = self._synthetic(ast.Subscript(value=node.iter, slice=ast.Constant(0)), scope)
        self._bind_target(node.target, item, scope)
        if isinstance(node.target, ast.Name):
            self._bind(scope, node.target.id, ("iter", node.iter))

    def _record_with(self, node, scope):
        for item in node.items:
            if item.optional_vars is not None:
                self._bind_target(item.optional_vars, item.context_expr, scope)

    def _record_def(self, node, scope):
        self._bind(scope, node.name, ("def", node))

    def _record_class(self, node, scope):
        self._bind(scope, node.name, ("class", node))

    def _record_return(self, node, scope):
        if node.value is not None and scope in self.returns:
            self.returns[scope].append(node.value)

    def _record_global(self, node, scope):
        self.globals_of.setdefault(scope, set()).update(node.names)

    def line(self, node):
        if self.fixed_line is not None:
            return self.fixed_line
        return getattr(node, "lineno", 1) + self.line_offset

    def evidence(self, node):
        index = getattr(node, "lineno", 1) - 1
        text = self.lines[index] if 0 <= index < len(self.lines) else ""
        prefix = "decoded payload: " if self.depth else ""
        return shorten(prefix + text.strip())

    def _memo(self, table, node, compute, empty):
        key = id(node)
        if key in table:
            return table[key]
        table[key] = empty  # guards against cycles such as x = x + 1
        table[key] = compute(node)
        return table[key]

    # ---- qualified names --------------------------------------------------------------------
    def qualnames(self, node):
        """{(dotted name, hidden)} that an expression may refer to; hidden = the name was computed."""
        return self._memo(self._qn, node, self._qualnames, set())

    def name_qualnames(self, name, scope=0):
        out = set()
        bindings = self.lookup(name, scope)
        for binding in bindings:
            kind = binding[0]
            if kind == "module":
                out.add((normalize(binding[1]), False))
            elif kind == "from":
                out |= self.project.imported(self, binding[1], binding[2])
            elif kind == "expr":
                out |= self.qualnames(binding[1])
        if not bindings:
            if name in ("__builtins__", "__builtin__"):
                out.add(("builtins", False))
            elif name in BUILTIN_NAMES:
                out.add(("builtins." + name, False))
            for module in self.star:
                candidate = normalize(module + "." + name)
                if candidate in PROCESS | EVALUATORS | DESERIALIZERS | DELETERS:
                    out.add((candidate, False))
        return out

    def _qualnames(self, node):
        if isinstance(node, ast.Name):
            return self.name_qualnames(node.id, self.scope(node))
        if isinstance(node, ast.Attribute):
            out = {(normalize(q + "." + node.attr), h) for q, h in self.qualnames(node.value)}
            if isinstance(node.value, ast.Name):  # a class attribute: class Tools: run = os.system
                for binding in self.lookup(node.value.id, self.scope(node)):
                    if binding[0] == "class":
                        for attr in self.bindings.get((id(binding[1]), node.attr), []):
                            if attr[0] == "expr":
                                out |= self.qualnames(attr[1])
            return out
        if isinstance(node, ast.Subscript):
            if isinstance(node.value, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
                items = node.value.values if isinstance(node.value, ast.Dict) else node.value.elts
                return set().union(*(self.qualnames(e) for e in items))
            key, level = self.const_str(node.slice)
            if key is None:
                return set()
            out = set()
            for q, h in self.qualnames(node.value):
                if q == "sys.modules":
                    out.add((normalize(key), h or level > 0))
                elif q == "<globals>":
                    out |= {(n, True) for n, _ in self.name_qualnames(key)} if key != "__builtins__" else {("builtins", True)}
                elif q == "builtins" or q.endswith(".__dict__"):
                    base = "builtins" if q == "builtins" else q[: -len(".__dict__")]
                    out.add((normalize(base + "." + key), True))
            return out
        if isinstance(node, ast.Call):
            return self._call_qualnames(node)
        if isinstance(node, (ast.BoolOp, ast.IfExp)):
            parts = node.values if isinstance(node, ast.BoolOp) else [node.body, node.orelse]
            return set().union(*(self.qualnames(p) for p in parts))
        if isinstance(node, ast.NamedExpr):
            return self.qualnames(node.value)
        return set()

    def _call_qualnames(self, node):
        out = set()
        args = node.args
        for fq, fh in self.qualnames(node.func):
            if fq in IMPORTERS and args:
                name, level = self.const_str(args[0])
                if name:
                    out.add((normalize(name if fq != "builtins.__import__" else name.split(".")[0]), fh or level > 0))
            elif fq == "builtins.getattr" and len(args) >= 2:
                name, level = self.const_str(args[1])
                if name:
                    out |= {(normalize(q + "." + name), h or fh or level > 0) for q, h in self.qualnames(args[0])}
            elif fq.endswith(".__getattribute__") and args:
                name, level = self.const_str(args[0])
                if name:
                    out.add((normalize(fq[: -len(".__getattribute__")] + "." + name), True))
            elif fq in ("builtins.globals", "builtins.locals") or (fq == "builtins.vars" and not args):
                out.add(("<globals>", fh))
            elif fq == "builtins.vars" and args:
                out |= {(q + ".__dict__", h) for q, h in self.qualnames(args[0])}
            elif fq == "sys.modules.get" and args:
                name, level = self.const_str(args[0])
                if name:
                    out.add((normalize(name), True))
        for value in self.local_returns(node):
            out |= self.qualnames(value)
        return out

    def local_returns(self, call):
        """Return expressions of the functions of this file that a call may reach."""
        if not isinstance(call.func, ast.Name):
            return []
        defs = [b[1] for b in self.lookup(call.func.id, self.scope(call)) if b[0] == "def"]
        return [value for d in defs for value in self.returns.get(id(d), [])]

    def exprs_of(self, name_node):
        """The expressions a Name was assigned, where it is used."""
        return [b[1] for b in self.lookup(name_node.id, self.scope(name_node)) if b[0] == "expr"]

    # ---- constant folding ---------------------------------------------------------------------
    def const_str(self, node):
        """(text, level) when an expression is a constant string: level 0 literal, 1 assembled, 2 decoded."""
        return self._memo(self._const, node, self._const_str, (None, 0))

    def _const_str(self, node):
        if isinstance(node, INDEX):  # Python 3.8 wraps subscripts: x[ast.Index(value)]
            return self.const_str(node.value)
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                return node.value, 0
            if isinstance(node.value, bytes):
                return node.value.decode("latin-1"), 0
            return None, 0
        if isinstance(node, ast.JoinedStr):
            parts = [self.const_str(v.value if isinstance(v, ast.FormattedValue) else v) for v in node.values]
            if all(p[0] is not None for p in parts):
                return "".join(p[0] for p in parts)[:MAX_FOLDED], max([1] + [p[1] for p in parts])
            return None, 0
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            (left, ll), (right, rl) = self.const_str(node.left), self.const_str(node.right)
            if left is not None and right is not None:
                return (left + right)[:MAX_FOLDED], max(1, ll, rl)
            return None, 0
        if isinstance(node, ast.Subscript):
            text, level = self.const_str(node.value)
            s = node.slice
            if text is not None and isinstance(s, ast.Slice) and s.lower is None and s.upper is None:
                step = s.step.value if isinstance(s.step, ast.Constant) else None
                if isinstance(step, int) and step < 0:
                    return text[::step], 2
            return None, 0
        if isinstance(node, ast.Name):
            values = self.lookup(node.id, self.scope(node))
            folded = set()
            level = 0
            for binding in values:
                if binding[0] == "from":
                    text, lv = self.project.imported_const(self, binding[1], binding[2])
                elif binding[0] == "expr":
                    text, lv = self.const_str(binding[1])
                else:
                    text = None
                if text is None:
                    return None, 0
                folded.add(text)
                level = max(level, lv)
            return (folded.pop(), level) if len(folded) == 1 else (None, 0)
        if isinstance(node, ast.Call):
            return self._const_call(node)
        return None, 0

    def _const_call(self, node):
        func, args = node.func, node.args
        if isinstance(func, ast.Attribute):
            receiver, level = self.const_str(func.value)
            if receiver is not None:
                if func.attr == "join" and args:
                    items = self._const_items(args[0])
                    if items is not None:
                        return receiver.join(t for t, _ in items)[:MAX_FOLDED], max([1] + [lv for _, lv in items])
                if func.attr in ("decode", "encode"):
                    return receiver, level
                if func.attr in ("lower", "upper", "strip", "lstrip", "rstrip", "casefold", "swapcase", "title"):
                    return getattr(receiver, func.attr)(), max(level, 1)
                if func.attr == "replace" and len(args) == 2:
                    a, b = self.const_str(args[0])[0], self.const_str(args[1])[0]
                    if a is not None and b is not None:
                        return receiver.replace(a, b)[:MAX_FOLDED], max(level, 1)
        names = {q for q, _ in self.qualnames(func)}
        if "builtins.chr" in names and args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, int):
            return chr(args[0].value % 0x110000), 2
        if names & {"builtins.str"} and args:
            return self.const_str(args[0])
        if names & {"builtins.bytes", "builtins.bytearray", "bytes", "bytearray"} and args:
            codes = self._int_list(args[0])
            if codes is not None:
                return "".join(chr(c % 256) for c in codes), 2
            return self.const_str(args[0])
        for name in names & DECODERS:
            if not args:
                continue
            data, _ = self.const_str(args[0])
            extra = self.const_str(args[1])[0] if len(args) > 1 else None
            if data is not None:
                decoded = decode_literal(name, data, extra)
                if decoded is not None:
                    return decoded, 2
        return None, 0

    def _int_list(self, node):
        if isinstance(node, (ast.List, ast.Tuple)) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, int) for e in node.elts
        ):
            return [e.value for e in node.elts]
        if isinstance(node, ast.Name):
            exprs = self.exprs_of(node)
            if len(exprs) == 1:
                return self._int_list(exprs[0])
        return None

    def _const_items(self, node):
        """Folded items of a literal sequence, `chr(c) for c in [...]` or `map(chr, [...])`."""
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items = [self.const_str(e) for e in node.elts]
            return items if all(t is not None for t, _ in items) else None
        if isinstance(node, (ast.GeneratorExp, ast.ListComp)) and len(node.generators) == 1:
            gen = node.generators[0]
            codes = self._int_list(gen.iter)
            elt = node.elt
            if codes is not None and isinstance(elt, ast.Call) and elt.args and isinstance(gen.target, ast.Name):
                if {q for q, _ in self.qualnames(elt.func)} & {"builtins.chr"}:
                    return [(chr(c % 0x110000), 2) for c in codes]
        if isinstance(node, ast.Call) and len(node.args) == 2:
            if {q for q, _ in self.qualnames(node.func)} & {"builtins.map"}:
                if {q for q, _ in self.qualnames(node.args[0])} & {"builtins.chr"}:
                    codes = self._int_list(node.args[1])
                    if codes is not None:
                        return [(chr(c % 0x110000), 2) for c in codes]
        if isinstance(node, ast.Name):
            exprs = self.exprs_of(node)
            if len(exprs) == 1:
                return self._const_items(exprs[0])
        return None

    # ---- taint ------------------------------------------------------------------------------
    def taints(self, node):
        """Labels of where a value may come from: decoded, network, socket, secret, environ, env:NAME, safe-path."""
        return self._memo(self._taint, node, self._taints, frozenset())

    def name_taints(self, name, scope=0):
        out = set()
        for binding in self.lookup(name, scope):
            if binding[0] in ("expr", "aug"):
                out |= self.taints(binding[1])
            elif binding[0] == "iter":
                out |= self.taints(binding[1])
            elif binding[0] == "from":
                out |= self.project.imported_taints(self, binding[1], binding[2])
        return out

    def _taints(self, node):
        out = set()
        text, level = self.const_str(node) if not isinstance(node, ast.Constant) else (None, 0)
        if level == 2:
            out.add("decoded")
        if isinstance(node, ast.Constant):
            if isinstance(node.value, (str, bytes)) and id(node) not in self.docstrings:
                value = node.value if isinstance(node.value, str) else node.value.decode("latin-1")
                if is_sensitive_path(value):
                    out.add("secret")
            return frozenset(out)
        if text is not None and is_sensitive_path(text):
            out.add("secret")
        if isinstance(node, ast.Name):
            out |= self.name_taints(node.id, self.scope(node))
            return frozenset(out)
        names = {q for q, _ in self.qualnames(node)} if isinstance(node, (ast.Attribute, ast.Name)) else set()
        if names & {"os.environ", "os.environb"}:
            return frozenset(out | {"environ"})
        if isinstance(node, ast.Call):
            return frozenset(out | self._call_taints(node))
        if isinstance(node, ast.Subscript):
            value_names = {q for q, _ in self.qualnames(node.value)}
            if value_names & {"os.environ", "os.environb"}:
                return frozenset(out | self._env_label(node.slice))
            return frozenset(out | self.taints(node.value) | self.taints(node.slice))
        if isinstance(node, ast.Dict):
            parts = [k for k in node.keys if k is not None] + list(node.values)
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            parts = [node.elt] + [g.iter for g in node.generators]
        elif isinstance(node, ast.DictComp):
            parts = [node.key, node.value] + [g.iter for g in node.generators]
        elif isinstance(node, (ast.Compare, ast.Lambda, ast.FunctionDef)):
            parts = []
        else:
            parts = [c for c in ast.iter_child_nodes(node) if isinstance(c, ast.expr)]
        for part in parts:
            out |= self.taints(part)
        return frozenset(out)

    def _env_label(self, key_node):
        key, _ = self.const_str(key_node)
        if key is None:
            return {"env:?"}
        return {"safe-path"} if key in SAFE_ENV else {"env:" + key}

    def _call_taints(self, node):
        names = {q for q, _ in self.qualnames(node.func)}
        if names & ENV_READERS:
            return self._env_label(node.args[0]) if node.args else {"env:?"}
        out = set()
        if names & DECODERS:
            out.add("decoded")
        if any(n.startswith("tempfile.") for n in names):
            out.add("safe-path")
        if names & SECRET_SOURCES:
            out.add("secret")
        if any(n.startswith(NETWORK_PREFIXES) or n in NETWORK_MODULES for n in names):
            out.add("network")
            if any(n.startswith("socket.") for n in names):
                out.add("socket")
        if names & NETWORK_CLIENTS:
            out.add("netclient")
        if isinstance(node.func, ast.Attribute):
            out |= self.taints(node.func.value)
        for value in self.local_returns(node):
            out |= self.taints(value)
        if isinstance(node.func, ast.Name):
            out |= self.project.imported_return_taints(self, node.func.id, self.scope(node))
        for arg in list(node.args) + [k.value for k in node.keywords]:
            out |= self.taints(arg)
        return out


MUTATORS = {"insert", "reverse", "sort", "pop", "remove", "clear", "__setitem__"}
_SCOPES = {ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef}
_RECORDERS = {
    ast.Constant: Module._record_string,
    ast.Call: Module._record_call,
    ast.Import: Module._record_import,
    ast.ImportFrom: Module._record_import_from,
    ast.Assign: Module._record_assign,
    ast.AugAssign: Module._record_aug_assign,
    ast.AnnAssign: Module._record_ann_assign,
    ast.NamedExpr: Module._record_ann_assign,
    ast.For: Module._record_loop,
    ast.AsyncFor: Module._record_loop,
    ast.comprehension: Module._record_loop,
    ast.With: Module._record_with,
    ast.AsyncWith: Module._record_with,
    ast.FunctionDef: Module._record_def,
    ast.AsyncFunctionDef: Module._record_def,
    ast.ClassDef: Module._record_class,
    ast.Return: Module._record_return,
    ast.Global: Module._record_global,
}


class Project:
    """All files of one skill, so imports between them can be followed."""

    def __init__(self):
        self.modules = {}
        self._guard = set()

    def add(self, module):
        self.modules[module.name] = module

    def _target(self, importer, module_name):
        if module_name in self.modules and self.modules[module_name] is not importer:
            return self.modules[module_name]
        return None

    def _follow(self, key, compute, empty):
        if key in self._guard:
            return empty
        self._guard.add(key)
        try:
            return compute()
        finally:
            self._guard.discard(key)

    def imported(self, importer, module_name, name):
        target = self._target(importer, module_name)
        if target is None:
            if module_name and self._target(importer, module_name + "." + name) is not None:
                return set()
            return {(normalize(f"{module_name}.{name}" if module_name else name), False)}
        return self._follow(("qn", module_name, name), lambda: target.name_qualnames(name), set())

    def imported_const(self, importer, module_name, name):
        target = self._target(importer, module_name)
        if target is None:
            return None, 0
        return self._follow(("const", module_name, name),
                            lambda: target.const_str(ast.Name(id=name, ctx=ast.Load())), (None, 0))

    def imported_taints(self, importer, module_name, name):
        target = self._target(importer, module_name)
        if target is None:
            return set()
        return self._follow(("taint", module_name, name), lambda: target.name_taints(name), set())

    def imported_return_taints(self, importer, local_name, scope):
        out = set()
        for binding in importer.lookup(local_name, scope):
            if binding[0] == "from":
                target = self._target(importer, binding[1])
                if target is not None:
                    out |= self._follow(("ret", binding[1], binding[2]), lambda t=target, n=binding[2]: set().union(
                        *(t.taints(v) for d in t.lookup(n) if d[0] == "def" for v in t.returns.get(id(d[1]), []))),
                        set())
        return out


SHELL_PAYLOAD_RE = re.compile(
    r"/dev/(tcp|udp)/|\b(nc|ncat|netcat)\b[^|;]*\s-[a-z]*[ec]\b|\bbash\s+-i\b|"
    r"\b(curl|wget)\b[^|;]*\|\s*(sudo\s+)?(ba|z|da)?sh\b|base64\s+(-d|--decode)[^|;]*\|\s*(ba)?sh\b"
)
NETWORK_CLIENTS = {"requests.Session", "requests.session", "httpx.Client", "httpx.AsyncClient", "aiohttp.ClientSession",
                   "urllib3.PoolManager", "socket.socket", "socket.create_connection", "http.client.HTTPConnection",
                   "http.client.HTTPSConnection", "smtplib.SMTP", "smtplib.SMTP_SSL", "ftplib.FTP", "ftplib.FTP_TLS",
                   "telnetlib.Telnet", "paramiko.SSHClient", "urllib.request.build_opener"}
URL_CALLS = {f"{m}.{v}" for m in ("requests", "httpx") for v in ("get", "post", "put", "patch", "delete", "head",
                                                              "options", "request", "stream")}
URL_CALLS |= {"urllib.request.urlopen", "urllib.request.Request", "urllib.request.urlretrieve", "urllib2.urlopen",
              "http.client.HTTPConnection", "http.client.HTTPSConnection", "socket.create_connection",
              "smtplib.SMTP", "smtplib.SMTP_SSL", "ftplib.FTP", "ftplib.FTP_TLS", "telnetlib.Telnet", "poplib.POP3",
              "poplib.POP3_SSL", "imaplib.IMAP4", "imaplib.IMAP4_SSL", "xmlrpc.client.ServerProxy",
              "websocket.create_connection", "websockets.connect", "asyncio.open_connection", "aiohttp.request",
              "urllib3.request"}
URL_METHODS = {"get", "post", "put", "patch", "delete", "head", "request", "stream", "ws_connect", "open", "connect",
               "urlopen", "connect_ex"}
INTERPRETERS = {"sh", "bash", "zsh", "dash", "ksh", "fish", "python", "python3", "python2", "perl", "ruby", "node",
                "powershell", "pwsh", "cmd", "cmd.exe", "osascript", "curl", "wget", "nc", "ncat", "netcat", "socat",
                "sudo", "env", "xargs", "busybox"}


# Functions that are dangerous to pass around as values (classes such as types.CodeType are not).
REFERENCED = (PROCESS | DELETERS | {"builtins.eval", "builtins.exec", "builtins.compile", "builtins.__import__",
                                    "importlib.import_module"} | DESERIALIZERS) - {"pickle.Unpickler"}


class Checker:
    """Walks one module and reports what its code can do."""

    def __init__(self, module):
        self.m = module
        self.findings, self.seen = [], set()
        # "node": the first import or call; "call": the first call (what a finding points at: the line
        # that talks to the network, not the import that merely makes it possible).
        self.net = {"modules": set(), "hosts": set(), "dynamic": False, "calls": 0, "node": None, "call": None}
        self.file_hosts = set()
        self.native = None
        self.shellcode = None
        self.socket_used = False
        self.secret_reads = []
        self.folded_reported = set()

    def add(self, rule, severity, node, message, **facts):
        line = self.m.line(node)
        key = (rule, line)
        if key in self.seen:
            return
        self.seen.add(key)
        self.findings.append(finding(rule, severity, line, message, self.m.evidence(node), **facts))

    def names(self, node):
        return {q for q, _ in self.m.qualnames(node)}

    def parent(self, node):
        return self.m.parents.get(id(node))

    def run(self):
        for node in ast.walk(self.m.tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                self.check_import(node)
            elif isinstance(node, ast.Call):
                self.check_call(node)
            elif isinstance(node, ast.Subscript):
                self.check_subscript(node)
            if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
                self.check_literal(node)
            elif isinstance(node, (ast.BinOp, ast.JoinedStr, ast.Call, ast.Subscript)):
                self.check_folded(node)
            if isinstance(node, (ast.Attribute, ast.Name)) and isinstance(node.ctx, ast.Load):
                self.check_reference(node)
            if isinstance(node, ast.Attribute) and node.attr in SHELLCODE_MARKERS:
                self.shellcode = self.shellcode or node
        self.finish()
        return self.findings

    # ---- imports --------------------------------------------------------------------------
    def check_import(self, node):
        if isinstance(node, ast.Import):
            modules = [normalize(a.name) for a in node.names]
        else:
            base = normalize(node.module or "")
            modules = [base] + [normalize(f"{base}.{a.name}") for a in node.names if a.name != "*"]
        for module in modules:
            top = module.split(".")[0]
            if top in NATIVE_MODULES and self.native is None:
                self.native = node
                self.add("py.native.code", "HIGH", node,
                         f"Loads native code through {top}, which can call any function of the operating system and "
                         "bypass Python's safety checks. Only approve it if you know why a skill needs machine-level "
                         "access.")
            if module in NETWORK_MODULES or module.startswith(NETWORK_PREFIXES):
                self.net["modules"].add(module)
                self.net["node"] = self.net["node"] or node
                self.socket_used = self.socket_used or top == "socket"

    # ---- calls ----------------------------------------------------------------------------
    def arg_taints(self, node):
        out = set()
        # env= only hands the environment on to a child process; it is not data leaving the skill.
        for arg in list(node.args) + [k.value for k in node.keywords if k.arg != "env"]:
            out |= self.m.taints(arg)
        return out

    def check_call(self, node):
        qns = self.m.qualnames(node.func)
        taint = self.arg_taints(node)
        for q, hidden in qns:
            dangerous = True
            if q in PROCESS:
                self.process(node, q, taint)
            elif q in EVALUATORS:
                self.evaluate(node, q, taint)
            elif q in IMPORTERS:
                self.dynamic_import(node, taint)
            elif q in FILE_LOADERS:
                self.add("py.dynamic.import", "HIGH", node,
                         f"Loads Python code from a file path at run time ({q}), so what runs is not the code that "
                         "was reviewed. Ask the author to import modules normally.", target=q)
            elif q == "builtins.getattr":
                self.dynamic_getattr(node)
                dangerous = False
            elif q in DESERIALIZERS or q == "yaml.load":
                self.deserialize(node, q, taint)
            elif q in DELETERS:
                self.delete(node, node.args[0] if node.args else None, q)
            elif q in ENV_READERS:
                self.env_read(node, node.args[0] if node.args else None)
                dangerous = False
            elif q.startswith(NETWORK_PREFIXES):
                self.network_call(node, q)
            elif q in SECRET_SOURCES:
                self.secret_reads.append(node)
                self.add("py.credentials.keyring", "HIGH", node,
                         f"Reads stored passwords or cookies ({q}). A skill should receive the credentials it needs "
                         "from SkillDock (declared in metadata.skilldock.credentials), never take them from your "
                         "keychain or browser itself.")
            elif q == "os.dup2" and node.args and self.is_fileno_of_socket(node.args[0]):
                self.reverse_shell(node)
            else:
                dangerous = q.split(".")[0] in NATIVE_MODULES
            if hidden and dangerous:
                self.add("py.obfuscation.hidden-call", "CRITICAL", node,
                         f"Calls {q} through a name it assembles or looks up at run time, which hides what the code "
                         "does from a reader. Legitimate skills have no reason to do this: do not approve it.",
                         target=q)
        if not qns and isinstance(node.func, ast.Attribute):
            self.method_call(node, taint)
        self.check_exfiltration(node, qns, taint)

    def is_module(self, name):
        """Whether a resolved name is a module (builtins, or one this file imports), not a class or object."""
        return name in ("builtins", "<globals>") or name in self.m.imported_modules

    def is_fileno_of_socket(self, node):
        return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "fileno"

    def reverse_shell(self, node):
        self.add("py.reverse-shell", "CRITICAL", node,
                 "Connects a network socket to a program's input and output: this is a reverse shell, which gives "
                 "someone else remote control of your computer. Do not approve this skill; remove it.")

    def process(self, node, q, taint):
        program, shell, literal = self.program_of(node, q)
        if "decoded" in taint:
            self.add("py.obfuscation.decode-exec", "CRITICAL", node,
                     "Decodes hidden text and runs it as a command. Skills have no reason to hide their commands: "
                     "do not approve it.", target=q)
        elif "network" in taint:
            self.add("py.download-exec", "CRITICAL", node,
                     "Runs a command built from data downloaded from the network, so whoever controls that server "
                     "controls your computer. Do not approve it.", target=q)
        if isinstance(program, str) and SHELL_PAYLOAD_RE.search(program):
            self.add("py.exec.shell-payload", "CRITICAL", node,
                     "Runs a shell command that downloads and runs code or opens a remote shell. Do not approve it.")
        for key in ("stdin", "stdout", "stderr"):
            for kw in node.keywords:
                if kw.arg == key and "socket" in self.m.taints(kw.value):
                    self.reverse_shell(node)
        if q == "pty.spawn" and self.socket_used:
            self.reverse_shell(node)
        name = program.split()[0] if isinstance(program, str) and program.split() else None
        what = f"the program {os.path.basename(name)}" if name else "a program chosen at run time"
        self.add("py.exec.process", "HIGH", node,
                 f"Starts {what}{' through a shell' if shell else ''} ({q}). A program started by a skill can do "
                 "anything your user account can. If the skill needs one program, declare it in "
                 "metadata.openclaw.requires.bins and call it with a fixed list of arguments, without a shell.",
                 target=q, program=os.path.basename(name) if name else None, shell=shell, literal=literal)

    def program_of(self, node, q):
        """(command text or program, shell?, literal argument list?) of a process call."""
        args = node.args
        shell = q in SHELL_STRING or any(
            k.arg == "shell" and not (isinstance(k.value, ast.Constant) and not k.value.value) for k in node.keywords)
        first = args[0] if args else next((k.value for k in node.keywords if k.arg in ("args", "argv", "cmd")), None)
        if q.startswith(("os.spawn", "os.posix_spawn")) and q.startswith("os.spawn") and len(args) > 1:
            first = args[1]
        if first is None:
            return None, shell, False
        if isinstance(first, ast.Name):
            # A list bound once and only extended keeps its program; one that is reordered or reassigned does not.
            bindings = self.m.lookup(first.id, self.m.scope(first))
            exprs = [b[1] for b in bindings if b[0] == "expr"]
            if len(exprs) == 1 and all(b[0] in ("expr", "aug") for b in bindings) and isinstance(
                    exprs[0], (ast.List, ast.Tuple)):
                first = exprs[0]
        if isinstance(first, (ast.List, ast.Tuple)):
            if not first.elts:
                return None, shell, False
            head, _ = self.m.const_str(first.elts[0])
            text = " ".join(self.m.const_str(e)[0] or "…" for e in first.elts if not isinstance(e, ast.Starred))
            return (text if head is not None else None), shell, head is not None
        text, level = self.m.const_str(first)
        return text, shell, text is not None and level == 0 and not shell

    def evaluate(self, node, q, taint):
        short = q.split(".")[-1]
        code = node.args[0] if node.args else None
        text, level = self.m.const_str(code) if code is not None else (None, 0)
        if "decoded" in taint or level == 2:
            self.add("py.obfuscation.decode-exec", "CRITICAL", node,
                     f"Decodes hidden text and runs it as Python code ({short}). This is how malware hides its "
                     "payload from reviewers: do not approve it.", target=q)
        elif "network" in taint:
            self.add("py.download-exec", "CRITICAL", node,
                     f"Runs Python code downloaded from the network ({short}), so whoever controls that server "
                     "controls your computer. Do not approve it.", target=q)
        elif text is not None:
            self.add("py.dynamic.eval", "MEDIUM", node,
                     f"Runs a fixed piece of Python code with {short}(). It is shown below; it is usually better "
                     "written as ordinary code.", target=q)
        else:
            self.add("py.dynamic.eval", "HIGH", node,
                     f"Runs Python code that is only known at run time with {short}(), so a reviewer cannot tell "
                     "what it does and input may become code. Ask the author to replace it with ordinary code.",
                     target=q)
        if text is not None:
            self.nested(text, node)

    def nested(self, text, node):
        if self.m.depth >= MAX_NESTING:
            return
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return
        if not any(isinstance(n, (ast.Call, ast.Import, ast.ImportFrom)) for n in ast.walk(tree)):
            return  # a bare name such as "exec" is not a payload
        inner = Module(self.m.project, self.m.rel, self.m.name + ".<payload>", tree, text, self.m.depth + 1)
        inner.fixed_line = self.m.line(node)
        self.findings.extend(Checker(inner).run())

    def dynamic_import(self, node, taint):
        text, level = self.m.const_str(node.args[0]) if node.args else (None, 0)
        if "decoded" in taint and text is None:
            self.add("py.obfuscation.decode-exec", "CRITICAL", node,
                     "Imports a module whose name is decoded from hidden text. Do not approve it.")
        elif text is None:
            self.add("py.dynamic.import", "HIGH", node,
                     "Imports a module whose name is only known at run time, so a reviewer cannot tell which code "
                     "runs. Ask the author to import modules by name.")
        elif level > 0:
            self.add("py.obfuscation.computed-name", "HIGH", node,
                     f"Imports the module {text!r} through a name it assembles piece by piece, which hides what it "
                     "uses from a reader. Do not approve it unless the author explains why.", name=text)

    def dynamic_getattr(self, node):
        if len(node.args) < 2:
            return
        target = {q for q in self.names(node.args[0]) if self.is_module(q)}
        if not target:
            return
        text, level = self.m.const_str(node.args[1])
        if text is None:
            self.add("py.dynamic.getattr", "HIGH", node,
                     f"Looks up a function of {sorted(target)[0]} by a name computed at run time, a common way to "
                     "hide calls such as os.system. Ask the author to call functions by name.")
        elif level > 0:
            self.add("py.obfuscation.computed-name", "HIGH", node,
                     f"Looks up {sorted(target)[0]}.{text} through a name it assembles piece by piece, which hides "
                     "the call from a reader. Do not approve it unless the author explains why.", name=text)

    def deserialize(self, node, q, taint):
        if q == "yaml.load":
            loader = node.args[1] if len(node.args) > 1 else next(
                (k.value for k in node.keywords if k.arg == "Loader"), None)
            if loader is not None and self.names(loader) & SAFE_YAML_LOADERS:
                return
        if taint & {"network", "socket"}:
            self.add("py.deserialize.untrusted", "CRITICAL", node,
                     f"Loads data received from the network with {q}, which runs any code hidden in that data. "
                     "Do not approve it; the skill should use JSON instead.", target=q)
        elif "decoded" in taint:
            self.add("py.obfuscation.decode-exec", "CRITICAL", node,
                     f"Decodes hidden data and loads it with {q}, which runs code hidden inside it. Do not approve it.",
                     target=q)
        else:
            self.add("py.deserialize.unsafe", "HIGH", node,
                     f"Loads data with {q}, which can run code hidden in that data. If the data can come from "
                     "anyone else, this is a way in: ask the author to use JSON or yaml.safe_load.", target=q)

    def delete(self, node, path, q):
        if path is not None and "safe-path" in self.m.taints(path):
            return
        text = self.m.const_str(path)[0] if path is not None else None
        where = f" {text!r}" if text else " a path that is not inside the skill's data folder"
        self.add("py.destructive.delete", "HIGH", node,
                 f"Deletes{where} ({q}). A skill should only delete files under its own data folder "
                 "(SKILLDOCK_SKILL_DATA) or temporary files; check that this cannot remove your files.", target=q)

    def env_read(self, node, key):
        name = self.m.const_str(key)[0] if key is not None else None
        if name in SAFE_ENV or name == "SKILLDOCK_SKILL_DIR":
            return
        self.add("py.credentials.env", "LOW", node,
                 f"Reads the environment variable {name}." if name else
                 "Reads an environment variable whose name is computed at run time.", name=name)

    def network_call(self, node, q):
        self.net["modules"].add(q.rsplit(".", 1)[0] if q.count(".") > 1 else q.split(".")[0])
        self.net["node"] = self.net["node"] or node
        self.net["call"] = self.net["call"] or node
        self.net["calls"] += 1
        self.socket_used = self.socket_used or q.startswith("socket.")
        if q not in URL_CALLS:
            return
        target = node.args[1] if q.endswith(".request") and len(node.args) > 1 else (
            node.args[0] if node.args else next((k.value for k in node.keywords if k.arg in ("url", "host")), None))
        self.add_target(target)

    def add_target(self, target):
        if target is None:
            self.net["dynamic"] = True
            return
        if isinstance(target, ast.Tuple) and target.elts:
            target = target.elts[0]
        text, _ = self.m.const_str(target)
        if text is None:
            prefix = self.url_prefix(target)
            hosts = hosts_in(prefix + "/") if prefix and re.search(r"://[^/]+[/:?]", prefix + "/") else set()
            if prefix and "://" in prefix and re.search(r"://[^/]+[/:?]", prefix):
                self.net["hosts"] |= hosts
            else:
                self.net["dynamic"] = True
            return
        hosts = hosts_in(text)
        if not hosts and re.fullmatch(r"[A-Za-z0-9.-]+\.[A-Za-z]{2,}|[0-9.]+|[0-9a-fA-F:]+:[0-9a-fA-F:]*", text):
            hosts = {text.lower()}
        if hosts:
            self.net["hosts"] |= hosts
        else:
            self.net["dynamic"] = True

    def url_prefix(self, node):
        """The constant start of a URL built at run time (f-string, concatenation or format)."""
        if isinstance(node, ast.JoinedStr):
            prefix = ""
            for part in node.values:
                text = self.m.const_str(part.value if isinstance(part, ast.FormattedValue) else part)[0]
                if text is None:
                    break
                prefix += text
            return prefix or None
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            left = self.m.const_str(node.left)[0]
            return left if left is not None else self.url_prefix(node.left)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            return self.m.const_str(node.func.value)[0]
        if isinstance(node, ast.Name):
            exprs = self.m.exprs_of(node)
            if len(exprs) == 1:
                return self.url_prefix(exprs[0])
        return None

    def method_call(self, node, taint):
        attr, receiver = node.func.attr, node.func.value
        receiver_taint = self.m.taints(receiver)
        if attr in ("unlink", "rmdir") and not self.names(receiver):
            self.delete(node, receiver, f".{attr}()")
        if "socket" in receiver_taint and attr in ("connect", "connect_ex"):
            # Creating a socket does not talk to anyone; connecting it does.
            self.net["connect"] = self.net.get("connect") or node
        if "netclient" in receiver_taint and attr in URL_METHODS:
            self.net["call"] = self.net["call"] or node
            self.net["calls"] += 1
            self.add_target(node.args[0] if node.args else next(
                (k.value for k in node.keywords if k.arg == "url"), None))

    def check_exfiltration(self, node, qns, taint):
        names = {q for q, _ in qns}
        network = any(q.startswith(NETWORK_PREFIXES) for q in names)
        if not network and isinstance(node.func, ast.Attribute) and node.func.attr in SINK_METHODS:
            network = bool(self.m.taints(node.func.value) & {"netclient", "socket"})
        if not network and names & PROCESS:
            # A child process receives the environment as a matter of course; only secret files or a
            # dump of the environment in its command line leave the skill that way.
            command = self.m.taints(node.args[0]) if node.args else set()
            taint = {t for t in taint if t == "secret"} | {t for t in command if t == "environ"}
        elif not network:
            return
        env = sorted(t[4:] for t in taint if t.startswith("env:")) if network else []
        if not (taint & {"secret", "environ"} or env):
            return
        what = "your secret files" if "secret" in taint else (
            "all your environment variables" if "environ" in taint else "the environment variables " + ", ".join(env))
        self.add("py.exfiltration", "CRITICAL", node,
                 f"Sends {what} out of the skill (over the network or to another program). This is how credentials "
                 "are stolen: do not approve it.", secret="secret" in taint, environ="environ" in taint, env=env)

    # ---- references, subscripts, literals ---------------------------------------------------
    def check_subscript(self, node):
        if not isinstance(node.ctx, ast.Load):
            return
        value_names = self.names(node.value)
        if value_names & {"os.environ", "os.environb"}:
            self.env_read(node, node.slice)
        elif value_names & {"builtins", "<globals>"} and self.m.const_str(node.slice)[0] is None:
            self.add("py.dynamic.getattr", "HIGH", node,
                     "Looks up a built-in function or global by a name computed at run time, a common way to hide "
                     "calls such as eval or exec. Do not approve it unless the author explains why.")

    def check_reference(self, node):
        parent = self.parent(node)
        if isinstance(parent, ast.Attribute) and parent.value is node:
            if parent.attr in ("copy", "items", "keys", "values") and self.names(node) & {"os.environ"}:
                self.environ_use(parent, copy=parent.attr == "copy")
            return
        if isinstance(parent, ast.Call) and parent.func is node:
            return
        names = self.names(node)
        if not names:
            return
        if names & {"os.environ", "os.environb"}:
            if isinstance(parent, ast.Call) and names and self.names(parent.func) & {"builtins.dict"}:
                self.environ_use(node, copy=True)
            elif isinstance(parent, ast.Dict):
                self.environ_use(node, copy=True)
            elif isinstance(parent, (ast.Call, ast.comprehension, ast.For, ast.Starred, ast.Return, ast.JoinedStr,
                                     ast.FormattedValue)):
                self.environ_use(node, copy=False)
            return
        targets = getattr(parent, "targets", [getattr(parent, "target", None)])
        if isinstance(parent, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and all(
                isinstance(t, ast.Name) and t.id in self.m.called_names for t in targets) and (
                self.m.scope(node) not in self.m.class_scopes):
            return  # an alias that is called by name: reported at the call
        bindings = self.m.lookup(node.id, self.m.scope(node)) if isinstance(node, ast.Name) else []
        if bindings and all(b[0] == "expr" for b in bindings):
            return  # an alias: its uses are reported where the original name is referenced or called
        for q in sorted(names):
            if q in REFERENCED:
                self.add("py.dynamic.reference", "HIGH", node,
                         f"Passes {q} around as a value instead of calling it directly, which hides when and with "
                         "what it runs. Check where it ends up being called.", target=q)

    def environ_use(self, node, copy):
        if copy:
            self.add("py.credentials.environ-copy", "MEDIUM", node,
                     "Copies the whole environment. SkillDock only gives a skill its declared credentials, but make "
                     "sure the copy is only passed on to programs the skill starts.")
        else:
            self.secret_reads.append(node)
            self.add("py.credentials.environ-dump", "HIGH", node,
                     "Reads every environment variable at once, which is how credentials are harvested. A skill "
                     "should read only the variables it declares.")

    def check_literal(self, node):
        if id(node) in self.m.docstrings:
            return
        text = node.value if isinstance(node.value, str) else node.value.decode("latin-1")
        self.file_hosts |= hosts_in(text)
        if text in SHELLCODE_MARKERS:
            self.shellcode = self.shellcode or node
        self.check_text(node, text)
        self.check_encoded(node, text, isinstance(node.value, bytes))

    def check_text(self, node, text):
        if is_sensitive_path(text):
            self.secret_reads.append(node)
            self.add("py.credentials.file", "HIGH", node,
                     "Refers to a file where keys, passwords or browser logins are stored (SSH, cloud or browser "
                     "credentials). A skill should never read those: do not approve it unless the author explains why.")
        low = text.lower().replace("\\", "/")
        if any(marker in low for marker in PERSISTENCE_MARKERS) and not text.startswith("#"):
            self.add("py.persistence", "HIGH", node,
                     "Refers to a place that makes programs start automatically (shell startup files, cron, login "
                     "items, services, SSH authorized keys). A skill should never install itself there.")

    def check_encoded(self, node, text, is_bytes):
        compact = "".join(text.split())
        if len(compact) <= 200 or max(len(word) for word in text.split()) < 64:
            return
        kind = None
        if is_bytes and sum(1 for c in text if ord(c) < 9 or ord(c) > 126) > len(text) // 4:
            kind = "binary"
        elif HEX_RE.fullmatch(text) and len(re.sub(r"[^0-9a-fA-F]", "", compact)) > 200:
            kind = "hex"
        elif BASE64_RE.fullmatch(text) and sum(bool(re.search(p, compact)) for p in ("[A-Z]", "[a-z]", "[0-9]")) == 3:
            kind = "base64"
        if kind is None:
            return
        decoded = None
        if kind == "base64":
            decoded = decode_literal("base64.b64decode", compact, None)
        elif kind == "hex":
            decoded = decode_literal("bytes.fromhex", re.sub(r"\\x", "", compact), None)
        looks_like_code = decoded is not None and bool(CODE_HINT_RE.search(decoded))
        severity = "HIGH" if looks_like_code or kind == "binary" or len(compact) > 1000 else "MEDIUM"
        preview = f" It decodes to: {shorten(decoded)[:80]!r}." if looks_like_code else ""
        self.add("py.obfuscation.encoded-literal", severity, node,
                 f"Contains a long {kind} blob ({len(compact)} characters) that a reviewer cannot read.{preview} "
                 "Ask the author what it is; hidden code is a common way to sneak past reviews.", kind=kind)
        if looks_like_code:
            self.nested(decoded, node)

    def check_folded(self, node):
        text, level = self.m.const_str(node)
        if text is None or level == 0:
            return
        parent = self.parent(node)
        if parent is not None and isinstance(parent, ast.expr) and self.m.const_str(parent)[0] is not None:
            return  # reported once, on the outermost folded expression
        self.check_text(node, text)
        if level < 2:
            return
        if CODE_HINT_RE.search(text):
            self.add("py.obfuscation.decoded-code", "HIGH", node,
                     f"Builds code or a command from encoded pieces at run time: {shorten(text)[:80]!r}. Hiding code "
                     "this way is a malware technique; do not approve it unless the author explains why.")
            self.nested(text, node)
        elif any(isinstance(n, ast.Call) and {"builtins.chr"} & self.names(n.func) for n in ast.walk(node)):
            self.add("py.obfuscation.char-codes", "MEDIUM", node,
                     f"Builds the text {shorten(text)[:60]!r} from character codes, which hides it from a reader. "
                     "Ask the author to write it plainly.")

    def finish(self):
        if self.native is not None and self.shellcode is not None:
            self.add("py.native.shellcode", "CRITICAL", self.shellcode,
                     "Loads raw machine code into executable memory and runs it (a shellcode loader). This is a "
                     "malware technique: do not approve it.")
        if self.net["modules"] or self.net["calls"]:
            if not self.net["calls"] and not self.file_hosts:
                self.net["dynamic"] = True
            node = self.net.get("connect") or self.net["call"] or self.net["node"]
            self.add("py.network", "MEDIUM", node, "Uses the network.", modules=sorted(self.net["modules"]),
                     hosts=sorted(self.net["hosts"]), mentioned=sorted(self.file_hosts - self.net["hosts"]),
                     dynamic=self.net["dynamic"], calls=self.net["calls"])


SUSPICIOUS_CHARS = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\U000e0000-\U000e007f]")


def unicode_findings(text):
    """Invisible, bidirectional and tag characters in the source (Trojan Source, hidden text)."""
    out = []
    if not SUSPICIOUS_CHARS.search(text):
        return out
    for number, line in enumerate(text.splitlines(), 1):
        if not SUSPICIOUS_CHARS.search(line):
            continue
        tags = "".join(chr(ord(c) - 0xE0000) for c in line if 0xE0020 <= ord(c) <= 0xE007E)
        shown = "".join(f"<U+{ord(c):04X}>" if ord(c) in INVISIBLE or ord(c) in BIDI or 0xE0000 <= ord(c) <= 0xE007F
                        else c for c in line)
        if tags:
            out.append(finding("py.unicode.tags", "CRITICAL", number,
                               f"Hides text in invisible Unicode tag characters. The hidden text reads: {tags!r}. "
                               "Do not approve it.", shorten(f"hidden text: {tags}")))
        if any(ord(c) in BIDI for c in line):
            out.append(finding("py.unicode.bidi", "HIGH", number,
                               "Contains bidirectional control characters, which make code display differently from "
                               "how it runs (Trojan Source). Ask the author to remove them.", shorten(shown)))
        elif any(ord(c) in INVISIBLE for c in line[1 if number == 1 else 0:]):
            out.append(finding("py.unicode.invisible", "MEDIUM", number,
                               "Contains invisible characters, which can make two names that look the same differ. "
                               "Ask the author to remove them.", shorten(shown)))
    return out


def prose_texts(module):
    """Docstrings and long prose literals: tool descriptions and instructions an agent will read."""
    out = []
    for node in module.strings:
        text = node.value
        if len(text) >= 40 and " " in text.strip():
            out.append({"line": node.lineno, "text": text[:20000]})
    return out[:500]


def module_names(rel):
    path = rel[:-3] if rel.endswith(".py") else rel
    parts = [p for p in path.split("/") if p]
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    names = [".".join(parts[i:]) for i in range(len(parts))]
    return [n for n in names if n]


def unanalyzable(reason, line=None):
    return finding("py.unanalyzable", "MEDIUM", line, f"Could not be analysed ({reason}), so nothing about what it "
                   "does is known. Review it by hand before approving.", reason)


def analyze(paths, root, deadline):
    project, entries, pending = Project(), [], []
    for path in paths:
        rel = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
        entry = {"path": rel, "findings": [], "texts": []}
        entries.append(entry)
        try:
            if os.path.getsize(path) > MAX_FILE_BYTES:
                entry["findings"].append(unanalyzable("larger than 2 MiB"))
                continue
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as err:
            entry["findings"].append(unanalyzable(f"unreadable: {err.strerror}"))
            continue
        text = data.decode("utf-8", "replace")
        entry["findings"].extend(unicode_findings(text))
        try:
            tree = ast.parse(data, filename=rel)
        except SyntaxError as err:
            line = err.lineno if isinstance(err.lineno, int) and err.lineno > 0 else None
            bad = (err.text or "").strip()
            entry["findings"].append(finding(
                "py.syntax-error", "MEDIUM", line,
                f"Is not valid Python for this interpreter ({err.msg}), so it could not be analysed and will not run "
                "here. Ask the author to fix it; code written to confuse scanners often looks like this.",
                shorten(bad or err.msg)))
            continue
        except (ValueError, RecursionError, MemoryError) as err:
            entry["findings"].append(unanalyzable(type(err).__name__))
            continue
        module = Module(project, rel, module_names(rel)[0] if module_names(rel) else rel, tree, text)
        entry["texts"] = prose_texts(module)
        for name in module_names(rel):
            project.modules.setdefault(name, module)
        pending.append((entry, module))
    checkers = []
    for entry, module in pending:
        if time.monotonic() > deadline:
            entry["findings"].append(unanalyzable("the analysis ran out of time"))
            continue
        checker = Checker(module)
        try:
            with time_limit(FILE_SECONDS):
                entry["findings"].extend(checker.run())
            checkers.append((entry, checker))
        except (RecursionError, MemoryError, FileTimeout) as err:
            entry["findings"].append(unanalyzable(f"{type(err).__name__} while analysing"))
    link_reads_and_network(checkers)
    for entry in entries:
        unique = {}
        for item in entry["findings"]:
            unique.setdefault((item["rule"], item["line"], item["evidence"]), item)
        entry["findings"] = sorted(unique.values(), key=lambda f: (f["line"] or 0, f["rule"]))
    return entries


def link_reads_and_network(checkers):
    """Secrets read in one file and network use anywhere in the skill: likely theft, even without a traced flow."""
    network = [c for _, c in checkers if c.net["modules"] or c.net["calls"]]
    if not network:
        return
    for entry, checker in checkers:
        if checker.secret_reads and not any(f["rule"] == "py.exfiltration" for f in entry["findings"]):
            node = checker.secret_reads[0]
            where = "this file" if checker in network else ", ".join(sorted({c.m.rel for c in network}))
            entry["findings"].append(finding(
                "py.exfiltration.likely", "CRITICAL", checker.m.line(node),
                f"Reads credentials or secret files, and {where} can send data over the network. Together this is how "
                "credentials are stolen: do not approve it unless you are sure the secret never leaves your computer.",
                checker.m.evidence(node)))


class FileTimeout(Exception):
    """One file took longer than FILE_SECONDS to analyse."""


class time_limit:  # noqa: N801 - used as a context manager
    """Interrupts the analysis of one file after some seconds (POSIX only; elsewhere the caller's kill bounds it)."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.armed = hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")

    def _expired(self, _signum, _frame):
        raise FileTimeout()

    def __enter__(self):
        if self.armed:
            self.previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *_):
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False


def main(argv):
    """``FILE...`` or ``--stdin`` with a JSON list of paths (one skill, relative to --root), or with
    ``{"projects": [{"root": DIR, "files": [...]}, ...]}`` to analyse several skills in one process."""
    root, paths, projects, args = os.getcwd(), [], None, list(argv)
    deadline_seconds = DEADLINE_SECONDS
    while args:
        arg = args.pop(0)
        if arg == "--root" and args:
            root = os.path.abspath(args.pop(0))
        elif arg == "--deadline" and args:
            deadline_seconds = float(args.pop(0))
        elif arg == "--stdin":
            request = json.load(sys.stdin)
            if isinstance(request, dict):
                projects = request.get("projects", [])
            else:
                paths.extend(request)
        else:
            paths.append(arg)
    if not paths and projects is None:
        sys.stderr.write("usage: analyze.py [--root DIR] [--deadline SECONDS] (FILE... | --stdin)\n")
        return 2
    sys.setrecursionlimit(6000)
    deadline = time.monotonic() + deadline_seconds
    if projects is None:
        result = {"version": 1, "files": analyze(paths, root, deadline)}
    else:
        result = {"version": 1, "projects": [
            {"root": p["root"], "files": analyze([os.path.join(p["root"], f) for f in p["files"]], p["root"], deadline)}
            for p in projects]}
    json.dump(result, sys.stdout, ensure_ascii=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
