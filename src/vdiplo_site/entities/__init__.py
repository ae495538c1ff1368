"""Entities: the gazetteer (curated names, types, aliases) and mention detection."""
