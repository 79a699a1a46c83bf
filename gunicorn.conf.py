"""gunicorn's settings for this project: gunicorn reads ./gunicorn.conf.py from the directory it
is started in (`make serve`, make bench and the load tests start it here); the command line's
own options (workers, bind) still win."""


def post_worker_init(worker):
    # A new worker gets the list's facet index (from the cache, where another worker left it, or
    # by building it) before its first request, so that no reader waits for it. Imported here:
    # the app, and Django with it, is loaded in the worker just before this hook.
    from django.db import connections

    from search.facet_index import warm

    try:
        warm()
    finally:
        connections.close_all()  # opened outside any request: no request's end would close them
