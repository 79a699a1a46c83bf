"""Text machinery that knows no model: quote anchoring, a body's passages, recommendation cues."""
