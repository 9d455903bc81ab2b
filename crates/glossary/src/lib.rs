//! termsmith-glossary (under construction).
