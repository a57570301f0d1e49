"""A Collaborative Care caseload you can run: measures, synthetic patients, registry and review.

Pure standard-library Python, so the same code runs in CPython 3.12+ and in Pyodide.
"""

__version__ = "0.1.0"
