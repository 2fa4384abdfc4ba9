"""Civic-space incidents extracted from news and NGO reports (to come)."""
