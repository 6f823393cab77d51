"""``python -m chainrule.rules "log(2+cos(x))"``: print the step tree plainly."""

from chainrule.explaining import main

main()
