"""Celery tasks of cases and suggestions.

None today: the reply clock and its overdue state live in the deadline register, swept by deadlines.tasks.
"""
