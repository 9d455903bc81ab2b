//! Tagging tokenised documents (termsmith-tokenize output).

use termsmith_tag::{Lang, TagError, Tagger, Upos};
use termsmith_tokenize::Tokenizer;

fn tag(lang: Lang, text: &str) -> Vec<(String, Upos, String)> {
    let doc = Tokenizer::builder().lang(Some(lang)).build().tokenize(text);
    let tags = Tagger::for_lang(lang).unwrap().tag(&doc);
    assert_eq!(tags.len(), doc.tokens.len());
    doc.tokens
        .iter()
        .zip(tags)
        .map(|(t, g)| (doc.token_text(t).to_string(), g.upos, g.lemma.into()))
        .collect()
}

fn find<'a>(v: &'a [(String, Upos, String)], w: &str) -> &'a (String, Upos, String) {
    v.iter()
        .find(|x| x.0 == w)
        .unwrap_or_else(|| panic!("{w} not in {v:?}"))
}

#[test]
fn french_document() {
    let v = tag(
        Lang::FR,
        "Le Conseil a adopté l’accord du 12 mars. Les États membres renforcent la cyber-résilience des réseaux.",
    );
    assert_eq!(find(&v, "du").1, Upos::Adp);
    assert_eq!(find(&v, "du").2, "de");
    assert_eq!(find(&v, "l’").1, Upos::Det);
    assert_eq!(find(&v, "accord").1, Upos::Noun);
    assert_eq!(find(&v, "États").2, "état");
    assert_eq!(find(&v, "réseaux").2, "réseau");
    assert_eq!(find(&v, "renforcent").1, Upos::Verb);
    assert_eq!(find(&v, "renforcent").2, "renforcer");
    assert_eq!(find(&v, ".").1, Upos::Punct);
}

#[test]
fn english_document() {
    let v = tag(
        Lang::EN,
        "The Council's measures don't apply to small companies.",
    );
    assert_eq!(find(&v, "'s").1, Upos::Part);
    assert_eq!(find(&v, "measures").2, "measure");
    assert_eq!(find(&v, "companies").1, Upos::Noun);
    assert_eq!(find(&v, "companies").2, "company");
    assert_eq!(find(&v, "don't").1, Upos::Aux);
}

#[test]
fn dutch_document() {
    let v = tag(
        Lang::NL,
        "De lidstaten nemen maatregelen tegen cyberaanvallen.",
    );
    assert_eq!(find(&v, "De").1, Upos::Det);
    assert_eq!(find(&v, "nemen").1, Upos::Verb);
    assert_eq!(find(&v, "maatregelen").1, Upos::Noun);
}

#[test]
fn empty_document_and_unsupported_language() {
    assert!(tag(Lang::FR, "").is_empty());
    let de = Lang::new("de").unwrap();
    assert!(matches!(Tagger::for_lang(de), Err(TagError::UnsupportedLanguage(c)) if c == "de"));
}
