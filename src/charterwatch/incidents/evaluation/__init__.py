"""Evaluation: extraction scored against hand-checked gold, by a frozen copy of the gold's rule."""
