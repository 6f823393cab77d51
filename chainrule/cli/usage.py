"""The command line's own words: help whose option column reads as a person wrote it (no
``<bool>`` or ``<str>``), and a mistyped command line told in one line, the nearest option
named, exit status 2, as every other user error is.

typer writes both for us; this module is where its words are replaced by ours. It leans on
typer's classes and attributes (pinned in pyproject.toml to the range the tests pass with), and
loads no SymPy, so ``--help`` stays quick.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from chainrule.cli.output import WRITE_ERRORS, cannot_write

#: How the option column names a value no metavar names, by its type.
_VALUES = {"int": "N", "float": "NUMBER", "str": "TEXT", "path": "FILE"}


class _Plain:
    """Help that names each value plainly, for a command and for the app alike."""

    def get_params(self, ctx):
        # typer adds --help (and the app its completion options) here, not in ``params``.
        params = super().get_params(ctx)
        for param in params:
            _plainly(param)
        return params


class Command(_Plain, TyperCommand):
    """A command whose help names each value plainly: ``FILE``, ``rich|text|…``, ``1 to 50``."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        if ctx.ignore_unknown_options:
            # explain, check and plot read "-x^2" as a formula, so "explain --fromat json x"
            # would read "--fromat" as one: an unknown option close to a known one is a typo.
            known = _options(self)
            for arg in args[: args.index("--")] if "--" in args else args:
                option = arg.split("=", 1)[0]
                mistyped = option.startswith("--") and option[2:3].isalpha()
                if mistyped and option not in known and _close(option, known):
                    raise UnknownOption(option, ctx)
        return super().parse_args(ctx, args)


class UnknownOption(typer.TyperException):
    """An option the command does not have, typed where a formula may stand."""

    exit_code = 2

    def __init__(self, option_name: str, ctx) -> None:
        super().__init__(f"no such option {option_name}")
        self.option_name, self.ctx = option_name, ctx


class Group(_Plain, TyperGroup):
    """The ``chainrule`` app: a command line it cannot read is one clean line on stderr."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        given = list(sys.argv[1:] if args is None else args)
        try:
            code = super().main(given, prog_name, complete_var, False, **extra)
        except typer.Abort:
            _say("aborted")
            sys.exit(1)
        except OSError as error:
            if error.errno not in WRITE_ERRORS:
                raise
            sys.exit(cannot_write(error))
        except typer.TyperException as error:  # typer's usage errors
            if type(error).__name__ == "NoArgsIsHelpError":
                error.show()  # the help, already laid out
            else:
                _say(f"error: {said(error, given)}")
            sys.exit(getattr(error, "exit_code", 2))
        sys.exit(code if isinstance(code, int) else 0)


def said(error: Exception, args: list[str]) -> str:
    """What went wrong with the command line, as one sentence."""
    ctx = getattr(error, "ctx", None)
    command = ctx.command if ctx is not None else None
    where = f"; see '{ctx.command_path} --help'" if ctx is not None else ""
    name = type(error).__name__
    if name in ("NoSuchOption", "UnknownOption"):
        return _no_such_option(error.option_name, command) or f"no such option {error.option_name}"
    if name == "MissingParameter" and getattr(error, "param", None) is not None:
        return f"missing {_named(error.param)}{where}"
    if name in ("BadParameter", "MissingParameter") and getattr(error, "param", None) is not None:
        return _bad_value(error.param, error.message, args)
    message = error.format_message() if hasattr(error, "format_message") else str(error)
    if message.startswith("Got unexpected extra argument"):
        # explain, check and plot take "-x^2" as a formula, so a mistyped option lands here.
        for arg in _after_command(args, ctx):
            option = arg.split("=", 1)[0]
            if option.startswith("--") and len(option) > 2 and option not in _options(command):
                return _no_such_option(option, command)
        extra = message[message.rfind(" (") + 2 : message.rfind(")")]
        return (
            f"unexpected extra arguments {extra!r}: a formula with spaces goes in quotes,"
            f' as in "x^2 + 1"{where}'
        )
    if message.startswith("No such command"):
        return message[0].lower() + message[1:].rstrip(".") + where
    return message[:1].lower() + message[1:].rstrip(".") + where


def _close(option: str, known: list[str]) -> str | None:
    """The known long option nearest to ``option``, if one is near."""
    long = [o for o in known if o.startswith("--")]
    close = difflib.get_close_matches(option, long, n=1, cutoff=0.6)
    return close[0] if close else None


def _no_such_option(option: str, command) -> str:
    if close := _close(option, _options(command)):
        return f"no such option {option}; did you mean {close}?"
    where = f"; see '{command_path}'" if (command_path := _help_of(command)) else ""
    return f"no such option {option}{where}"


def _help_of(command) -> str:
    name = getattr(command, "name", None)
    return f"chainrule {name} --help" if name and name != "chainrule" else "chainrule --help"


def _bad_value(param, reason: str, args: list[str]) -> str:
    """--format foo: one of …; --layers 99: at most 50; --timeout never: not a number."""
    shown = _named(param)
    value = _value_of(param, args)
    if value is not None:
        shown += f" {value}"
    choices = _choices(param)
    if choices:
        return f"{shown}: choose one of {', '.join(choices)}"
    if value is not None and value.strip().lower() in ("nan", "+nan", "-nan"):
        return f"{shown}: not a number"  # nan fails every bound, but the bound is not why
    for words, plain in (
        ("valid integer", "not a whole number"),
        ("valid number", "not a number"),
        ("finite number", "not a finite number"),
        ("greater than or equal to", "at least"),
        ("less than or equal to", "at most"),
        ("greater than", "more than"),
        ("less than", "less than"),
    ):
        if words in reason:
            bound = reason.split(words, 1)[1].strip()
            if plain in ("at least", "at most", "more than", "less than"):
                return f"{shown}: must be {plain} {bound}"
            return f"{shown}: {plain}"
    return f"{shown}: {reason[:1].lower()}{reason[1:].rstrip('.')}"


def _value_of(param, args: list[str]) -> str | None:
    """The value typed for an option, if it can be told from the command line."""
    opts = [*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())]
    if not isinstance(param, TyperOption):
        return None
    for i, arg in enumerate(args):
        if arg in opts and i + 1 < len(args):
            return args[i + 1]
        for opt in opts:
            if opt.startswith("--") and arg.startswith(opt + "="):
                return arg[len(opt) + 1 :]
    return None


def _named(param) -> str:
    if isinstance(param, TyperArgument):
        return param.metavar or param.name.upper()
    long = [o for o in param.opts if o.startswith("--")]
    return (long or param.opts)[0]


def _choices(param) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or not descriptor.is_choice or not descriptor.choices:
        return []
    return [str(getattr(c, "value", c)) for c in descriptor.choices]


def _options(command) -> list[str]:
    if command is None:
        return []
    names = ["--help", "-h"]
    for param in command.params:
        names += [*param.opts, *param.secondary_opts]
    return names


def _after_command(args: list[str], ctx) -> list[str]:
    """The arguments after the command's name (``explain x --fromat json`` → x …)."""
    name = ctx.info_name if ctx is not None else None
    if name in args:
        args = args[args.index(name) + 1 :]
    return args[: args.index("--")] if "--" in args else args


def _plainly(param) -> None:
    """Help's value column for ``param`` as a person writes it: nothing for a flag or an
    argument (its name says it), the metavar, the choices, or the kind of value; a range
    as "1 to 50". typer would print <bool>, <str>, <int range> and [1<=x<=50]."""
    if isinstance(param, TyperArgument):
        param.display_type_rich = lambda ctx: None
        name = param.metavar or param.name.upper()
        plain = name if param.required else f"[{name}]"
        param._usage_display_name = lambda: plain
        return
    if not isinstance(param, TyperOption):
        return
    if param.is_flag:
        shown = None
    elif param.metavar is not None:
        shown = param.metavar
    elif choices := _choices(param):
        shown = "|".join(choices)
    else:
        shown = _VALUES.get(_kind(param), "VALUE")
    param.display_type_rich = lambda ctx: shown
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is None and high is None:
        plain_range = None
    elif high is None:
        plain_range = f"at least {low:g}"
    elif low is None:
        plain_range = f"at most {high:g}"
    else:
        plain_range = f"{low:g} to {high:g}"
    param._get_number_range_help_str = lambda: plain_range


def _kind(param) -> str:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None:
        return ""
    if descriptor.is_path:
        return "path"
    annotation = descriptor.annotation
    return getattr(annotation, "__name__", str(annotation))


def _say(text: str) -> None:
    from chainrule.cli.output import echo

    echo(text, err=True)
