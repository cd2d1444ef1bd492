from __future__ import annotations

from accel666.cli import main

raise SystemExit(main())
