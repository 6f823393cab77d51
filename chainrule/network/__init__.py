"""The course's neural network and its gradient: the chain rule, organised as backpropagation.

>>> from chainrule.network import Network, backprop
>>> [f.name for f in backprop(Network()).gradient("w2").chain]
['dJ/dyhat', 'dyhat/dz2', 'dz2/dw2']
"""

from chainrule.network.backprop import Backprop, Delta, Factor, Gradient, backprop
from chainrule.network.model import Network, NetworkError

__all__ = ["Backprop", "Delta", "Factor", "Gradient", "Network", "NetworkError", "backprop"]
