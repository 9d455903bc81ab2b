//! termsmith-compare (under construction).
