"""``python -m leadrules``: the command line."""

from ._launch import run

run()
