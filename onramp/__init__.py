"""On-ramp, the application: the `onramp` command, its commands, the orchestrator that stores what
collectors yield, and the bundled demo. It sits on top of collectors/, warehouse/ and dashboard/,
which sit on core/ (README, "How it is built")."""

__version__ = "0.1.0"
