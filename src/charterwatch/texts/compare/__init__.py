"""Compare two versions: article alignment across renumbering, redlines and change statistics."""
