"""`python -m indexer build|stats`: the same commands as the `indexer` script."""

from indexer.cli import app

app(prog_name="indexer")
