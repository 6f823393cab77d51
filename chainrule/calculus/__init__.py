"""The calculus around the chain rule, each explained with the same rule engine as ``explain``:
higher derivatives (``derivatives``), the derivative at a point and its tangent line
(``at_point``), the gradient of a function of several variables (``gradient``), and implicit
differentiation of a curve's equation (``implicit``), and logarithmic differentiation of a
product or quotient of many factors (``log_differentiate``).

>>> from chainrule.calculus import derivatives
>>> [str(d) for d in derivatives("sin(x^2)", order=2).derivatives]
['2*x*cos(x**2)', '-4*x**2*sin(x**2) + 2*cos(x**2)']
"""

from chainrule.calculus.gradient import Gradient, gradient
from chainrule.calculus.higher import MAX_ORDER, Higher, derivatives
from chainrule.calculus.implicit import Implicit, implicit
from chainrule.calculus.log_method import LogMethod, log_differentiate
from chainrule.calculus.point import AtPoint, at_point

__all__ = [
    "MAX_ORDER",
    "AtPoint",
    "Gradient",
    "Higher",
    "Implicit",
    "LogMethod",
    "at_point",
    "derivatives",
    "gradient",
    "implicit",
    "log_differentiate",
]
