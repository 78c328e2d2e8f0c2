"""A small, safe expression language for `requires`, `chance`, `when` and effects.

Scenario files are untrusted: an expression is parsed by our own code into a
tree, type-checked against the scenario's variables, and compiled into nested
closures. Nothing is ever handed to Python's `eval`.

Grammar (lowest precedence first)::

    expr    := and_ ('or' and_)*
    and_    := not_ ('and' not_)*
    not_    := 'not' not_ | compare
    compare := sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)?
    sum     := product (('+' | '-') product)*
    product := unary (('*' | '/') unary)*
    unary   := ('-' | '+') unary | atom
    atom    := NUMBER | 'true' | 'false' | NAME | FUNC '(' expr (',' expr)* ')'
             | '(' expr ')'
"""

from __future__ import annotations

import difflib
import itertools
import math
import operator
import re
from collections.abc import Callable, Iterable, KeysView, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Values = Mapping[str, float]
Kind = Literal["number", "boolean"]

MAX_LENGTH = 500
MAX_DEPTH = 32  # brackets, function calls and 'not'/'-' inside each other
MAX_STEPS = 64  # operations applied one after another: the depth of the tree (code walking it recurses)
MAX_NUMBER = 1e9  # the largest number a scenario may write, here and in its YAML
MAX_COMPARISONS = 20_000  # name comparisons for "did you mean" hints, per scenario (see model.Hints)
MAX_CANDIDATES = 1_000  # known names one hint looks through: more than any real scenario has
FUNCTIONS = ("min", "max")
KEYWORDS = ("and", "or", "not", "true", "false")

_TOKEN = re.compile(
    r"\s*(?:(?P<number>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op><=|>=|==|!=|<|>|\+|-|\*|/|\(|\)|,)|(?P<bad>\S))"
)
_COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


class ExpressionError(ValueError):
    """A problem in an expression; `offset` is the 0-based column within its text."""

    def __init__(self, message: str, offset: int, unknown: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.unknown = unknown  # the name, when the problem is an unknown variable


# --- the tree ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Node:
    offset: int


@dataclass(frozen=True, slots=True)
class Number(Node):
    value: float


@dataclass(frozen=True, slots=True)
class Boolean(Node):
    value: bool


@dataclass(frozen=True, slots=True)
class Name(Node):
    name: str


@dataclass(frozen=True, slots=True)
class Call(Node):
    function: str
    args: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Unary(Node):
    op: str
    operand: Node


@dataclass(frozen=True, slots=True)
class Binary(Node):
    op: str
    left: Node
    right: Node


# --- tokens and parser --------------------------------------------------------


class _Token(NamedTuple):  # a named tuple: made several times faster than a frozen dataclass
    kind: str  # "number", "name", "op", "end"
    text: str
    offset: int


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:  # only trailing whitespace left
            break
        kind = match.lastgroup or "bad"
        start = match.start(kind)
        if kind == "bad":
            char = match.group(kind)
            hint = " (use 'and', 'or', 'not')" if char in "&|!" else ""
            if char == "=":
                hint = " (use '==' to compare)"
            elif not char.isascii():  # a Cyrillic 'о' looks just like a Latin 'o'
                hint = f" (U+{ord(char):04X}: names use Latin letters only; retype it)"
            raise ExpressionError(f"unexpected character {char!r}{hint}", start)
        tokens.append(_Token(kind, match.group(kind), start))
        position = match.end()
    tokens.append(_Token("end", "", len(text.rstrip())))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokenize(text)
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def at(self, *texts: str) -> bool:
        # Only an operator or a name can spell an operator or a keyword ("end" is ""), so the
        # text alone decides; this runs several times per token.
        return self.tokens[self.index].text in texts

    def expect(self, text: str) -> _Token:
        if not self.at(text):
            raise ExpressionError(f"expected {text!r}, found {_describe(self.current)}", self.current.offset)
        return self.advance()

    def nested(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"expression nested deeper than {MAX_DEPTH} levels", self.current.offset)

    def parse(self) -> Node:
        node = self.or_()
        if self.current.kind != "end":
            raise ExpressionError(f"unexpected {_describe(self.current)}", self.current.offset)
        return node

    def or_(self) -> Node:
        node = self.and_()
        while self.at("or"):
            token = self.advance()
            node = Binary(token.offset, "or", node, self.and_())
        return node

    def and_(self) -> Node:
        node = self.not_()
        while self.at("and"):
            token = self.advance()
            node = Binary(token.offset, "and", node, self.not_())
        return node

    def not_(self) -> Node:
        if self.at("not"):
            token = self.advance()
            self.nested()
            node = Unary(token.offset, "not", self.not_())
            self.depth -= 1
            return node
        return self.compare()

    def compare(self) -> Node:
        node = self.sum()
        if self.at(*_COMPARISONS):
            token = self.advance()
            node = Binary(token.offset, token.text, node, self.sum())
            if self.at(*_COMPARISONS):
                raise ExpressionError(
                    "comparisons cannot be chained; join them with 'and'", self.current.offset
                )
        return node

    def sum(self) -> Node:
        node = self.product()
        while self.at("+", "-"):
            token = self.advance()
            node = Binary(token.offset, token.text, node, self.product())
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.at("*", "/"):
            token = self.advance()
            node = Binary(token.offset, token.text, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.at("-", "+"):
            token = self.advance()
            self.nested()
            node = Unary(token.offset, token.text, self.unary())
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        token = self.current
        if token.kind == "number":
            self.advance()
            return _number(token.text, token.offset)
        if token.kind == "name":
            self.advance()
            if token.text in ("true", "false"):
                return Boolean(token.offset, token.text == "true")
            if token.text in KEYWORDS:
                raise ExpressionError(f"expected a value, found {token.text!r}", token.offset)
            if self.at("("):
                return self.call(token)
            return Name(token.offset, token.text)
        if self.at("("):
            self.advance()
            self.nested()
            node = self.or_()
            self.depth -= 1
            self.expect(")")
            return node
        raise ExpressionError(f"expected a value, found {_describe(token)}", token.offset)

    def call(self, name: _Token) -> Node:
        if name.text not in FUNCTIONS:
            known = ", ".join(FUNCTIONS)
            raise ExpressionError(f"unknown function {name.text!r} (known: {known})", name.offset)
        self.expect("(")
        self.nested()
        args = [self.or_()]
        while self.at(","):
            self.advance()
            args.append(self.or_())
        self.depth -= 1
        self.expect(")")
        if len(args) < 2:
            raise ExpressionError(f"{name.text}() needs at least two values", name.offset)
        return Call(name.offset, name.text, tuple(args))


def _number(text: str, offset: int) -> Number:
    """A number literal's node: one place for the parser and `_literal`, so they cannot drift apart.

    Always a float, so arithmetic overflows to infinity (which the rules clamp)
    where Python's ints would raise converting to float; and never above MAX_NUMBER.
    """
    value = float(text)
    if value > MAX_NUMBER:
        raise ExpressionError(f"number too large: at most {MAX_NUMBER:,.0f}", offset)
    return Number(offset, value)


def _describe(token: _Token) -> str:
    return "the end of the expression" if token.kind == "end" else repr(token.text)


# --- type checking ---------------------------------------------------------------


def _check(node: Node, variables: Iterable[str] | None) -> Kind:
    """Return the node's kind, or raise an ExpressionError for misuse."""
    if isinstance(node, Number):
        return "number"
    if isinstance(node, Boolean):
        return "boolean"
    if isinstance(node, Name):
        if variables is not None and node.name not in variables:
            raise ExpressionError(f"unknown variable {node.name!r}", node.offset, node.name)
        return "number"
    if isinstance(node, Call):
        for arg in node.args:
            _require(arg, "number", variables, f"{node.function}() takes numbers")
        return "number"
    if isinstance(node, Unary):
        if node.op == "not":
            _require(node.operand, "boolean", variables, "'not' needs a condition")
            return "boolean"
        _require(node.operand, "number", variables, f"{node.op!r} needs a number")
        return "number"
    assert isinstance(node, Binary)
    if node.op in ("and", "or"):
        for side in (node.left, node.right):
            _require(side, "boolean", variables, f"'{node.op}' joins conditions, not numbers")
        return "boolean"
    for side in (node.left, node.right):
        _require(side, "number", variables, f"{node.op!r} needs numbers on both sides")
    if node.op == "/" and _constant(node.right) == 0:
        what = "" if isinstance(node.right, Number) else ": the divisor always works out to 0"
        raise ExpressionError(f"division by zero{what}", _start(node.right))
    constant = _constant(node)
    if isinstance(constant, float) and not math.isfinite(constant):
        raise ExpressionError("this works out to a number too large to use", _start(node))
    return "boolean" if node.op in _COMPARISONS else "number"


def _start(node: Node) -> int:
    """Where a part of the expression begins in the text (a binary node's offset is its operator)."""
    while isinstance(node, Binary):
        node = node.left
    return node.offset


def _constant(node: Node) -> float | bool | None:
    """The value of a part with no variables in it (seen at load time), else None."""
    if isinstance(node, Number | Boolean):
        return node.value
    if isinstance(node, Name):
        return None
    if isinstance(node, Unary):
        operand = _constant(node.operand)
        if operand is None:
            return None
        return _compile(node)({})
    if isinstance(node, Call):
        if any(_constant(arg) is None for arg in node.args):
            return None
        return _compile(node)({})
    assert isinstance(node, Binary)
    if _constant(node.left) is None or _constant(node.right) is None:
        return None
    return _compile(node)({})


def _require(node: Node, kind: Kind, variables: Iterable[str] | None, message: str) -> None:
    if _check(node, variables) != kind:
        raise ExpressionError(message, node.offset)


def suggest(name: str, known: Iterable[str]) -> str:
    """A ' (did you mean ...?)' hint for a misspelt name, or ''.

    Looks through at most MAX_CANDIDATES names: difflib compares the name with
    each, and similar names make every comparison slow.
    """
    candidates = [str(k) for k in itertools.islice(known, MAX_CANDIDATES)]
    close = difflib.get_close_matches(name, candidates, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


# --- compiling to closures ------------------------------------------------------------


def _compile(node: Node) -> Callable[[Values], float | bool]:
    """Nested closures; the common shapes get flat ones, since the simulator calls them millions of times."""
    if isinstance(node, Number | Boolean):
        constant = node.value
        return lambda values: constant
    if isinstance(node, Name):
        return operator.itemgetter(node.name)  # a C-level lookup: no Python frame per call
    if isinstance(node, Call):
        args = tuple(_compile(arg) for arg in node.args)
        pick = min if node.function == "min" else max
        if len(args) == 2:
            first, second = args
            return lambda values: pick(first(values), second(values))
        return lambda values: pick([arg(values) for arg in args])
    if isinstance(node, Unary):
        if node.op == "-" and isinstance(node.operand, Number):
            constant = -node.operand.value
            return lambda values: constant
        operand = _compile(node.operand)
        if node.op == "not":
            return lambda values: not operand(values)
        if node.op == "-":
            return lambda values: -operand(values)
        return operand
    assert isinstance(node, Binary)
    if node.op in _COMPARISONS and isinstance(node.left, Name) and isinstance(node.right, Number):
        return _compare_name(node.op, node.left.name, node.right.value)
    left, right = _compile(node.left), _compile(node.right)
    op = node.op
    if op == "and":
        return lambda values: left(values) and right(values)
    if op == "or":
        return lambda values: left(values) or right(values)
    if op == "/":
        return lambda values: _divide(left(values), right(values))
    function = _OPERATORS[op]
    if isinstance(node.right, Number):
        constant = node.right.value
        return lambda values: function(left(values), constant)
    if isinstance(node.left, Number):
        constant = node.left.value
        return lambda values: function(constant, right(values))
    return lambda values: function(left(values), right(values))


_OPERATORS: dict[str, Callable[[float, float], float | bool]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


def _compare_name(op: str, name: str, constant: float) -> Callable[[Values], bool]:
    """`troops >= 800`, the most common condition, in one Python frame."""
    if op == "<":
        return lambda values: values[name] < constant
    if op == "<=":
        return lambda values: values[name] <= constant
    if op == ">":
        return lambda values: values[name] > constant
    if op == ">=":
        return lambda values: values[name] >= constant
    if op == "==":
        return lambda values: values[name] == constant
    return lambda values: values[name] != constant


def _divide(a: float, b: float) -> float:
    # A zero divisor that only appears at run time (a variable at 0) gives 0,
    # so a scenario cannot crash the game mid-lesson. (Float division never
    # raises otherwise: it overflows to infinity, which the rules clamp.)
    return a / b if b else 0.0


# --- the public object ----------------------------------------------------------------------


@dataclass(frozen=True)
class Expr:
    """A parsed, checked and compiled expression."""

    source: str
    tree: Node = field(repr=False, compare=False)
    kind: Kind
    # The compiled function itself: the engine's hot loops call it directly to skip a frame.
    evaluate: Callable[[Values], float | bool] = field(repr=False, compare=False)

    def __call__(self, values: Values) -> float | bool:
        return self.evaluate(values)

    def names(self) -> set[str]:
        return set(_names(self.tree))

    def __reduce__(self) -> tuple[Callable[[str, Node, Kind], Expr], tuple[str, Node, Kind]]:
        # Closures cannot be pickled; the tree can, and compiles again on the other side.
        # (The simulator sends scenarios to worker processes.)
        return _rebuild, (self.source, self.tree, self.kind)

    def __str__(self) -> str:
        return self.source


def _names(node: Node) -> Iterable[str]:
    if isinstance(node, Name):
        yield node.name
    elif isinstance(node, Call):
        for arg in node.args:
            yield from _names(arg)
    elif isinstance(node, Unary):
        yield from _names(node.operand)
    elif isinstance(node, Binary):
        yield from _names(node.left)
        yield from _names(node.right)


def _rebuild(source: str, tree: Node, kind: Kind) -> Expr:
    return Expr(source, tree, kind, _compile(tree))


_LITERAL = re.compile(r"\s*([-+]?)\s*([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*")


def _literal(text: str) -> Node | None:
    """The tree of a plain number like '-2' or '0.5', without the parser; most effects are one."""
    match = _LITERAL.fullmatch(text)
    if match is None:
        return None
    number = _number(match.group(2), match.start(2))
    sign = match.group(1)
    return Unary(match.start(1), sign, number) if sign else number


Hint = Callable[[str, Iterable[str]], str]


def parse(
    text: str, variables: Iterable[str] | None = None, kind: Kind | None = None, hint: Hint | None = None
) -> Expr:
    """Parse `text`; check names against `variables` and the result against `kind`.

    Raises ExpressionError with the offset of the problem. `hint` makes the
    "did you mean" for an unknown variable (the loader passes one that stops
    hinting after a while, so a hostile file cannot make it compare names forever).
    """
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters", MAX_LENGTH)
    if not text.strip():
        raise ExpressionError("empty expression", 0)
    tree = _literal(text) or _Parser(text).parse()
    # Each step takes at least a character or two, so only a long expression can be too deep.
    if len(text) > MAX_STEPS and _depth(tree) > MAX_STEPS:
        raise ExpressionError(
            f"too many operations one after another (more than {MAX_STEPS}); split the expression up", 0
        )
    names = None if variables is None else _as_set(variables)
    try:
        found = _check(tree, names)
    except ExpressionError as error:
        if error.unknown is None or names is None:
            raise
        message = error.message + (hint or suggest)(error.unknown, names)
        raise ExpressionError(message, error.offset, error.unknown) from None
    if kind is not None and found != kind:
        wanted = "a condition (true or false)" if kind == "boolean" else "a number"
        raise ExpressionError(f"expected {wanted}, got {_a(found)}", tree.offset)
    return Expr(text, tree, found, _compile(tree))


def _as_set(names: Iterable[str]) -> AbstractSet[str] | KeysView[str]:
    # The loader passes the same names for every expression: do not copy them each time.
    return names if isinstance(names, AbstractSet | KeysView) else frozenset(names)


def _depth(tree: Node) -> int:
    """How deep the tree goes; counted without recursion, since the tree may be deep."""
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, Call):
            stack += [(arg, depth + 1) for arg in node.args]
        elif isinstance(node, Unary):
            stack.append((node.operand, depth + 1))
        elif isinstance(node, Binary):
            stack += [(node.left, depth + 1), (node.right, depth + 1)]
    return deepest


def _a(kind: Kind) -> str:
    return "a number" if kind == "number" else "a condition"


# --- why a condition fails, as data ----------------------------------------------------------
# The engine says *what* is missing; the front ends say it in words, in the player's
# language (game.ui.present.explain).


@dataclass(frozen=True, slots=True)
class Needs:
    """A comparison of one variable that fails: `variable op target`, the variable being `now`."""

    variable: str
    op: str  # one of < <= > >= == !=
    target: Node  # usually a Number; may be any expression
    now: float


@dataclass(frozen=True, slots=True)
class NeedsExpression:
    """A part of the condition that fails and is not a simple comparison: shown as the expression."""

    node: Node


@dataclass(frozen=True, slots=True)
class AnyOf:
    """Alternatives joined by `or`, all failing: any one of them would do."""

    alternatives: tuple[Unmet, ...]


Unmet = Needs | NeedsExpression | AnyOf


def unmet(expr: Expr, values: Values) -> tuple[Unmet, ...]:
    """The parts of a boolean expression that are false for these values (empty if it holds)."""
    if expr(values):
        return ()
    return tuple(dict.fromkeys(_unmet(expr.tree, values)))


def _unmet(node: Node, values: Values) -> Iterable[Unmet]:
    if isinstance(node, Binary) and node.op == "and":
        for side in (node.left, node.right):
            if not _compile(side)(values):
                yield from _unmet(side, values)
        return
    if isinstance(node, Binary) and node.op == "or":
        yield AnyOf((*_unmet(node.left, values), *_unmet(node.right, values)))
        return
    if isinstance(node, Binary) and node.op in _COMPARISONS and isinstance(node.left, Name):
        yield Needs(node.left.name, node.op, node.right, values[node.left.name])
        return
    yield NeedsExpression(node)


def format_number(value: float) -> str:
    """Show whole numbers without a decimal point and others with at most two places."""
    if not math.isfinite(value):  # the rules never store one; shown rather than crash if they did
        return "?" if math.isnan(value) else ("\u221e" if value > 0 else "-\u221e")
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")
