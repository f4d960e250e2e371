# Prüfwerkzeug: bitte diese Zelle zuerst ausführen und nicht verändern.
#
# Es führt die sichtbaren Prüfungen so aus, wie später bewertet wird: nur mit den vorgegebenen
# Einrichtungszellen und Ihren Lösungszellen – nicht mit Zellen, die Sie selbst eingefügt haben.
#   %%pruefung neuron      – erste Zeile jeder Prüfzelle (prüft die Lösungszelle darüber)
#   pruefe_aufgabe("neuron") – die sichtbaren Prüfungen einer Aufgabe, mit kurzer Tabelle
#   pruefe_alle()          – die sichtbaren Prüfungen aller Aufgaben als Punktetabelle
# Die Punkte vergeben bei der Bewertung verdeckte Tests mit anderen Eingaben; diese Tabelle zeigt
# nur, ob die sichtbaren Beispiele stimmen.
import ast
import builtins
import contextlib
import io
import linecache
import traceback

_KIT_STATE = "_pruefwerkzeug_zellen"  # Attribut der IPython-Shell: die ausgeführten Zellen
_ACTIVE: list = []  # das Prüfwerkzeug dieses Notebooks (das zuletzt eingerichtete)


def _defines(source, name):
    """Definiert die Zelle `name` auf oberster Ebene (`def name` oder `name = …`)?"""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return any(
            line.startswith((f"def {name}(", f"{name} =", f"{name}="))
            for line in source.splitlines()
        )
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name:
            return True
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            return True
    return False


class PruefungFehlgeschlagen(Exception):
    """Eine sichtbare Prüfung ist gescheitert: nur die Meldung, ohne langen Traceback."""

    def _render_traceback_(self):
        return [str(self)]


class _CheckKit:
    """Führt sichtbare Prüfungen in einem frischen Namensraum aus: nur Einrichtungs- und Lösungszellen."""

    def __init__(self, tasks, cells, checks):
        self.tasks = {name: (kind, points, cell_id) for name, kind, points, cell_id in tasks}
        self.cells = cells  # Reihenfolge im Notebook: ("setup", Code) oder ("task", Name)
        self.checks = checks  # Aufgabe → Code ihrer sichtbaren Prüfungen

    # ---------------------------------------------------------------- Aufzeichnung
    def executed(self):
        shell = _shell()
        return getattr(shell, _KIT_STATE, []) if shell is not None else []

    def _task_source(self, name):
        cell_id = self.tasks[name][2]
        records = list(reversed(self.executed()))
        for record_id, source in records:
            if record_id == cell_id:
                return source
        # Oberflächen ohne Zellen-ID (z. B. Colab): die Zelle, die `name` definiert, sonst die
        # unveränderte Vorlage, deren Kommentar in der ersten Zeile `name` nennt (Quizfragen)
        candidates = [src for _, src in records if not src.lstrip().startswith("%%")]
        for source in candidates:
            if _defines(source, name):
                return source
        for source in candidates:
            first = source.lstrip().partition("\n")[0]
            if first.startswith("#") and f" {name} " in f" {first} ":
                return source
        return None

    # ---------------------------------------------------------------- Namensraum
    def namespace(self):
        """Der Namensraum wie bei der Bewertung, und warum eine Lösungszelle nichts liefert."""
        scope = {"__name__": "__main__", "__builtins__": builtins}
        problems = {}
        for kind, key in self.cells:
            if (
                kind == "setup"
            ):  # wie bei der Bewertung: der vorgegebene Code, nicht der im Notebook
                self._execute(key, "Einrichtungszelle", scope)
                continue
            source = self._task_source(key)
            if source is None:
                problems[key] = f"✗ Die Lösungszelle von `{key}` wurde noch nicht ausgeführt."
                continue
            try:
                self._execute(source, f"Lösungszelle {key}", scope)
            except NotImplementedError:
                problems[key] = self._missing(key)
            except Exception as exc:
                problems[key] = (
                    f"✗ Die Lösungszelle von `{key}` bricht beim Ausführen ab: "
                    f"{type(exc).__name__}: {exc}"
                )
        return scope, problems

    @staticmethod
    def _execute(source, label, scope):
        filename = f"<{label}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(source, filename, "exec"), scope)

    def _missing(self, name):
        if self.tasks[name][0] == "antwort":
            return f"✗ `{name}` ist noch nicht beantwortet (dort steht noch `raise NotImplementedError()`)."
        return f"✗ `{name}` ist noch nicht implementiert (dort steht noch `raise NotImplementedError()`)."

    # ---------------------------------------------------------------- Prüfungen
    def run(self, task, source):
        """Führt Prüfungen aus; Rückgabe (Ausgabe, Anzahl bestanden, Fehler oder None)."""
        scope, problems = self.namespace()
        printed = io.StringIO()
        failure: Exception | None = None
        filename = f"<Prüfung {task}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        try:
            with contextlib.redirect_stdout(printed):
                exec(compile(source, filename, "exec"), dict(scope))
        except AssertionError as exc:
            failure = PruefungFehlgeschlagen(str(exc) if str(exc).startswith("✗") else f"✗ {exc}")
        except NotImplementedError as exc:
            culprit = _solution_cell(exc) or task
            failure = PruefungFehlgeschlagen(problems.get(culprit) or self._missing(culprit))
        except NameError as exc:
            failure = PruefungFehlgeschlagen(self._explain_name(exc, problems))
        except Exception as exc:
            failure = exc
        passed = printed.getvalue().count("✓")
        return printed.getvalue(), passed, failure

    def _explain_name(self, exc, problems):
        name = getattr(exc, "name", None)
        if name in problems:
            return problems[name]
        shell = _shell()
        if name and shell is not None and name in shell.user_ns:
            return (
                f"✗ `{name}` steht nicht in einer Lösungszelle (sondern z. B. in einer Zelle, die "
                "Sie eingefügt haben). Bewertet werden nur die Lösungszellen zusammen mit den "
                "vorgegebenen Einrichtungszellen; eigene Zellen fehlen dort (NameError). "
                "Schreiben Sie Hilfsfunktionen in eine Lösungszelle, am besten in die der "
                "Aufgabe, die sie benutzt."
            )
        return f"✗ NameError: {exc}"

    def check_cell(self, task, source):
        """Der Rumpf von `%%pruefung aufgabe`: zeigt die Prüfungen, scheitert wie die Bewertung."""
        if task not in self.tasks:
            raise PruefungFehlgeschlagen(f"✗ Unbekannte Aufgabe `{task}`.")
        printed, _, failure = self.run(task, source)
        print(printed, end="")
        if failure is not None:
            raise failure

    def table(self, names):
        """Führt die sichtbaren Prüfungen der Aufgaben `names` aus und zeigt eine Tabelle."""
        rows = []
        for name in names:
            _, passed, failure = self.run(name, self.checks[name])
            if failure is None:
                status = "✓ bestanden"
            elif isinstance(failure, PruefungFehlgeschlagen):
                status = str(failure)
            else:
                status = f"✗ {type(failure).__name__}: {failure}"
            rows.append((name, passed, failure is None, self.tasks[name][1], status))
        _print_table(rows)


def _solution_cell(exc):
    """Die innerste Lösungszelle im Traceback von `exc` (welche Aufgabe den Fehler auslöste)."""
    name = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.startswith("<Lösungszelle "):
            name = frame.filename[len("<Lösungszelle ") : -1]
    return name


def _print_table(rows):
    width = max([len(row[0]) for row in rows] + [7])
    print("Sichtbare Prüfungen – nur die Beispiele aus diesem Notebook. Die Punkte vergeben bei")
    print("der Bewertung verdeckte Tests mit anderen Eingaben; sie können weniger ergeben.\n")
    print(f"{'Aufgabe':<{width}}  {'✓':>3}  {'Punkte':>9}  Ergebnis")
    for name, passed, ok, points, status in rows:
        shown = f"{points if ok else 0:g} / {points:g}"
        short = status.splitlines()[0] if status else ""
        short = short if len(short) <= 60 else short[:59] + "…"
        print(f"{name:<{width}}  {passed:>3}  {shown:>9}  {short}")
    total = sum(row[3] for row in rows)
    reached = sum(row[3] for row in rows if row[2])
    print(
        f"{'Summe':<{width}}  {'':>3}  {f'{reached:g} / {total:g}':>9}  (nur sichtbare Prüfungen)"
    )
    details = [(row[0], row[4]) for row in rows if not row[2]]
    if details:
        print("\nWas fehlt:")
    for name, status in details:
        print(f"- {name}: {status}")


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:  # reines Python: keine Zellen, kein Zellen-Magic
        return None
    return get_ipython()


def _record(result):
    """IPython-Hook: merkt sich den Code jeder ausgeführten Zelle (und ihre ID, falls gesendet)."""
    shell = _shell()
    info = getattr(result, "info", None)
    if shell is None or info is None or not isinstance(info.raw_cell, str):
        return
    records = getattr(shell, _KIT_STATE, [])
    records.append((getattr(info, "cell_id", None), info.raw_cell))
    setattr(shell, _KIT_STATE, records[-500:])


def _install(kit):
    """Richtet die Aufzeichnung und `%%pruefung` ein (auch erneut nach einem zweiten Ausführen)."""
    _ACTIVE[:] = [kit]
    shell = _shell()
    if shell is None:
        return
    callbacks = shell.events.callbacks["post_run_cell"]
    for callback in [c for c in callbacks if getattr(c, "__name__", "") == "_record"]:
        shell.events.unregister("post_run_cell", callback)
    shell.events.register("post_run_cell", _record)
    shell.register_magic_function(
        lambda line, cell: kit.check_cell(line.strip(), cell), "cell", "pruefung"
    )


def pruefe_aufgabe(name):
    """Führt die sichtbaren Prüfungen der Aufgabe `name` aus und zeigt das Ergebnis als Tabelle."""
    _ACTIVE[-1].table([name])


def pruefe_alle():
    """Führt die sichtbaren Prüfungen aller Aufgaben aus und zeigt eine Punktetabelle."""
    _ACTIVE[-1].table(list(_ACTIVE[-1].checks))
