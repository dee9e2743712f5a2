"""The bundled demo: real data about the study's projects, plus labelled sample rows."""
