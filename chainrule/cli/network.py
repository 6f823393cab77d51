"""``chainrule network``: the course's one-input network, its gradient by the chain rule."""

from __future__ import annotations


def network() -> None:
    """Derive ∂J/∂w1, ∂J/∂b1, ∂J/∂w2, ∂J/∂b2 step by step (work in progress)."""
    import typer

    typer.echo("chainrule network is not built yet.", err=True)
    raise typer.Exit(code=2)
