"""pledge-office: the paperwork of a council's VCSE Pledge, from adoption to action plan."""

__version__ = "0.1.0"
