"""The spine: gather everything into one :class:`~vdiplo_site.knowledge.KnowledgeBase`.

``gather`` runs the stages of the flow in sequence, each a function called once and logged
with its time (:mod:`.stages`): manifest -> gazetteer -> read -> normalise (steps and passage
ids) -> mentions -> lookups. Nothing is written here: writers, search data, the candidate
report, benchmarks and tests all take the record it returns (``build`` writes it out).
"""

from __future__ import annotations

from .entities.all_mentions import find_all_mentions
from .entities.gazetteer import load_gazetteer
from .entities.lookups import assemble
from .formats import format_for
from .knowledge import KnowledgeBase
from .manifest import load_manifest, read_source_text
from .model import Document, Entity, SourceSpec
from .passages import assign_passage_ids
from .project import Project
from .stages import stage


def read_documents(specs: tuple[SourceSpec, ...]) -> tuple[Document, ...]:
    """Each source's crude document, read by its format's reader (bytes checked first).

    Raises:
        SourceFileError, SourceFormatError: a source is missing, changed, not UTF-8, of an
            unknown format, or lacks the structure its reader needs.
    """
    return tuple(format_for(spec).read(spec, read_source_text(spec)) for spec in specs)


def normalise_documents(documents: tuple[Document, ...]) -> tuple[Document, ...]:
    """Each document cleaned by its format's steps (contract checked), with passage ids.

    Raises:
        SourceFormatError: a step refused the text or broke the text conventions.
    """
    return tuple(assign_passage_ids(format_for(doc.spec).normalise(doc)) for doc in documents)


def knowledge_base(documents: tuple[Document, ...], entities: tuple[Entity, ...]) -> KnowledgeBase:
    """The knowledge base of normalised ``documents`` and ``entities`` (mentions and lookups),
    for callers that already hold documents (small crafted inputs in tests)."""
    return assemble(documents, entities, find_all_mentions(documents, entities))


def gather(project: Project) -> KnowledgeBase:
    """Read, normalise and link every source of ``project``; return the knowledge base.

    Each stage is logged with its time on the ``vdiplo_site.stages`` logger.

    Raises:
        VdiploError: a bad manifest, gazetteer or source (the message names the file).
    """
    # First gather all data: the curated inputs, then the texts.
    with stage("manifest"):
        specs = load_manifest(project.manifest)
    with stage("gazetteer"):
        entities = load_gazetteer(project.gazetteer, frozenset(spec.id for spec in specs))
    with stage("read"):
        documents = read_documents(specs)
    with stage("normalise"):
        documents = normalise_documents(documents)
    with stage("mentions"):
        mentions = find_all_mentions(documents, entities)
    # Now that all data is gathered, derive every lookup the pages need.
    with stage("lookups"):
        return assemble(documents, entities, mentions)
