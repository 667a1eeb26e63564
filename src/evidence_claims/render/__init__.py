"""Every output: the report formats (text, JSON, GitHub, SARIF; one table in :mod:`.formats`),
pandas tables, HTML views and the evidence map, the report page, Parquet and Dask.
"""
