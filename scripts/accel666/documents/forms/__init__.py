"""The notice's three annex forms as plain data: `model` (the blocks), one module per annex."""
