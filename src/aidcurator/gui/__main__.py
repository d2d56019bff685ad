"""``python -m aidcurator.gui`` opens the window."""

from aidcurator.gui.app import main

raise SystemExit(main())
