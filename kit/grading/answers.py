"""Reading a student's answer cells safely: plain values assigned to plain names, nothing else.

The grader never runs a student's code. Each answer cell is parsed with :mod:`ast`; it is
accepted only when every statement is ``name = <literal>`` where the literal is built from
strings, numbers, True/False/None, lists, tuples, sets and dicts (``-1`` included). Anything
else — a call, an import, an attribute or subscript target, a loop, a magic (``%``) or a shell
escape (``!``) — refuses the whole cell with a reason a student can read. The accepted values
are then written back as fresh code (``name = (<the literal's own source>)``), so the teacher's
notebook runs only text that parses to the same plain values.
"""
from __future__ import annotations

import ast
from typing import Any, Dict, List, NamedTuple, Optional, Sequence, Tuple

MAX_CELL_CHARS = 20_000  # an answer cell longer than this is refused unread
MAX_DEPTH = 12  # nesting of lists/tuples/sets/dicts in one value

# The statement and expression types a refusal names, in words a student knows.
_WHAT = {
    ast.Import: "an import", ast.ImportFrom: "an import", ast.FunctionDef: "a function definition",
    ast.AsyncFunctionDef: "a function definition", ast.ClassDef: "a class definition",
    ast.For: "a loop", ast.AsyncFor: "a loop", ast.While: "a loop", ast.If: "an if statement",
    ast.With: "a with statement", ast.Try: "a try statement", ast.Delete: "a del statement",
    ast.Global: "a global statement", ast.Nonlocal: "a nonlocal statement", ast.Raise: "a raise",
    ast.Assert: "an assert", ast.AugAssign: "an augmented assignment (+=)", ast.Return: "a return",
    ast.Pass: "a pass statement", ast.Expr: "an expression on its own line",
    ast.AnnAssign: "an annotated assignment (write q1 = ... instead)",
    ast.Call: "a function call", ast.Attribute: "an attribute (a.b)", ast.Subscript: "indexing (a[b])",
    ast.Name: "a variable name (not a value)", ast.BinOp: "arithmetic", ast.BoolOp: "and/or",
    ast.Compare: "a comparison", ast.Lambda: "a lambda", ast.IfExp: "an if expression",
    ast.JoinedStr: "an f-string", ast.ListComp: "a comprehension", ast.SetComp: "a comprehension",
    ast.DictComp: "a comprehension", ast.GeneratorExp: "a generator", ast.Starred: "unpacking (*)",
    ast.NamedExpr: "the := operator", ast.Tuple: "several names at once (one name per line)",
    ast.List: "several names at once (one name per line)", ast.Await: "await", ast.Yield: "yield", ast.YieldFrom: "yield",
}


class Refusal(Exception):
    """An answer cell the grader will not use; ``str()`` is the reason for the student."""


class ParsedCell(NamedTuple):
    values: Dict[str, Any]  # name -> the plain value (last assignment wins)
    sources: Dict[str, str]  # name -> source text of the literal, as the student typed it


def _describe(node: ast.AST) -> str:
    return _WHAT.get(type(node), f"{type(node).__name__} code")


def _check_literal(node: ast.AST, depth: int = 0) -> None:
    """Raise Refusal unless ``node`` is a plain literal value."""
    if depth > MAX_DEPTH:
        raise Refusal(f"a value nested more than {MAX_DEPTH} levels deep")
    if isinstance(node, ast.Constant):
        if isinstance(node.value, (str, int, float, bool, type(None))) or node.value is Ellipsis:
            return
        raise Refusal(f"a {type(node.value).__name__} value")
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)) \
            and isinstance(node.operand, ast.Constant) and isinstance(node.operand.value, (int, float)) \
            and not isinstance(node.operand.value, bool):
        return
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        for item in node.elts:
            _check_literal(item, depth + 1)
        return
    if isinstance(node, ast.Dict):
        for k, v in zip(node.keys, node.values):
            if k is None:
                raise Refusal("unpacking (**) in a dictionary")
            _check_literal(k, depth + 1)
            _check_literal(v, depth + 1)
        return
    raise Refusal(_describe(node))


def _magic_line(source: str) -> Optional[int]:
    """The line number of an IPython magic or shell escape, if any (they are not Python)."""
    for number, line in enumerate(source.splitlines(), 1):
        stripped = line.lstrip()
        if stripped.startswith(("%", "!")) or stripped.endswith("?") and not stripped.startswith("#") \
                or "= !" in stripped or "=!" in stripped or "= %" in stripped or "=%" in stripped:
            return number
    return None


def parse_answer_cell(source: str, *, allowed: Optional[Sequence[str]] = None) -> ParsedCell:
    """The plain values an answer cell assigns, or :class:`Refusal` with the reason.

    ``allowed``: the names this cell may assign (the key's answer names); others are refused.
    """
    if not isinstance(source, str):
        raise Refusal("the cell's text is not text")
    if len(source) > MAX_CELL_CHARS:
        raise Refusal(f"the cell has {len(source):,} characters; an answer has at most {MAX_CELL_CHARS:,}")
    try:
        tree = ast.parse(source, mode="exec")
    except SyntaxError as err:
        line = _magic_line(source)
        if line is not None:
            raise Refusal(f"line {line} is a magic (%) or shell escape (!), not a plain value") from None
        raise Refusal(f"Python cannot read line {err.lineno}: {err.msg}") from None
    except (RecursionError, MemoryError, ValueError):
        raise Refusal("the cell is too deeply nested to read") from None
    values: Dict[str, Any] = {}
    sources: Dict[str, str] = {}
    for stmt in tree.body:
        where = f"line {stmt.lineno}"
        if not isinstance(stmt, ast.Assign):
            raise Refusal(f"{where} has {_describe(stmt)}; an answer cell holds only name = value lines")
        for target in stmt.targets:
            if not isinstance(target, ast.Name):
                raise Refusal(f"{where} assigns to {_describe(target)}; assign to a plain name such as q1")
            if allowed is not None and target.id not in allowed:
                raise Refusal(f"{where} assigns {target.id}; this answer cell takes only {', '.join(allowed)}")
        try:
            _check_literal(stmt.value)
            value = ast.literal_eval(stmt.value)
        except Refusal as why:
            raise Refusal(f"{where} has {why}; only plain values (text in quotes, numbers, lists) count") from None
        except (ValueError, TypeError, RecursionError, MemoryError):
            raise Refusal(f"{where} does not hold a plain value") from None
        segment = ast.get_source_segment(source, stmt.value) or repr(value)
        for target in stmt.targets:
            values[target.id] = value
            sources[target.id] = segment
    return ParsedCell(values, sources)


def render_answers(names: Sequence[str], parsed: ParsedCell, templates: Dict[str, str]) -> str:
    """Fresh code for one answer cell: each name gets the student's literal or its template line."""
    lines: List[str] = []
    for name in names:
        if name in parsed.sources:
            lines.append(f"{name} = (\n{parsed.sources[name]}\n)")
        else:
            lines.append(templates.get(name, f"{name} = None"))
    code = "\n".join(lines)
    # Sanity: the code we send parses back to exactly the student's values (and nothing else).
    reparsed = _reparse(code, names)
    for name in names:
        if name in parsed.values and reparsed.get(name, object()) != parsed.values[name] \
                and parsed.values[name] == parsed.values[name]:  # NaN never equals itself
            raise Refusal(f"the value of {name} could not be copied safely")
    return code


def _reparse(code: str, names: Sequence[str]) -> Dict[str, Any]:
    tree = ast.parse(code)
    out: Dict[str, Any] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
            _check_literal(stmt.value)
            out[stmt.targets[0].id] = ast.literal_eval(stmt.value)
    return out


def assigned_names(source: str) -> Tuple[str, ...]:
    """The names a (trusted) key answer cell assigns, in order."""
    tree = ast.parse(source)
    names: List[str] = []
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign):
            names.extend(t.id for t in stmt.targets if isinstance(t, ast.Name) and t.id not in names)
    return tuple(names)
