"""One plain function per command: adoption, check, action plan, summary, batch, demo, templates."""
