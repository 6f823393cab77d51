"""The course's neural network and its gradient: the chain rule, organised as backpropagation.

    from chainrule.network import Network, backprop
    w2 = backprop(Network()).gradient("w2")  # w2.chain: ∂J/∂ŷ · ∂ŷ/∂z2 · ∂z2/∂w2
"""

from chainrule.network.backprop import Backprop, Delta, Factor, Gradient, backprop
from chainrule.network.model import Network, NetworkError

__all__ = ["Backprop", "Delta", "Factor", "Gradient", "Network", "NetworkError", "backprop"]
