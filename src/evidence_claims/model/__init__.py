"""What a claim file is: the pydantic records, findings and the report, the taxonomy of
source types, anchors, errors and the JSON Schema. No I/O and no rendering; every other layer
imports this one.
"""
