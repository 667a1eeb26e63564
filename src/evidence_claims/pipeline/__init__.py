"""Many files at once: discovery, the validate/load/assess entry points, the parallel map, the
result cache, the baseline and the project configuration.
"""
