"""The office workbench (``fupin-forms serve``): a Django app on the toolkit's readers and rules.

Why Django: it brings accounts, password hashing, sessions, CSRF protection, migrations and an
admin that offices can rely on for years, instead of hand-written versions of each. The task
queue is django-q2 on the same database (its ORM broker): nothing else to run by default
(SQLite), the same queue on PostgreSQL when several machines share the work, and a task that a
killed worker leaves unacknowledged comes back after ``retry`` seconds.

Installed with the ``web`` extra; nothing here is imported by ``fupin-forms --help``.
"""
