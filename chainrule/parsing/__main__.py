"""Try the parser on its own: ``python -m chainrule.parsing "2x sin^2 x"``."""

from __future__ import annotations

import sys

from chainrule.errors import ParseError
from chainrule.parsing import parse


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print('usage: python -m chainrule.parsing "FORMULA"', file=sys.stderr)
        return 2
    try:
        print(parse(argv[0]))
    except ParseError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
