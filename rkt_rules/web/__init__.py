"""``rkt-rules serve``: a page where reviewers drop documents and read the findings beside
the table, and a small API for portals; a thin layer over ``rkt_rules.check``.
Needs the web extra (``pip install -e '.[web]'`` in a checkout, or ``make serve``)."""
