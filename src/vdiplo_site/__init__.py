"""vdiplo-site: a static knowledge base of Chinese source texts on value diplomacy (價值外交)."""

__version__ = "0.1.0"
