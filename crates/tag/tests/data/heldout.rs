// The held-out UD test slices (language code, CoNLL-U text) shared by the tagger's unit test,
// benchmark and speed example through `include!`: the first sentences of each UD test split
// (CC BY-SA 4.0; crates/tag/data/README.md describes them).
#[allow(dead_code)]
const HELD_OUT: [(&str, &str); 3] = [
    ("fr", include_str!("fr_gsd-ud-test.head.conllu")),
    ("en", include_str!("en_ewt-ud-test.head.conllu")),
    ("nl", include_str!("nl_alpino-ud-test.head.conllu")),
];
