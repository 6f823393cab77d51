"""The command line: a thin typer layer over the library (no math lives here)."""
