"""ACLED's conventions as declarative tables, run by one small engine (``code.engine``)."""
