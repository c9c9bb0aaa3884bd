"""The commands of pledge-office, one module per step of the Pledge's life."""
