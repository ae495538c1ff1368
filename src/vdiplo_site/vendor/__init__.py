"""Browser code of other projects, vendored at a pinned version with its licence.

* ``iframe-worker-shim.js``: iframe-worker 1.0.4 (npm, MIT, ``iframe-worker.LICENSE``), the file
  ``shim/index.js``: runs a Web Worker in a hidden iframe where a page is opened from disk
  (file://), where Chromium refuses to start a worker. Used by the offline copy (``offline.py``).
"""
