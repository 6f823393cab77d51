"""The errors chainrule raises for bad input: each one is a ValueError a learner can read."""

from __future__ import annotations


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
        # Tabs and other wide characters would shift the caret, so show each as one column.
        shown = "".join(ch if ch.isprintable() else " " for ch in self.text)
        return f"{shown}\n{' ' * self.position}^ {self.message}"

    def __reduce__(self):
        return (type(self), (self.message, self.position, self.text))


class VariableError(ChainruleError):
    """The variable to differentiate by is missing, ambiguous, or not in the expression."""
