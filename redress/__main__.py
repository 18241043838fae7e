"""`python -m redress` is the same as the `redress` console script."""

from redress.cli import main

raise SystemExit(main())
