//! termsmith-align (under construction).
