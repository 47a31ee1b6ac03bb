"""`python -m gazette …` runs the command line."""
from .cli import main

main()
