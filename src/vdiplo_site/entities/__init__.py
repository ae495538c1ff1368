"""Entities: the gazetteer (curated names, types, aliases), mention detection, and the lookups
derived from mentions (quotations, definitions, timeline, related entities, links)."""
