"""`python -m onramp`, the same as the `onramp` command."""

from onramp.cli import main

raise SystemExit(main())
