"""The grammar: a recursive-descent parser from tokens straight to SymPy expressions.

    expression := term (("+" | "-") term)*
    term       := signed (("*" | "/") signed | implicit factor)*
    signed     := ("+" | "-") signed | power
    power      := postfix ("^" signed)?           right-associative: 2^3^2 = 2^9
    postfix    := atom superscript*
    atom       := number | word | "(" expression ")" | "[" expression "]" | "|" expression "|"
                | ("√" | "∛") signed

A function name takes a bracketed argument list, or without brackets the implicit product that
follows it: ``sin 2x`` is sin(2x), stopping at the next explicit operator or function name.
Every node is built through the guard, so no step can compute something too large.
"""

from __future__ import annotations

import sympy

from chainrule import ordering
from chainrule.errors import ParseError
from chainrule.parsing.limits import Guard
from chainrule.parsing.names import ABSTRACT, CONSTANTS, FUNCTIONS, GAMMA, FunctionSpec, Names
from chainrule.parsing.tokens import Token

_OPENERS = {"(": ")", "[": "]", "|": "|"}
_LOG = FUNCTIONS["log"]


class Parser:
    """Parses one formula. ``text`` is the formula as typed; ``tokens`` come from ``tokenize``."""

    def __init__(self, text: str, tokens: list[Token], names: Names) -> None:
        self._text = text
        self._tokens = tokens
        self._i = 0
        self._names = names
        self._guard = Guard(text)
        # The closers we are inside, innermost last: a "|" closes only when "|" is innermost.
        self._closers: list[str] = []
        #: The typed order of each sum and product built (``chainrule.ordering``).
        self.order: dict = {}
        #: What SymPy rewrote as it was built (x^2/x is x): (start, end) in the text, and what
        #: it became. Only the outermost of nested rewrites is kept.
        self.rewritten: list[tuple[int, int, sympy.Expr]] = []
        #: Whether ``log`` was applied without a base: the course's log, which is ln.
        self.natural_log = False
        # Single expressions typed in a form SymPy does not keep (``ordering.typed_power``,
        # ``ordering.under_bar``), and the same expressions typed in SymPy's own form: an
        # expression typed both ways is printed SymPy's way, one form for both places.
        self._forms: dict = {}
        self._plain: set = set()

    def parse(self) -> sympy.Expr:
        """The whole formula as one expression, or a ParseError."""
        if self._peek().kind == "end":
            raise self._error("empty formula: type an expression such as x^2 + 1", 0)
        expr = self._expression()
        self.order.update((k, v) for k, v in self._forms.items() if k[0] not in self._plain)
        token = self._peek()
        if token.kind != "end":
            if token.text in (")", "]"):
                raise self._error(f"unmatched {token.text!r}", token.pos)
            if token.text == ",":
                raise self._error(
                    "a ',' only separates function arguments, as in log(x, 2)", token.pos
                )
            raise self._error(f"unexpected {self._raw(token)!r}", token.pos)
        return expr

    # --- the precedence ladder -------------------------------------------------------------

    def _expression(self) -> sympy.Expr:
        start = self._peek().pos
        left = self._term()
        typed = [left]
        while self._at_op("+", "-"):
            op = self._next()
            right = self._term()
            typed.append(right if op.text == "+" else -right)
            left = self._check(left + right if op.text == "+" else left - right, op.pos)
        if len(typed) > 1:
            ordering.record(self.order, left, typed)  # 2 + cos(x) stays 2 + cos(x)
            if not ordering.kept(sympy.Add, left, typed):
                self._rewrote(start, left)
        return left

    def _term(self) -> sympy.Expr:
        start = self._peek().pos
        left = self._signed()
        typed = [left]
        last = left  # the factor just read: a number after it may be one more factor
        over: set = set()
        while True:
            token = self._peek()
            if self._at_op("*", "/"):
                self._next()
                right = last = self._signed()
                if token.text == "*":
                    typed.append(right)
                    left = self._check(left * right, token.pos)
                else:
                    typed.append(1 / right)
                    if right.is_Mul and (parts := self.order.get(frozenset(right.args))):
                        # /(eˣ·sin³x) keeps its order under the bar too
                        ordering.record(self.order, 1 / right, [1 / p for p in parts])
                    left = self._check(left / right, token.pos)
                    self._plain.update(f for f in sympy.Mul.make_args(1 / right) if f.is_Pow)
                    # eᵘ under the bar: SymPy keeps e^(−u) in the numerator.
                    over.update(1 / f for f in sympy.Mul.make_args(right) if f.func is sympy.exp)
            elif self._paper_product(last, token) or self._starts_factor(token):
                right = last = self._power()
                typed.append(right)
                left = self._check(left * right, token.pos)
            else:
                if len(typed) > 1:
                    ordering.record(self.order, left, typed)  # w·a stays w·a
                    if not ordering.kept(sympy.Mul, left, typed):
                        self._rewrote(start, left)
                if kept := frozenset(over & set(sympy.Mul.make_args(left))):
                    self._forms[(left,)] = kept  # x/eˣ stays x/eˣ, not x·e^(−x)
                return left

    def _signed(self) -> sympy.Expr:
        if self._at_op("+", "-"):
            op = self._next()
            with self._guard.deeper(op.pos):
                operand = self._signed()
            if op.text == "+":
                return operand
            negated = self._check(-operand, op.pos)
            if operand.is_Add and negated.is_Add:
                self._rewrote(op.pos, negated)  # −(x + 1) is −x − 1
            return negated
        return self._power()

    def _power(self) -> sympy.Expr:
        start = self._peek().pos
        base = self._postfix()
        if self._at_op("^"):
            op = self._next()
            with self._guard.deeper(op.pos):
                exponent = self._signed()
            return self._raised(start, base, exponent, op.pos)
        return base

    def _postfix(self) -> sympy.Expr:
        start = self._peek().pos
        expr = self._atom()
        while self._peek().kind == "super":
            token = self._next()
            expr = self._raised(start, expr, token.value, token.pos)
        return expr

    def _raised(self, start: int, base: sympy.Expr, exponent: sympy.Expr, position: int):
        """base^exponent, noting what SymPy rewrote: 2^3 is 8, (x²)³ is x⁶, x^1 is x."""
        power = self._guard.power(base, exponent, position)
        if base == sympy.E:
            kept = isinstance(power, sympy.exp) and power.args == (exponent,)
            self._plain.add(power)  # e^(−x) typed so
        else:
            kept = power.is_Pow and power.args == (base, exponent)
            if kept and exponent.as_coeff_Mul()[0] < 0:
                self._forms[(power,)] = ordering.POWER  # (5 − 2x)^(−2), not 1/(5 − 2x)²
        if not kept:
            self._rewrote(start, power)
        return power

    def _rewrote(self, start: int, expr: sympy.Expr) -> None:
        end = self._tokens[self._i - 1].end
        self.rewritten = [r for r in self.rewritten if not start <= r[0] <= r[1] <= end]
        self.rewritten.append((start, end, expr))

    def _atom(self) -> sympy.Expr:
        token = self._peek()
        if token.kind == "number":
            self._next()
            return self._check(token.value, token.pos)
        if token.kind == "word":
            self._next()
            return self._word(token)
        if token.kind == "op" and token.text in _OPENERS:
            return self._group()
        if token.kind == "op" and token.text in ("√", "∛"):
            self._next()
            with self._guard.deeper(token.pos):
                operand = self._signed()
            root = sympy.Rational(1, 2 if token.text == "√" else 3)
            return self._guard.power(operand, root, token.pos)
        raise self._unexpected(token)

    # --- brackets -------------------------------------------------------------------------

    def _group(self) -> sympy.Expr:
        """(…), […] or |…|, which is the absolute value."""
        opener = self._next()
        closer = _OPENERS[opener.text]
        if self._at_op(closer) and closer != "|":
            raise self._error(
                f"empty brackets: put an expression inside {opener.text}…{closer}", self._peek().pos
            )
        with self._guard.deeper(opener.pos):
            self._closers.append(closer)
            try:
                inner = self._expression()
            finally:
                self._closers.pop()
            self._close(opener, closer)
        return self._check(sympy.Abs(inner), opener.pos) if closer == "|" else inner

    def _arguments(self, name: str) -> list[sympy.Expr]:
        """The bracketed, comma-separated arguments of a function called ``name``."""
        opener = self._next()
        closer = _OPENERS[opener.text]
        if self._at_op(closer):
            raise self._error(f"{name} needs an argument, as in {name}(x)", self._peek().pos)
        args = []
        with self._guard.deeper(opener.pos):
            self._closers.append(closer)
            try:
                args.append(self._expression())
                while self._at_op(","):
                    self._next()
                    if self._at_op(closer):
                        raise self._error("expected an argument after ','", self._peek().pos)
                    args.append(self._expression())
            finally:
                self._closers.pop()
            self._close(opener, closer)
        return args

    def _close(self, opener: Token, closer: str) -> None:
        token = self._peek()
        if self._at_op(closer):
            self._next()
            return
        where = f"the {opener.text!r} at column {opener.pos + 1}"
        if token.kind == "end":
            raise self._error(f"missing {closer!r} to close {where}", token.pos)
        if token.text == ",":
            raise self._error("a ',' only separates function arguments, as in log(x, 2)", token.pos)
        raise self._error(
            f"expected {closer!r} to close {where}, found {self._raw(token)!r}", token.pos
        )

    # --- words: names, functions, constants -------------------------------------------------

    def _word(self, token: Token) -> sympy.Expr:
        word, names = token.text, self._names
        if names.is_declared(word):
            return names.symbol(word)
        if word in FUNCTIONS:
            return self._apply(FUNCTIONS[word], token)
        if self._is_gamma(token):
            return self._apply(GAMMA, token)
        if word.startswith("log_"):
            return self._apply(_LOG, token, base=self._log_base(word[4:], token))
        if word in CONSTANTS:
            return CONSTANTS[word]
        if refusal := names.refusal(word):
            raise self._error(refusal, token.pos)
        if word in ABSTRACT and self._at_op("(", "["):
            function = sympy.Function(word)
            args = self._arguments(word)
            return self._check(function(*args), token.pos)
        if names.is_variable(word):
            return names.symbol(word)
        if "_" in word:
            raise self._error(
                f"unknown name {word!r}: a subscript must be digits, as in x_1", token.pos
            )
        pieces = names.split(word, token.pos, self._text, before_bracket=self._at_op("(", "["))
        parts = [
            Token("word", p.text, token.pos + p.offset, token.pos + p.offset + len(p.text))
            for p in pieces
        ]
        # The other pieces become ordinary factors, multiplied by the term loop.
        self._tokens[self._i : self._i] = parts[1:]
        return self._word(parts[0])

    def _log_base(self, base: str, token: Token) -> sympy.Expr:
        if base.isdigit():
            return sympy.Integer(int(base))
        if base in CONSTANTS:
            return CONSTANTS[base]
        if self._names.is_variable(base):
            return self._names.symbol(base)
        raise self._error(
            f"unknown logarithm base {base!r}: write log_2(x) or log(x, b)", token.pos
        )

    def _apply(
        self, spec: FunctionSpec, token: Token, base: sympy.Expr | None = None
    ) -> sympy.Expr:
        """A function applied to its argument, with an optional power: sin^2 x = (sin x)^2."""
        exponent = self._function_power(token)
        if exponent == -1:
            if spec.inverse is None:
                raise self._error(
                    f"{spec.name}^-1 is ambiguous here: write 1/{spec.name}(x) for the "
                    "reciprocal, or name the inverse function",
                    token.pos,
                )
            spec, exponent = FUNCTIONS[spec.inverse], None
        if self._at_op("(", "["):
            args = self._arguments(token.text)
        elif self._starts_argument(self._peek()):
            with self._guard.deeper(token.pos):
                args = [self._implicit_argument()]
        else:
            raise self._error(
                f"{token.text} needs an argument, as in {token.text}(x)", self._peek().pos
            )
        most = 1 if base is not None else spec.max_args
        if len(args) > most:
            allowed = "1 argument" if most == 1 else f"{most} arguments"
            raise self._error(f"{token.text} takes {allowed}, not {len(args)}", token.pos)
        if base is not None:
            args.append(base)
        if spec is _LOG and len(args) == 2:
            self._check_log_base(args[1], token.pos)
        self.natural_log |= spec is _LOG and len(args) == 1
        result = self._check(spec.build(*args), token.pos)
        if result.func is sympy.exp:
            self._plain.add(result)  # exp(−x) typed so
        if self._evaluated(spec, args, result):
            self._rewrote(token.pos, result)  # sin(0) is 0, e^(ln x) is x, √(4x) is 2√x
        return result if exponent is None else self._guard.power(result, exponent, token.pos)

    @staticmethod
    def _evaluated(spec: FunctionSpec, args: list, result: sympy.Expr) -> bool:
        """Whether SymPy computed something as it applied the function. A logarithm to a base
        is always stored as a quotient, ln u/ln b, which is no simplification."""
        if len(args) > 1 or spec.name in ("log2", "log10"):
            return result.is_Number
        with sympy.evaluate(False):
            return result != spec.build(*args)

    def _function_power(self, token: Token) -> sympy.Rational | None:
        """The n of sin^n or sinⁿ, if one follows the function name."""
        if self._peek().kind == "super":
            return self._next().value
        if not self._at_op("^"):
            return None
        self._next()
        sign = -1 if self._at_op("-") else 1
        if self._at_op("+", "-"):
            self._next()
        if self._peek().kind != "number":
            raise self._error(
                f"after {token.text}^ write a number, as in {token.text}^2 x; "
                f"for other powers write ({token.text} x)^n",
                self._peek().pos,
            )
        return sign * self._next().value

    def _implicit_argument(self) -> sympy.Expr:
        """An unbracketed argument: an implicit product, stopping at a function name."""
        expr = self._power()
        while self._starts_factor(self._peek()) and not self._starts_call(self._peek()):
            token = self._peek()
            expr = self._check(expr * self._power(), token.pos)
        return expr

    def _check_log_base(self, base: sympy.Expr, position: int) -> None:
        if base.is_number and (base.is_positive is False or base == 1):
            raise self._error("a logarithm's base must be positive and not 1", position)

    # --- small helpers ----------------------------------------------------------------------

    def _paper_product(self, last: sympy.Expr, token: Token) -> bool:
        """Whether ``token`` is a number multiplying the factor before it, as on paper: in
        x 3^(x−1) or 5(1 + x²)⁵ 2x a space stands for the dot. Never after a number (2 3 is
        a slip, not 6), and never without the space (x(x+1)2 reads too like a typo)."""
        return (
            token.kind == "number"
            and not last.is_number
            and self._tokens[self._i - 1].end < token.pos
        )

    def _starts_factor(self, token: Token) -> bool:
        """Whether ``token`` begins a factor multiplied without a sign: 2x, x(x+1), 2|x|."""
        if token.kind == "number":
            after_number = self._i and self._tokens[self._i - 1].kind == "number"
            what = "numbers" if after_number else "by a number here"
            raise self._error(
                f"missing operator before {self._raw(token)!r}: write '*' to multiply {what}",
                token.pos,
            )
        if token.kind == "word":
            return True
        if token.kind != "op":
            return False
        if token.text == "|":
            return not self._closers or self._closers[-1] != "|"
        return token.text in ("(", "[", "√", "∛")

    def _starts_argument(self, token: Token) -> bool:
        # No sign: "sin -x" and "sin + 1" are too easily misread, so they need brackets.
        return token.kind == "number" or self._starts_factor(token)

    def _is_gamma(self, token: Token, following: Token | None = None) -> bool:
        """gamma(x) or Gamma(x), typed as a word, is the Gamma function Γ(x); gamma alone, or
        γ, is the letter γ."""
        following = following or self._peek()
        return (
            self._raw(token) in ("gamma", "Gamma")
            and not self._names.is_declared(token.text)
            and following.kind == "op"
            and following.text in ("(", "[")
        )

    def _starts_call(self, token: Token) -> bool:
        if token.kind != "word":
            return False
        if token.text in FUNCTIONS or token.text.startswith("log_"):
            return not self._names.is_declared(token.text)
        following = self._tokens[self._i + 1]
        if self._is_gamma(token, following):
            return True
        return token.text in ABSTRACT and following.kind == "op" and following.text in "(["

    def _peek(self) -> Token:
        return self._tokens[self._i]

    def _next(self) -> Token:
        token = self._tokens[self._i]
        self._i += 1
        return token

    def _at_op(self, *ops: str) -> bool:
        token = self._tokens[self._i]
        return token.kind == "op" and token.text in ops

    def _raw(self, token: Token) -> str:
        return self._text[token.pos : token.end]

    def _check(self, expr: sympy.Expr, position: int) -> sympy.Expr:
        return self._guard.check(expr, position)

    def _error(self, message: str, position: int) -> ParseError:
        return ParseError(message, position, self._text)

    def _unexpected(self, token: Token) -> ParseError:
        before = self._tokens[self._i - 1] if self._i else None
        after = f" after {self._raw(before)!r}" if before else ""
        if token.kind == "end":
            return self._error(f"expected a number, name or '('{after}", token.pos)
        if token.kind == "super":
            return self._error("a superscript must follow what it raises, as in x²", token.pos)
        if token.text in (")", "]", "|"):
            return self._error(f"expected a number, name or '(' before {token.text!r}", token.pos)
        if before is None:
            return self._error(f"{self._raw(token)!r} needs something before it", token.pos)
        return self._error(f"unexpected {self._raw(token)!r}{after}", token.pos)
