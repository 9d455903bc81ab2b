//! termsmith-tag (under construction).
