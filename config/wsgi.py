import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
application = get_wsgi_application()

# Import every view, serializer and filter now (the URLconf pulls them in) rather than on the first request,
# then move everything loaded into the permanent generation. Python's full collections otherwise walk these
# long-lived objects (~180,000) again and again: every few dozen requests one request waited 70–150 ms for it,
# which was most of the lists' p95 at national scale (bench/run_all.py). Objects made later are collected
# as before; frozen ones are still freed when nothing refers to them.
get_resolver().url_patterns  # noqa: B018 — evaluated for its imports
gc.collect()
gc.freeze()
