"""Every page planned: its file, its template and the views it gets (the theme contract). Nothing rendered."""
