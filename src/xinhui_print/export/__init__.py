"""Export stage: a laid-out document → files (PDF, PNG, press PDF), written atomically."""
