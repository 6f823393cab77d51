"""What practice can be about, and the levels each topic has.

- ``rules``: the rules of differentiation, levels 1 to 5 (``generate``);
- ``higher``: h′ and then h″ of a function of those levels (``higher``);
- ``tangent``: h(a), h′(a) and the tangent line at a point a (``tangent``);
- ``implicit``: dy/dx of a curve's equation, and its value at a point of the curve, levels 1
  to 3 (``implicit``).

Every topic draws from ``random.Random(seed)`` alone, so a seed gives the same problems on
every computer.
"""

from __future__ import annotations

from chainrule.errors import ChainruleError

#: Each topic and its levels, in the order ``--help`` lists them.
TOPICS = {
    "rules": range(1, 6),
    "higher": range(1, 6),
    "tangent": range(1, 6),
    "implicit": range(1, 4),
}
#: What a set of each topic is called in its title.
NAMES = {
    "rules": "",
    "higher": "second derivatives",
    "tangent": "tangent lines",
    "implicit": "implicit differentiation",
}


def check_topic(topic: object, level: object) -> None:
    """A ChainruleError, in one line, for a topic there is none of or a level it lacks."""
    if not isinstance(topic, str) or topic not in TOPICS:
        raise ChainruleError(f"no topic {topic!r}: choose {', '.join(TOPICS)}")
    levels = TOPICS[topic]
    if isinstance(level, bool) or not isinstance(level, int) or level not in levels:
        if topic == "rules":
            raise ChainruleError(f"level {level} does not exist: choose 1 to {levels[-1]}")
        raise ChainruleError(
            f"the {topic} topic has levels {levels[0]} to {levels[-1]}, not {level}"
        )


def generate(topic: str, level: int, seed: int, count: int) -> list:
    """``count`` problems of ``topic`` at ``level`` from ``seed``."""
    check_topic(topic, level)
    if topic == "higher":
        from chainrule.practising.higher import generate as make
    elif topic == "tangent":
        from chainrule.practising.tangent import generate as make
    elif topic == "implicit":
        from chainrule.practising.implicit import generate as make
    else:
        from chainrule.practising.generate import generate as make
    return make(level, seed, count)
