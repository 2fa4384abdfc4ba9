"""German, for consultations abroad: function words only."""
