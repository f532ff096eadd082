# The application image: web (gunicorn), Celery worker and Celery beat all run from it.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=config.settings.production
WORKDIR /app

COPY pyproject.toml constraints.txt ./
RUN pip install --no-cache-dir -c constraints.txt -e . && pip install --no-cache-dir -c constraints.txt gunicorn

COPY . .
# collectstatic needs settings that pass production's checks; these throwaway values never run.
RUN SECRET_KEY=build-only-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ ALLOWED_HOSTS=localhost DEMO_PASSWORD=build-only \
    FIELD_ENCRYPTION_KEYS=YnVpbGQtb25seS0wMTIzNDU2Nzg5MDEyMzQ1Njc4OTA= FIELD_HASH_KEY=build-only-0123456789abcdefghijklmnop \
    python manage.py collectstatic --noinput \
 && useradd --create-home --uid 1000 pil && mkdir -p /app/var && chown -R pil /app/var

USER pil
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
