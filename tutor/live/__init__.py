"""Live teaching: the teacher's dltutor publishes where it is; the class's follow.

The class is its database (the data folder's progress.db, or one PostgreSQL
database): `dltutor teach` holds its `live` row while teaching.

    state.py   what is published and answered: small JSON, checked field by field on reading
    link.py    one connection to the live tables, the same SQL on SQLite and PostgreSQL
    connect.py open_link(where): the right one for a path or a postgresql:// URL
    pg.py      PostgreSQL: a published state also NOTIFYs, listeners wake at once
    watch.py   a student's thread: looks every 0.5 s (or on NOTIFY), says Teaching / Stopped
    lead.py    the teacher's thread: claims the class, publishes, beats, reads the answers

No Textual here: the app's side is tutor/screens/follow.py (students) and tutor/teach.py (the teacher).
"""
