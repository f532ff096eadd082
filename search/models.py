"""The search index: one row per searchable clue, case and suggestion (docs/search.md).

A row is derived data, rebuilt from its object by `search.indexing` whenever the object changes and by
`manage.py search_reindex`; nothing else writes it and nothing reads it but `search.selectors`.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CLUE = "clue", _("线索")
    CASE = "case", _("案件")
    SUGGESTION = "suggestion", _("检察建议")


class SearchDocument(models.Model):
    kind = models.CharField(max_length=12, choices=Kind.choices)
    object_id = models.BigIntegerField()
    # The owning procuratorate: what the result shows. The scope itself is in `vector` (scope lexemes, see
    # search.indexing) so that one GIN index answers "this term, in this subtree".
    procuratorate = models.ForeignKey("procuratorates.Procuratorate", on_delete=models.CASCADE, related_name="+")
    # The owning procuratorate's materialised path: the physical order of the table (`search_reindex --cluster`), so
    # that a subtree's rows sit together and the GIN scan of "term AND ~p<subtree>" reads a narrow range of the
    # term's posting list instead of all of it (at 1M rows: 12 ms instead of 60–100 ms for a province).
    path = models.CharField(max_length=255, default="")
    # The case whose sharing (collaborating offices, task-force members) also shows this row: the case
    # itself or a suggestion's case. Null for clues, which are never shared. A plain column, not a key:
    # the row is derived and deleted with its object by the indexer.
    sharing_case_id = models.BigIntegerField(null=True, blank=True)
    title = models.CharField(max_length=300)
    number = models.CharField(max_length=400, blank=True)
    agency = models.CharField(max_length=500, blank=True)
    place = models.CharField(max_length=300, blank=True)
    party = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=30, blank=True)
    dated = models.DateField(null=True, blank=True)
    vector = SearchVectorField()
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("检索索引")
        verbose_name_plural = _("检索索引")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_once_per_object")]
        indexes = [
            # Created on PostgreSQL only (migration 0001): SQLite searches with icontains, unindexed.
            GinIndex(fields=["vector"], name="search_document_vector_gin"),
            models.Index(fields=["path"], name="search_document_path"),
            models.Index(fields=["sharing_case_id"], name="search_document_sharing_case",
                         condition=models.Q(sharing_case_id__isnull=False)),
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id} {self.title}"
