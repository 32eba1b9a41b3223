"""``python -m opbouw``: the same command line as the ``opbouw`` script."""

from opbouw.cli import main

if __name__ == "__main__":
    main()
