"""The errors chainrule raises for bad input: each one is a ValueError a learner can read."""

from __future__ import annotations

import unicodedata


class ChainruleError(ValueError):
    """Base of every error caused by what the user asked for (not by a bug in chainrule).

    The CLI prints these as one clean message and exits with status 2.
    """


class ParseError(ChainruleError):
    """Text that is not a formula we accept.

    ``position`` is a 0-based index into ``text``; ``str()`` shows the text with a caret under
    that spot and the message beside it.
    """

    def __init__(self, message: str, position: int, text: str) -> None:
        self.message = message
        self.position = max(0, min(position, len(text)))
        self.text = text
        super().__init__(message)

    def __str__(self) -> str:
        # Tabs and other invisible characters would shift the caret, so show each as one space;
        # the caret is then indented by the columns a terminal gives what comes before it.
        shown = "".join(ch if ch.isprintable() else " " for ch in self.text)
        indent = sum(_columns(ch) for ch in shown[: self.position])
        if shown[self.position : self.position + 1] and not _columns(shown[self.position]):
            indent = max(0, indent - 1)  # a combining mark sits on the character before it
        return f"{shown}\n{' ' * indent}^ {self.message}"

    def __reduce__(self):
        return (type(self), (self.message, self.position, self.text))


def _columns(ch: str) -> int:
    """Terminal columns of one character: 2 for wide (CJK, fullwidth), 0 for combining marks."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class VariableError(ChainruleError):
    """The variable to differentiate by is missing, ambiguous, or not in the expression."""


class TooDeep(ChainruleError):
    """Nested too deeply for SymPy, whose walks recurse once per level on Python's stack."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or "too deep: SymPy ran out of room on Python's stack working on this formula"
            " (it recurses once per level of nesting); explain its parts one by one"
        )
