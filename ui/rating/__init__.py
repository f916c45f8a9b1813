""" "How useful was this?": the stars a rep gives an asset, with an optional comment."""
