"""``plot``: a function h and its derivative h′ as curves, and with ``parts`` the outer f and
the inner g of the chain h = f∘g, ready to draw in a terminal, a notebook or a figure file.

h′ is the derivative ``explain`` derives and checks against ``sympy.diff``: what is drawn is
what the explanation says.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sympy
from sympy.core.function import AppliedUndef

from chainrule import steps as s
from chainrule.graphing import chart, reading
from chainrule.graphing.sampling import Numeric, Point, numeric, points

#: The widest a terminal chart is drawn: wider, a curve gains nothing a learner can see.
MAX_WIDTH = 100
#: Points drawn per column of a terminal chart, and along a notebook's or a file's figure.
PER_COLUMN = 2
FIGURE_POINTS = 1001

#: Each curve's style in a colour terminal, in the order of ``chart.MARKS`` (h, h′, f, g), and
#: its colour in a figure: blue, red, green, orange, alike in both.
STYLES = ("bold cyan", "magenta", "green", "yellow")
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e")


@dataclass(frozen=True, kw_only=True)
class Curve:
    """One function to draw: its name (h, h′, f, g), its variable and its formula, and the
    formula as a float function (None outside its domain)."""

    name: str
    variable: sympy.Symbol
    expression: sympy.Expr
    function: Numeric = field(repr=False, compare=False)
    #: What the legend says instead of name(x) = formula (the tangent line's own words).
    label: str = ""

    def points(self, lo: float, hi: float, n: int) -> list[Point]:
        return points(self.function, lo, hi, n)


@dataclass(frozen=True, kw_only=True)
class Sketch:
    """h and h′ over a range (``curves``), and the chain's outer f and inner g (``parts``,
    empty unless asked for and h is a chain; ``note`` then says why not). ``values`` are the
    numbers given to the formula's other symbols."""

    explanation: s.Explanation
    low: sympy.Expr
    high: sympy.Expr
    curves: tuple[Curve, ...]
    parts: tuple[Curve, ...] = ()
    values: tuple[tuple[sympy.Symbol, sympy.Expr], ...] = ()
    note: str = ""

    @property
    def panels(self) -> tuple[tuple[Curve, ...], ...]:
        """The curves drawn together: h with h′, then f with g."""
        return (self.curves, self.parts) if self.parts else (self.curves,)

    @property
    def span(self) -> tuple[float, float]:
        return float(self.low), float(self.high)

    def legend(self, curve: Curve) -> str:
        """h(x) = ln(2 + cos(x)): the curve's name, variable and formula, as typed."""
        from chainrule.formats.notation import unicode

        order = self.explanation.order
        if curve.label:
            return f"{curve.label}: y = {unicode(curve.expression, order)}"
        return f"{curve.name}({unicode(curve.variable)}) = {unicode(curve.expression, order)}"

    def titles(self) -> tuple[str, ...]:
        """A heading for each panel."""
        from chainrule.formats.notation import unicode

        h, d = self.curves[:2]
        x = unicode(h.variable)
        low, high = reading.label(self.low), reading.label(self.high)
        given = "".join(f", {unicode(k)} = {reading.label(v)}" for k, v in self.values)
        first = f"{h.name}({x}) and its derivative {d.name}({x}), for {low} ≤ {x} ≤ {high}{given}"
        if len(self.curves) > 2:  # the tangent line's own legend says where it touches
            first += ", with a tangent line"
        if not self.parts:
            return (first,)
        f, g = self.parts
        u = unicode(f.variable)
        second = (
            f"{h.name} = {f.name}∘{g.name}: the outer {f.name}({u}), {u} read along the same "
            f"axis, and the inner {g.name}({x})"
        )
        return first, second

    def save(self, path: str | Path) -> Path:
        """Write the curves to ``path`` as a .png, .svg or .pdf figure (needs matplotlib)."""
        from chainrule.graphing.figure import write_curves_figure

        return write_curves_figure(self, path)

    # -- how a sketch shows itself ---------------------------------------------------------

    def lines(self, width: int = 80, ascii: bool = False) -> list[str]:
        """The terminal view as plain lines, ``width`` columns (the legend may run longer)."""
        return ["".join(text for text, _ in row) for row in self._rows(width, ascii)]

    def _rows(self, width: int, ascii: bool) -> Iterator[list[tuple[str, object]]]:
        from chainrule.encoding import spell

        width = min(width, MAX_WIDTH)
        lo, hi = self.span
        shown = spell if ascii else str
        # Spelled before the layout, so 0 still sits under its tick when −2π is -2*pi.
        labels = (shown(reading.label(self.low)), shown(reading.label(self.high)))
        if self.note:
            yield [(shown(self.note), "note")]
            yield []
        for i, (title, panel) in enumerate(zip(self.titles(), self.panels, strict=True)):
            if i:
                yield []
            yield [(shown(title), "title")]
            series: list[chart.Series] = []
            offset = 2 * i  # f and g get the marks and colours after h and h′
            for curve in panel:
                pts = curve.points(lo, hi, PER_COLUMN * width)
                legend = self.legend(curve)
                if all(y is None for _, y in pts):
                    legend += f"   (not defined anywhere from {labels[0]} to {labels[1]})"
                mark = chart.MARKS[len(series) + offset]
                series.append(chart.Series(points=pts, legend=legend, mark=mark))
            for row in chart.chart(series, lo=lo, hi=hi, labels=labels, width=width):
                runs = [(shown(text), k + offset if isinstance(k, int) else k) for text, k in row]
                if runs and runs[-1][1] is None:
                    runs[-1] = (runs[-1][0].rstrip(), None)
                yield runs

    def __rich_console__(self, console, options):
        from rich.text import Text

        styles = {"axis": "dim", "title": "bold", "note": "dim"}
        for row in self._rows(options.max_width, options.ascii_only):
            line = Text()
            for text, kind in row:
                line.append(text, STYLES[kind] if isinstance(kind, int) else styles.get(kind))
            yield line

    def _repr_svg_(self) -> str:
        from chainrule.graphing.svg import svg

        return svg(self)

    def __repr__(self) -> str:
        from chainrule.display import formula

        h = self.curves[0]
        return f"<Sketch {h.name}({h.variable}) = {formula(h.expression)}>"

    def _repr_pretty_(self, p, cycle: bool) -> None:
        p.text(repr(self))


def plot(
    formula: str | sympy.Expr,
    *,
    wrt: str | sympy.Symbol | None = None,
    at=None,
    parts: bool = False,
    range=None,  # noqa: A002 - named like the CLI's --range
) -> Sketch:
    """h = ``formula`` and its derivative h′ from ``explain``, to draw from ``range[0]`` to
    ``range[1]`` (numbers, or text such as "-2pi"); with ``parts``, also the outer f(u) and the
    inner g(x) of the chain h = f(g(x)). ``wrt`` is the variable along the axis, as for
    ``explain``; ``at`` gives every other symbol a number ({"a": 2} or "a=2"). Without
    ``range``, −2π to 2π, unless the function's shape asks for another
    (``chainrule.graphing.shape``).

        >>> chainrule.plot("log(2+cos(x))", parts=True)  # doctest: +SKIP
    """
    from chainrule.explaining import explain

    low, high = reading.bounds(reading.DEFAULT_RANGE if range is None else range)
    explanation = explain(formula, wrt=wrt)
    x = explanation.variable
    at, point = reading.point_of(at, x)
    given = reading.values(at, explanation.constants, x)
    h, f, g = _letters(explanation.expression)
    whole = _curve(h, x, explanation.expression, given)
    # A derivative exists only where its function does: 1/x is not drawn for ln x at x < 0.
    derivative = _curve(h + "′", x, explanation.derivative, given, within=whole.function)
    if range is None:
        from chainrule.graphing.shape import shaped

        chosen = shaped(whole.function, derivative.function, (float(low), float(high)))
        if chosen is not None:
            low, high = (sympy.Rational(f"{end:.10g}") for end in chosen)
    curves = (whole, derivative)
    if point is not None:
        tangent, a = _tangent(explanation, given, point)
        curves += (tangent,)
        if range is None and not float(low) <= a <= float(high):  # the point in view
            ends = (min(a - 1, float(low)), max(a + 1, float(high)))
            low, high = (sympy.Rational(f"{end:.10g}") for end in ends)
    root, chain, note = explanation.root, (), ""
    if parts and isinstance(root, s.ChainStep):
        chain = (_curve(f, root.u, root.outer, given), _curve(g, x, root.inner, given))
    elif parts:
        note = _not_a_chain(explanation, h)
    return Sketch(
        explanation=explanation,
        low=low,
        high=high,
        curves=curves,
        parts=chain,
        values=tuple(given.items()),
        note=note,
    )


def _tangent(explanation: s.Explanation, given: dict, point) -> tuple[Curve, float]:
    """The tangent line at x = ``point``, refused (with the reason) where h′ does not exist."""
    from chainrule.calculus.point import at_point
    from chainrule.explaining import explain
    from chainrule.formats.notation import unicode

    x = explanation.variable
    if given:  # the other symbols' numbers first: the tangent of the curve drawn
        explanation = explain(explanation.expression.xreplace(given), wrt=x)
    p = at_point(explanation, {x.name: point})
    curve = _curve("tangent", x, p.tangent, {})
    label = f"tangent at {unicode(x)} = {unicode(p.point)}"
    tangent = Curve(
        name="tangent", variable=x, expression=p.tangent, function=curve.function, label=label
    )
    return tangent, float(p.point)


def _curve(
    name: str, variable: sympy.Symbol, expr: sympy.Expr, given: dict, within: Numeric | None = None
) -> Curve:
    function = numeric(expr, variable, given, within=within)
    return Curve(name=name, variable=variable, expression=expr, function=function)


def _letters(expr: sympy.Expr) -> tuple[str, str, str]:
    """Names for h, f and g that the formula does not use itself (its constant g, say)."""
    used = {sym.name for sym in expr.free_symbols} | {
        fn.func.__name__ for fn in expr.atoms(AppliedUndef)
    }
    h = next((c for c in "hHF" if c not in used), "h")
    f, g = [c for c in "fgkpqrst" if c not in used and c != h][:2]
    return h, f, g


#: What h is when it is not a chain f(g(x)), by the rule its explanation starts with.
_SHAPES = {
    "sum": "a sum",
    "product": "a product",
    "quotient": "a quotient",
    "constant_multiple": "a constant times a function",
    "general_power": "a power f^g with x in both",
    "no_rule": "a function no rule covers yet",
}


def _not_a_chain(explanation: s.Explanation, h: str) -> str:
    from chainrule.formats.notation import unicode

    root = explanation.root
    x = unicode(explanation.variable)
    shape = _SHAPES.get(root.rule, f"a function of {x} itself")
    formula = unicode(explanation.expression, explanation.order)
    return f"{h}({x}) = {formula} is {shape}, not a chain f(g({x})): only {h} and {h}′ are drawn"
