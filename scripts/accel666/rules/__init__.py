"""Business rules: `codes` (every finding code), `registry` (which rule runs when), one module per topic."""
