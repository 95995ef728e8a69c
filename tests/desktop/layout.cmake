# the desktop's layout at every text size
