"""Page skeletons: a theme's page template rendered once per shape, then only filled in.

A site with 10,000 profiles renders the theme's page template (Material's ``main.html``:
navigation, header, footer, ...) 10,000 times, and the result differs from profile to
profile only where the page's own title, description, links and body are printed. This
module renders a page once in a *traced* render, which records everything the template
learned about the page, and turns the output into a skeleton: text with holes where the
page's own values go. Another page gets the skeleton, filled with its values, only if it
gives every recorded observation the same answer; otherwise the template renders it.

The trace is what makes this exact rather than likely. In the traced render:

* the page is a stand-in that answers like the real page and records every attribute
  read, item lookup, comparison, length and truth test it gets, with the answer: each
  is a *guard* the next page must pass (same value, same type, same exception);
* the page's own values (title, body, URLs, the title and description in ``meta``) are
  *holes*: opaque values that may only be printed (then the skeleton fills them in),
  tested for truth, length, membership or compared (a guard), or passed to a filter or
  test (a derived hole: the filter runs on the next page's value when it is filled in).
  Anything else they are used for (joined into other text, sliced, iterated, formatted)
  ends the trace: that template is not skeletonised;
* a hole printed where the output is captured rather than written (a macro, a ``set``
  block, ``super()``, an import) ends the trace too, because the captured text could be
  measured or changed afterwards, which no guard would see;
* template variables other than the page are recorded when read: the next page's must
  be the same object, or an equal plain value (``base_url``, ``extra_css``);
* only filters, tests and functions known to be pure functions of their arguments may
  run (Jinja's own, bar ``random``; methods of strings and mappings that change nothing;
  macros). A filter that reads the page through the template context (MkDocs' ``url``)
  is declared by the caller, runs with the real page, and its result is a guard.

A skeleton is also checked once, when it is made: filled with the traced page's own
values it must give exactly the output of the page's normal render. The caller decides
which pages may use skeletons; the objects every page sees (the navigation, the
configuration) must not change from one page to the next, which the caller ensures by
allowing no code but known plugins to run between pages. Nothing here knows MkDocs.
"""

from __future__ import annotations

import enum
import re
import secrets
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.defaults import DEFAULT_FILTERS, DEFAULT_NAMESPACE, DEFAULT_TESTS
from jinja2.runtime import BlockReference, LoopContext, Macro
from jinja2.utils import Cycler, Joiner, Namespace
from markupsafe import Markup, escape

# Values compared by type and equality; everything else is traced through.
_PLAIN = (type(None), bool, int, float, complex, str, bytes, Markup, date, datetime, time,
          timedelta)
_MISSING = object()
MAX_SKELETONS = 16  # per key; more shapes than this are rendered normally
MAX_FAILED_TRACES = 3  # per key; then that key is rendered normally


class Untraceable(Exception):
    """The template used page data in a way a skeleton cannot replay."""


def _pass_kind(func: Any) -> str | None:
    """Which of Jinja's ``pass_*`` decorators ``func`` carries, as a name."""
    for kind, marker in _PASS_MARKERS.items():
        if getattr(func, "jinja_pass_arg", None) is marker:
            return kind
    return None


_PASS_MARKERS = {
    "context": getattr(jinja2.pass_context(lambda: None), "jinja_pass_arg", None),
    "eval_context": getattr(jinja2.pass_eval_context(lambda: None), "jinja_pass_arg", None),
    "environment": getattr(jinja2.pass_environment(lambda: None), "jinja_pass_arg", None),
}


# -- expressions: how to get a value from a page's render inputs ------------------------

class Expr:
    """Something the traced render read, as a recipe to read it from another page."""

    __slots__ = ()

    def read(self, source: Source) -> Any:
        raise NotImplementedError


@dataclass(frozen=True, eq=True)
class _Page(Expr):
    def read(self, source: Source) -> Any:
        return source.page


@dataclass(frozen=True, eq=True)
class _Attr(Expr):
    base: Expr
    name: str

    def read(self, source: Source) -> Any:
        return getattr(source.value(self.base), self.name)


@dataclass(frozen=True, eq=True)
class _Item(Expr):
    base: Expr
    key: Hashable

    def read(self, source: Source) -> Any:
        return source.value(self.base)[self.key]


@dataclass(frozen=True, eq=False)
class _Literal:
    value: Any


@dataclass(frozen=True, eq=False)
class _Apply(Expr):
    """A filter or test applied to page data (or one that reads the page)."""

    func: Callable[..., Any]
    pass_kind: str | None
    args: tuple[Expr | _Literal, ...]
    kwargs: tuple[tuple[str, Expr | _Literal], ...]

    def read(self, source: Source) -> Any:
        args = [source.value(a) if isinstance(a, Expr) else a.value for a in self.args]
        if self.pass_kind == "context" and not self.kwargs:  # the url filter, many times
            return self.func(source.context, *args)
        kwargs = {k: source.value(a) if isinstance(a, Expr) else a.value
                  for k, a in self.kwargs}
        if self.pass_kind == "context":
            args.insert(0, source.context)
        elif self.pass_kind == "eval_context":
            args.insert(0, source.context.eval_ctx)
        elif self.pass_kind == "environment":
            args.insert(0, source.context.environment)
        return self.func(*args, **kwargs)


PAGE = _Page()


class Source:
    """One page's render inputs, and a memo of what was read from them."""

    def __init__(self, variables: Mapping[str, Any], page: Any,
                 make_context: Callable[[Mapping[str, Any]], Any]) -> None:
        self.variables = variables
        self.page = page
        self._make_context = make_context
        self._context: Any = None
        self._memo: dict[int, tuple[bool, Any]] = {}

    @property
    def context(self) -> Any:
        """A real template context for this page (for filters that read it)."""
        if self._context is None:
            self._context = self._make_context(self.variables)
        return self._context

    def value(self, expr: Expr) -> Any:
        known = self._memo.get(id(expr))
        if known is None:
            try:
                known = (True, expr.read(self))
            except Exception as error:  # remembered: guards compare exceptions too
                known = (False, error)
            self._memo[id(expr)] = known
        ok, value = known
        if not ok:
            raise value
        return value


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same type, all the way down (1, 1.0 and True print differently)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return a is b or bool(a == b)


_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "bool": lambda v, _: bool(v),
    "len": lambda v, _: len(v),
    "contains": lambda v, o: o in v,
    "eq": lambda v, o: v == o,
    "ne": lambda v, o: v != o,
    "lt": lambda v, o: v < o,
    "le": lambda v, o: v <= o,
    "gt": lambda v, o: v > o,
    "ge": lambda v, o: v >= o,
}


# -- guards ------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Guard:
    kind: str  # "same", "type", "shape", "keys", "raises", "op", "var"
    expr: Expr | None
    expected: Any
    operand: Any = None  # for "op": (op name, Expr | _Literal); for "var": the name

    def holds(self, source: Source) -> bool:
        try:
            if self.kind == "var":
                found = source.variables.get(self.operand, _MISSING)
                return found is self.expected or (
                    _is_plain_data(found) and _same(found, self.expected))
            assert self.expr is not None
            if self.kind == "same":
                value = source.value(self.expr)
                expected = self.expected
                return value is expected or (type(value) is type(expected) and (
                    value == expected if type(value) is str else _same(value, expected)))
            if self.kind == "raises":
                try:
                    source.value(self.expr)
                except Exception as error:
                    return type(error) is self.expected
                return False
            value = source.value(self.expr)
            if self.kind == "type":
                return type(value) is self.expected
            if self.kind == "shape":
                return type(value) is self.expected[0] and len(value) == self.expected[1]
            if self.kind == "keys":
                return type(value) is dict and tuple(value) == self.expected
            if self.kind == "op":
                op, other = self.operand
                other_value = source.value(other) if isinstance(other, Expr) else other.value
                return _same(_OPS[op](value, other_value), self.expected)
        except Exception:
            return False
        raise AssertionError(self.kind)


def _check(guard: _Guard) -> Callable[[Source], bool]:
    """``guard.holds``, or an equivalent without its dispatch for the guards every page
    has dozens of: a context filter (MkDocs' ``url``, ``script_tag``) called with
    constants, which must give the same text, and the page compared with a constant (a
    navigation item). Such a call is not remembered for the page: nothing else reads it
    (the same call is one expression, see ``Skeletons.apply_expr``)."""
    expr = guard.expr
    if guard.kind == "same" and isinstance(expr, _Apply) and expr.pass_kind == "context" \
            and not expr.kwargs and all(isinstance(a, _Literal) for a in expr.args):
        func, expected = expr.func, guard.expected
        args = tuple(a.value for a in expr.args if isinstance(a, _Literal))
        if type(expected) not in (str, Markup):
            return guard.holds

        def same_text(source: Source) -> bool:
            try:
                value = func(source.context, *args)
            except Exception:
                return False
            return type(value) is type(expected) and (value is expected or value == expected)

        return same_text
    if guard.kind == "op" and isinstance(expr, _Page) and isinstance(guard.operand[1], _Literal):
        compare, other = _OPS[guard.operand[0]], guard.operand[1].value
        result = guard.expected

        def page_compared(source: Source) -> bool:
            try:
                return _same(compare(source.page, other), result)
            except Exception:
                return False

        return page_compared
    return guard.holds


def _is_plain_data(value: Any) -> bool:
    if isinstance(value, _PLAIN) and type(value) in _PLAIN:
        return True
    if type(value) in (list, tuple):
        return all(_is_plain_data(v) for v in value)
    if type(value) is dict:
        return all(_is_plain_data(k) and _is_plain_data(v) for k, v in value.items())
    return False


# -- what the traced render sees ---------------------------------------------------------

class Hole:
    """A page's own value in the traced render: printed as a hole, or guarded."""

    __slots__ = ("_expr", "_trace")

    def __init__(self, trace: _Trace, expr: Expr) -> None:
        object.__setattr__(self, "_trace", trace)
        object.__setattr__(self, "_expr", expr)

    def _op(self, op: str, other: Any = None) -> Any:
        trace: _Trace = object.__getattribute__(self, "_trace")
        return trace.op(object.__getattribute__(self, "_expr"), op, other)

    def __bool__(self) -> bool:
        return bool(self._op("bool"))

    def __len__(self) -> int:
        return int(self._op("len"))

    def __contains__(self, item: Any) -> bool:
        return bool(self._op("contains", item))

    def __eq__(self, other: object) -> bool:  # type: ignore[override]
        return bool(self._op("eq", other))

    def __ne__(self, other: object) -> bool:  # type: ignore[override]
        return bool(self._op("ne", other))

    def __lt__(self, other: Any) -> bool:
        return bool(self._op("lt", other))

    def __le__(self, other: Any) -> bool:
        return bool(self._op("le", other))

    def __gt__(self, other: Any) -> bool:
        return bool(self._op("gt", other))

    def __ge__(self, other: Any) -> bool:
        return bool(self._op("ge", other))

    def _refuse(self, what: str) -> Any:
        trace: _Trace = object.__getattribute__(self, "_trace")
        raise trace.fail(f"the template {what} a page value")

    def __getattr__(self, name: str) -> Any:
        return self._refuse(f"reads '{name}' of")

    def __setattr__(self, name: str, value: Any) -> None:
        self._refuse("changes")

    def __str__(self) -> str:
        return self._refuse("turns into text (joins, formats or concatenates)")  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return self._refuse("prints the representation of")  # type: ignore[no-any-return]

    def __format__(self, spec: str) -> str:
        return self._refuse("formats")  # type: ignore[no-any-return]

    def __hash__(self) -> int:
        return self._refuse("hashes")  # type: ignore[no-any-return]

    def __iter__(self) -> Any:
        return self._refuse("iterates over")

    def __reversed__(self) -> Any:
        return self._refuse("reverses")

    def __getitem__(self, key: Any) -> Any:
        return self._refuse("indexes or slices")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._refuse("calls")

    def __int__(self) -> int:
        return self._refuse("converts")  # type: ignore[no-any-return]

    __float__ = __index__ = __complex__ = __bytes__ = __int__  # type: ignore[assignment]

    def _arith(self, other: Any) -> Any:
        return self._refuse("computes with")

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _arith
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _arith
    __mod__ = __rmod__ = __pow__ = __rpow__ = __and__ = __rand__ = _arith
    __or__ = __ror__ = __xor__ = __rxor__ = __lshift__ = __rshift__ = _arith

    def __neg__(self) -> Any:
        return self._refuse("negates")

    __pos__ = __abs__ = __invert__ = __neg__


class _Callable:
    """A method or function read off page data: true, but not callable in a trace."""

    __slots__ = ("_trace",)

    def __init__(self, trace: _Trace) -> None:
        self._trace = trace

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise self._trace.fail("the template calls a method of the page")


@dataclass
class _ProxyState:
    trace: _Trace
    real: Any
    expr: Expr


class _Traced:
    """Mixed into a subclass of each real class the page data has (made on demand):
    every attribute access on an instance is answered from the real object, recorded."""

    def __getattribute__(self, name: str) -> Any:
        state: _ProxyState = object.__getattribute__(self, "_community_trace_state")
        return state.trace.attribute(state, name)

    def __setattr__(self, name: str, value: Any) -> None:
        state: _ProxyState = object.__getattribute__(self, "_community_trace_state")
        raise state.trace.fail(f"the template sets '{name}' on page data")

    def __delattr__(self, name: str) -> None:
        state: _ProxyState = object.__getattribute__(self, "_community_trace_state")
        raise state.trace.fail(f"the template deletes '{name}' from page data")

    def __eq__(self, other: object) -> bool:
        state: _ProxyState = object.__getattribute__(self, "_community_trace_state")
        return bool(state.trace.op(state.expr, "eq", other))

    def __ne__(self, other: object) -> bool:
        state: _ProxyState = object.__getattribute__(self, "_community_trace_state")
        return bool(state.trace.op(state.expr, "ne", other))

    def __hash__(self) -> int:
        state: _ProxyState = object.__getattribute__(self, "_community_trace_state")
        raise state.trace.fail("the template hashes page data")

    def __str__(self) -> str:
        state: _ProxyState = object.__getattribute__(self, "_community_trace_state")
        raise state.trace.fail("the template prints the representation of page data")

    __repr__ = __str__

    def __format__(self, spec: str) -> str:
        return self.__str__()


def _expr_of(value: Any) -> Expr | None:
    if isinstance(value, Hole):
        return object.__getattribute__(value, "_expr")  # type: ignore[no-any-return]
    if isinstance(value, _Traced):
        state: _ProxyState = object.__getattribute__(value, "_community_trace_state")
        return state.expr
    return None


def _real_of(value: Any) -> Any:
    if isinstance(value, _Traced):
        return object.__getattribute__(value, "_community_trace_state").real
    return value


def _holds_page_data(value: Any) -> bool:
    if _expr_of(value) is not None:
        return True
    if type(value) in (list, tuple, set, frozenset):
        return any(_holds_page_data(v) for v in value)
    if type(value) is dict:
        return any(_holds_page_data(v) for v in value.values())
    return False


class _Trace:
    """One traced render of one page."""

    def __init__(self, owner: Skeletons, source: Source) -> None:
        self.owner = owner
        self.source = source  # the real page's inputs
        self.guards: dict[tuple[Any, ...], _Guard] = {}
        self.holes: list[tuple[Expr, Callable[[Any], str]]] = []
        self.depth = 0  # >0 while output is captured (macro, set block, super(), ...)
        self.failure: str | None = None
        self.nonce = secrets.token_hex(4)

    # what the trace records

    def fail(self, reason: str) -> Untraceable:
        if self.failure is None:
            self.failure = reason
        return Untraceable(reason)

    def guard(self, guard: _Guard, key: tuple[Any, ...]) -> None:
        self.guards.setdefault(key, guard)

    def evaluate(self, expr: Expr) -> Any:
        return self.source.value(expr)

    def operand(self, value: Any) -> Expr | _Literal:
        expr = _expr_of(value)
        if expr is not None:
            return expr
        if _holds_page_data(value):
            raise self.fail("the template passes page data inside a list or mapping to a "
                            "filter")
        return _Literal(_real_of(value))

    def op(self, expr: Expr, op: str, other: Any = None) -> Any:
        operand = self.operand(other)
        value = self.evaluate(expr)
        other_value = (self.evaluate(operand) if isinstance(operand, Expr)
                       else operand.value)
        result = _OPS[op](value, other_value)
        if not _is_plain_data(result):
            raise self.fail(f"a comparison of page data gave {type(result).__name__}")
        key = ("op", id(expr), op, id(operand) if isinstance(operand, Expr) else
               _literal_key(operand.value))
        self.guard(_Guard("op", expr, result, (op, operand)), key)
        return result

    def attribute(self, state: _ProxyState, name: str) -> Any:
        expr = self.owner.attribute_expr(state.expr, name)
        if state.expr is PAGE and name in self.owner.hole_attributes:
            return Hole(self, expr)
        try:
            value = self.evaluate(expr)
        except Exception as error:
            self.guard(_Guard("raises", expr, type(error)), ("raises", id(expr)))
            raise
        return self.wrap(value, expr)

    def wrap(self, value: Any, expr: Expr) -> Any:
        """``value`` as the template may see it: plain values as they are (guarded),
        containers copied with their items wrapped, objects behind a recording stand-in."""
        kind = type(value)
        if kind in _PLAIN or isinstance(value, (type, enum.Enum)):
            self.guard(_Guard("same", expr, value), ("same", id(expr)))
            return value
        if kind is list or kind is tuple:
            self.guard(_Guard("shape", expr, (kind, len(value))), ("shape", id(expr)))
            return kind(self.wrap(v, self.owner.item_expr(expr, i))
                        for i, v in enumerate(value))
        if kind is dict:
            if not all(type(k) in (str, int) for k in value):
                raise self.fail("page data holds a mapping with unusual keys")
            self.guard(_Guard("keys", expr, tuple(value)), ("keys", id(expr)))
            holes = self.owner.hole_meta if expr == self.owner.meta_expr else ()
            return {k: Hole(self, self.owner.item_expr(expr, k)) if k in holes
                    else self.wrap(v, self.owner.item_expr(expr, k))
                    for k, v in value.items()}
        if kind in (set, frozenset) and _is_plain_data(list(value)):
            self.guard(_Guard("same", expr, value), ("same", id(expr)))
            return value
        if isinstance(value, (str, bytes, int, float, list, tuple, dict, set, frozenset,
                              jinja2.Undefined)):
            raise self.fail(f"page data holds a {kind.__name__}, which cannot be traced")
        self.guard(_Guard("type", expr, kind), ("type", id(expr)))
        if callable(value):
            return _Callable(self)
        return self.owner.proxy(self, value, expr)

    # output

    def finalize(self, eval_ctx: Any, value: Any) -> Any:
        """Jinja's finalize in the traced render: a printed hole becomes a marker."""
        expr = _expr_of(value) if isinstance(value, Hole) else None
        if expr is None:
            return value
        if self.depth:
            raise self.fail("the template prints page data where output is captured (a "
                            "macro, a set or filter block, super(), an import)")
        convert: Callable[[Any], str] = escape if eval_ctx.autoescape else str
        self.holes.append((expr, convert))
        return f"\ue000{self.nonce}:{len(self.holes) - 1}\ue001"

    def split(self, output: str) -> list[str]:
        """The output as [text, hole, text, hole, ..., text] (holes as their index)."""
        parts = re.split(f"\ue000{self.nonce}:(\\d+)\ue001", output)
        found = [int(i) for i in parts[1::2]]
        if found != list(range(len(self.holes))) or "\ue000" + self.nonce in "".join(
                parts[0::2]):
            raise self.fail("page data reached the output in an unexpected way")
        return parts

    # filters, tests and calls

    def apply(self, func: Callable[..., Any], pass_kind: str | None, args: tuple[Any, ...],
              kwargs: dict[str, Any]) -> Any:
        lead, rest = (args[:1], args[1:]) if pass_kind else ((), args)
        if any(isinstance(a, Hole) for a in (*rest, *kwargs.values())):
            # Worked out for each page when its skeleton is filled in.
            return Hole(self, _Apply(func, pass_kind, tuple(self.operand(a) for a in rest),
                                     tuple((k, self.operand(v)) for k, v in kwargs.items())))
        if func in self.owner.context_filters:
            # Reads the page through the context: run with the real page, and guard.
            expr = self.owner.apply_expr(
                func, tuple(self.operand(a) for a in rest),
                tuple((k, self.operand(v)) for k, v in kwargs.items()))
            return self.wrap(self.evaluate(expr), expr)
        return func(*lead, *rest, **kwargs)

    def check_call(self, obj: Any) -> bool:
        """Whether calling ``obj`` may run in a trace; True if its output is captured."""
        if isinstance(obj, (Macro, BlockReference, LoopContext)):
            return True
        if isinstance(obj, (Hole, _Callable, _Traced)):
            raise self.fail("the template calls page data")
        if any(obj is f for f in _PURE_GLOBALS):
            return False
        globals_ = self.owner.env.globals
        if any(obj is globals_.get(name) for name in _TRANSLATIONS):
            return False  # Jinja's i18n extension: a lookup in the translations
        owner = getattr(obj, "__self__", None)
        name = getattr(obj, "__name__", "")
        if type(owner) in _PURE_METHODS and name in _PURE_METHODS[type(owner)]:
            return False
        if isinstance(obj, (Cycler, Joiner)) or isinstance(
                owner, (Cycler, Joiner, LoopContext, Namespace)):
            # Made by the template, for this render (Jinja's `cycler()`, `joiner()`, loop
            # and namespace objects): its state starts afresh each time.
            held = obj if owner is None else owner
            if any(held is v for v in (*self.source.variables.values(),
                                       *self.owner.env.globals.values())):
                raise self.fail("the template calls an object every page shares")
            return False
        if isinstance(obj, jinja2.Undefined):
            return False  # raises as it would in a normal render
        raise self.fail(f"the template calls {getattr(obj, '__qualname__', obj)!r}, "
                        "which is not known to be pure")


def _literal_key(value: Any) -> Any:
    try:
        hash(value)
    except TypeError:
        return ("unhashable", id(value))
    return (type(value), value)


_STR_METHODS = frozenset(n for n in dir(str) if not n.startswith("_"))
_PURE_METHODS: dict[type, frozenset[str]] = {
    str: _STR_METHODS,
    Markup: _STR_METHODS | {"striptags", "unescape"},
    dict: frozenset({"get", "keys", "values", "items", "copy"}),
    list: frozenset({"index", "count", "copy"}),
    tuple: frozenset({"index", "count"}),
    int: frozenset({"bit_length", "conjugate"}),
}
# Jinja's global functions, but lipsum (random text).
_PURE_GLOBALS = tuple(v for k, v in DEFAULT_NAMESPACE.items() if k != "lipsum")
# What Jinja's i18n extension (`{% trans %}`) installs: lookups in a message catalogue.
_TRANSLATIONS = ("gettext", "ngettext", "pgettext", "npgettext", "_")
_PURE_FILTERS = frozenset(f for name, f in DEFAULT_FILTERS.items() if name != "random")
_PURE_TESTS = frozenset(DEFAULT_TESTS.values())


# -- the traced environment --------------------------------------------------------------

def _code_generator(base: type[CodeGenerator]) -> type[CodeGenerator]:
    """``base``, marking in the compiled template where output goes into a buffer (a
    macro, a ``set`` or ``filter`` block, a loop called recursively, an imported
    template's body) instead of the page."""

    def marking(name: str, always: bool) -> Callable[..., None]:
        def visit(self: CodeGenerator, node: nodes.Node, frame: Frame) -> None:
            original = getattr(base, name)
            if not always and frame.buffer is None:  # written to the page
                original(self, node, frame)
                return
            self.writeline("environment.community_capture(1)")
            original(self, node, frame)
            self.writeline("environment.community_capture(-1)")

        return visit

    return type("MarksCaptures", (base,), {
        **{name: marking(name, always=False)
           for name in ("visit_Output", "visit_Include", "visit_Block")},
        **{name: marking(name, always=True) for name in ("visit_Import", "visit_FromImport")},
    })


def _context_class(base: type[jinja2.runtime.Context]) -> type[jinja2.runtime.Context]:
    class RecordsReads(base):  # type: ignore[misc, valid-type]
        """Records each template variable read from the render's inputs, and lets only
        known-pure functions be called."""

        def resolve_or_missing(self, key: str) -> Any:
            value = super().resolve_or_missing(key)
            if key not in self.vars:
                value = self.environment.community_skeletons.variable(key, value)
            return value

        def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            trace: _Trace = __self.environment.community_skeletons.current
            if not trace.check_call(__obj):
                return super().call(__obj, *args, **kwargs)
            trace.depth += 1
            try:
                return super().call(__obj, *args, **kwargs)
            finally:
                trace.depth -= 1

    return RecordsReads


@dataclass
class Skeleton:
    """The theme's output for one shape of page: text and holes, with the guards a
    page must pass to use it."""

    parts: list[str]
    holes: list[tuple[Expr, Callable[[Any], str]]]
    guards: list[_Guard]

    def __post_init__(self) -> None:
        # Template variables are most of the guards and the cheapest: checked first, in
        # one loop, then the rest.
        self._variables = [(g.operand, g.expected) for g in self.guards if g.kind == "var"]
        self._checks = [_check(g) for g in self.guards if g.kind != "var"]

    def fill(self, source: Source) -> str | None:
        """The page's output, or None if it does not fit this skeleton."""
        variables = source.variables
        for name, expected in self._variables:
            found = variables.get(name, _MISSING)
            if found is not expected and not (
                    _is_plain_data(found) and _same(found, expected)):
                return None
        for check in self._checks:
            if not check(source):
                return None
        try:
            values = [convert(source.value(expr)) for expr, convert in self.holes]
        except Exception:
            return None  # its normal render raises the same (or fits no skeleton)
        out = [self.parts[0]]
        for value, text in zip(values, self.parts[2::2], strict=True):
            out.append(value)
            out.append(text)
        return "".join(out)


@dataclass
class _Slot:
    skeletons: list[Skeleton] = field(default_factory=list)
    failed: int = 0


class Skeletons:
    """Skeletons of one environment's templates, learned as pages are rendered.

    ``hole_attributes``: the page's attributes that are its own values (printed, not
    branched on); ``meta_attribute`` / ``hole_meta``: the same for keys of the page's
    metadata mapping. ``context_filters``: filters that read the page from the template
    context (run with the real page, and guarded). ``forbidden_variables``: template
    variables from which the page being rendered can be reached (a list of every page):
    a template that reads one is never skeletonised. ``notify`` is told, once per
    template, why it could not be.
    """

    def __init__(self, env: jinja2.Environment, *, page_variable: str = "page",
                 hole_attributes: Collection[str] = (), meta_attribute: str = "meta",
                 hole_meta: Collection[str] = (), context_filters: Iterable[Any] = (),
                 forbidden_variables: Collection[str] = (),
                 notify: Callable[[str, str], None] = lambda template, reason: None) -> None:
        self.env = env
        self.page_variable = page_variable
        self.hole_attributes = frozenset(hole_attributes)
        self.hole_meta = frozenset(hole_meta)
        self.meta_expr = _Attr(PAGE, meta_attribute)
        self.context_filters = frozenset(context_filters)
        self.forbidden_variables = frozenset(forbidden_variables)
        self.notify = notify
        self.hits = 0
        self.traced = 0
        self._slots: dict[Hashable, _Slot] = {}
        self._told: set[str] = set()
        self._proxy_classes: dict[type, type] = {}
        self._exprs: dict[tuple[Any, ...], Expr] = {}
        self._trace_env = self._traced_environment(env)
        self._trace: _Trace | None = None

    # shared expression objects: the same read is the same object (memos key on id)

    def attribute_expr(self, base: Expr, name: str) -> Expr:
        key = ("attr", id(base), name)
        found = self._exprs.get(key)
        if found is None:
            found = self._exprs[key] = _Attr(base, name)
        return found

    def apply_expr(self, func: Callable[..., Any], args: tuple[Expr | _Literal, ...],
                   kwargs: tuple[tuple[str, Expr | _Literal], ...]) -> Expr:
        """A context filter applied to ``args``: the same object for the same call (the
        theme asks for the same link many times), so it is guarded and worked out once."""
        key = ("apply", id(func), tuple(_literal_key(a.value) if isinstance(a, _Literal)
                                        else ("expr", id(a)) for a in args),
               tuple((k, _literal_key(a.value) if isinstance(a, _Literal) else ("expr", id(a)))
                     for k, a in kwargs))
        found = self._exprs.get(key)
        if found is None:
            found = self._exprs[key] = _Apply(func, "context", args, kwargs)
        return found

    def item_expr(self, base: Expr, item: Hashable) -> Expr:
        key = ("item", id(base), type(item), item)
        found = self._exprs.get(key)
        if found is None:
            found = self._exprs[key] = _Item(base, item)
        return found

    def proxy(self, trace: _Trace, real: Any, expr: Expr) -> Any:
        cls = type(real)
        proxy_class = self._proxy_classes.get(cls)
        if proxy_class is None:
            try:
                proxy_class = type(f"Traced{cls.__name__}", (_Traced, cls), {})
            except TypeError as error:  # a final or built-in class
                raise trace.fail(f"page data of type {cls.__name__} cannot be traced"
                                 ) from error
            self._proxy_classes[cls] = proxy_class
        try:
            stand_in = object.__new__(proxy_class)
        except TypeError as error:
            raise trace.fail(f"page data of type {cls.__name__} cannot be traced") from error
        object.__setattr__(stand_in, "_community_trace_state", _ProxyState(trace, real, expr))
        return stand_in

    # rendering

    def render(self, template_name: str, variables: Mapping[str, Any], key: Hashable,
               render: Callable[[], str],
               make_context: Callable[[Mapping[str, Any]], Any]) -> str:
        """The page's output: from a skeleton it fits, else ``render()`` (and, for a new
        shape, a skeleton learned from it)."""
        page = variables.get(self.page_variable)
        slot = self._slots.setdefault((template_name, key), _Slot())
        source = Source(variables, page, make_context)
        for index, skeleton in enumerate(slot.skeletons):
            output = skeleton.fill(source)
            if output is not None:
                if index:  # most recently used first
                    slot.skeletons.insert(0, slot.skeletons.pop(index))
                self.hits += 1
                return output
        output = render()
        if len(slot.skeletons) < MAX_SKELETONS and slot.failed < MAX_FAILED_TRACES:
            skeleton = self._learn(template_name, variables, page, make_context, output)
            if skeleton is None:
                slot.failed += 1
            else:
                slot.skeletons.insert(0, skeleton)
        return output

    def _learn(self, template_name: str, variables: Mapping[str, Any], page: Any,
               make_context: Callable[[Mapping[str, Any]], Any], expected: str
               ) -> Skeleton | None:
        trace = _Trace(self, Source(variables, page, make_context))
        self.traced += 1
        traced_variables = dict(variables)
        traced_variables[self.page_variable] = self.proxy(trace, page, PAGE)
        self._trace = trace
        try:
            output = self._trace_env.get_template(template_name).render(traced_variables)
            parts = trace.split(output)
        except Exception as error:
            trace.fail(f"{type(error).__name__}: {error}")
        finally:
            self._trace = None
        if trace.failure is None:
            skeleton = Skeleton(parts, trace.holes, list(trace.guards.values()))
            if skeleton.fill(Source(variables, page, make_context)) == expected:
                return skeleton
            trace.failure = "the skeleton did not reproduce the page"
        if template_name not in self._told:
            self._told.add(template_name)
            self.notify(template_name, trace.failure or "")
        return None

    # the traced environment: the same templates, compiled to report what they do

    def _traced_environment(self, env: jinja2.Environment) -> jinja2.Environment:
        owner = self

        @jinja2.pass_eval_context
        def finalize(eval_ctx: Any, value: Any) -> Any:
            return owner.current.finalize(eval_ctx, value)

        traced = env.overlay(finalize=finalize, cache_size=400)
        traced.bytecode_cache = None  # compiled differently from the original's
        traced.code_generator_class = _code_generator(env.code_generator_class)
        traced.context_class = _context_class(env.context_class)
        traced.filters = {name: self._traced_function(f, name, pure=f in _PURE_FILTERS)
                          for name, f in env.filters.items()}
        traced.tests = {name: self._traced_function(f, name, pure=f in _PURE_TESTS)
                        for name, f in env.tests.items()}
        traced.community_capture = self._capture  # type: ignore[attr-defined]
        traced.community_skeletons = self  # type: ignore[attr-defined]
        return traced

    @property
    def current(self) -> _Trace:
        assert self._trace is not None, "a traced template rendered outside a trace"
        return self._trace

    def _capture(self, step: int) -> None:
        self.current.depth += step

    def _traced_function(self, func: Callable[..., Any], name: str, *, pure: bool
                         ) -> Callable[..., Any]:
        owner = self
        pass_kind = _pass_kind(func)
        allowed = pure or func in self.context_filters

        def traced(*args: Any, **kwargs: Any) -> Any:
            trace = owner.current
            if not allowed:
                raise trace.fail(f"the template uses '{name}', which is not known to be "
                                 "pure")
            return trace.apply(func, pass_kind, args, kwargs)

        decorate = {"context": jinja2.pass_context, "eval_context": jinja2.pass_eval_context,
                    "environment": jinja2.pass_environment}.get(pass_kind or "")
        return decorate(traced) if decorate else traced

    # called by the traced environment

    def variable(self, key: str, value: Any) -> Any:
        trace = self.current
        if key == self.page_variable:
            return value
        if key in self.forbidden_variables:
            raise trace.fail(f"the template reads '{key}', from which every page can be "
                             "reached")
        found = trace.source.variables.get(key, _MISSING)
        trace.guard(_Guard("var", None, found, key), ("var", key))
        if found is _MISSING and isinstance(value, Namespace):
            # `{% set ns.x = ... %}` on a namespace every render shares would carry state
            # from one page to the next, which no guard sees.
            raise trace.fail(f"the template uses the shared namespace '{key}'")
        return value


__all__ = ["Skeleton", "Skeletons", "Source", "Untraceable"]
