"""On-ramp: community-health analytics for open LLM projects (GitHub, Hugging Face Hub, Discord)."""

__version__ = "0.1.0"
