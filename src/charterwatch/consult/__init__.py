"""Public consultation: proposals read in, duplicates and campaigns found, themes, routing and uptake.

``model.py`` holds the plain dataclasses every step passes around; ``intake.py`` reads CSV and JSON Lines
(Polis comment files as they are). See docs/consult.md.
"""
