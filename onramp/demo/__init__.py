"""The bundled demo: a snapshot of real data about the study's projects, plus labelled sample rows."""
