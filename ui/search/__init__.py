"""The main screen: the search box, the results list and the facet filters."""
