"""The production settings as bench/load_test.py serves them: gunicorn on loopback, plain HTTP.

Everything of config/settings/production.py (DEBUG off, whitenoise's compressed manifest, the checks on the
keys) except what assumes TLS in front: Locust speaks plain HTTP to 127.0.0.1, where a redirect to https
or cookies marked Secure would stop every request. In a deployment a proxy terminates TLS instead.
"""

from config.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
