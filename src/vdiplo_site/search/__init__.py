"""Chinese search: search data generated from the knowledge base, and one JavaScript engine
used both by the site's search worker and by ``vdiplo-site search``."""
