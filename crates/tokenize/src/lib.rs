//! termsmith-tokenize (under construction).
