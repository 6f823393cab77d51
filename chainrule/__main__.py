"""``python -m chainrule`` runs the same CLI as the ``chainrule`` command."""

from chainrule.cli.app import main

main()
