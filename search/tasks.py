"""Background work of the search index."""

from celery import shared_task

from procuratorates.models import Procuratorate

from .indexing import search_reindex_subtree as reindex


@shared_task(name="search.tasks.search_reindex_subtree")
def search_reindex_subtree(procuratorate_id):
    """Rebuild the rows of a subtree after its root moved; running it twice rebuilds the same rows twice."""
    path = Procuratorate.objects.filter(pk=procuratorate_id).values_list("path", flat=True).first()
    if path:
        reindex(path=path)
