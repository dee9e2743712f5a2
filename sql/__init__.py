"""The SQL models (staging, intermediate, marts), run by warehouse.build.

A package only so that the wheel carries the models and importlib.resources finds them; it holds
no Python.
"""
