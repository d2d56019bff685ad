"""`python -m aidcurator` runs the command line."""

from aidcurator.cli import main

raise SystemExit(main())
