//! termsmith-mine (under construction).
