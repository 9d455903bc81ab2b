//! Behaviour on each case of the specification, including excerpts of the French seed texts.

use termsmith_tokenize::{
    decode, BlockKind, DecodeError, Document, Lang, LangSource, Token, TokenKind, Tokenizer,
};

fn fr() -> Tokenizer {
    Tokenizer::builder().lang(Some(Lang::FR)).build()
}

fn en() -> Tokenizer {
    Tokenizer::builder().lang(Some(Lang::EN)).build()
}

fn texts(doc: &Document) -> Vec<&str> {
    doc.tokens.iter().map(|t| doc.token_text(t)).collect()
}

fn find<'a>(doc: &'a Document, s: &str) -> &'a Token {
    doc.tokens
        .iter()
        .find(|t| doc.token_text(t) == s)
        .unwrap_or_else(|| panic!("no token {s:?} in {:?}", texts(doc)))
}

fn sentences(doc: &Document) -> Vec<&str> {
    doc.sentences.iter().map(|s| doc.sentence_text(s)).collect()
}

/// Checks the structural invariants on any document.
fn check(doc: &Document) {
    let mut prev = 0;
    for t in &doc.tokens {
        assert!(t.span.start >= prev && t.span.start < t.span.end && t.span.end <= doc.text.len());
        assert_eq!(doc.token_text(t), &doc.text[t.span.range()]);
        prev = t.span.end;
    }
    let mut next_tok = 0;
    for s in &doc.sentences {
        assert_eq!(
            s.tokens.start, next_tok,
            "sentences cover tokens contiguously"
        );
        next_tok = s.tokens.end;
        let b = &doc.blocks[s.block];
        assert!(b.span.start <= s.span.start && s.span.end <= b.span.end);
    }
    assert_eq!(next_tok, doc.tokens.len());
}

// ---------------------------------------------------------------- decoding

#[test]
fn decoding_boms_and_errors() {
    let tk = fr();
    let doc = tk.tokenize_bytes("\u{FEFF}l’UE".as_bytes()).unwrap();
    assert_eq!(doc.text, "l’UE");
    assert_eq!(texts(&doc), ["l’", "UE"]);
    let mut le = vec![0xFF, 0xFE];
    for u in "Les États membres".encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
    }
    let doc = tk.tokenize_bytes(&le).unwrap();
    assert_eq!(texts(&doc), ["Les", "États", "membres"]);
    assert_eq!(
        tk.tokenize_bytes(b"ab\0"),
        Err(DecodeError::Binary { offset: 2 })
    );
    assert_eq!(
        decode(b"caf\xE9"),
        Err(DecodeError::InvalidUtf8 { offset: 3 })
    );
    let empty = tk.tokenize_bytes(b"").unwrap();
    assert!(empty.tokens.is_empty() && empty.sentences.is_empty() && empty.blocks.is_empty());
}

// ---------------------------------------------------------------- markup

#[test]
fn footnote_calls_do_not_glue() {
    let doc = fr().tokenize("renforcer la cybersécurité<sup>3</sup> de l'UE<sup>12</sup>.");
    assert_eq!(
        texts(&doc),
        ["renforcer", "la", "cybersécurité", "de", "l'", "UE", "."]
    );
    check(&doc);
}

#[test]
fn seed_footnote_definitions_are_blocks() {
    // excerpt of 2017-11-07-council-conclusions-cybersecurity.txt
    let text = "d'une cybersécurité solide\"<sup>1</sup>. Il y est question de la capacité de l'UE.\n\n---\n\n<sup>1</sup> Doc. 12211/17.\n\n2. Les discussions qui ont suivi";
    let doc = fr().tokenize(text);
    check(&doc);
    let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Paragraph,
            BlockKind::Rule,
            BlockKind::Footnote,
            BlockKind::ListItem
        ]
    );
    assert_eq!(
        sentences(&doc),
        [
            "d'une cybersécurité solide\"<sup>1</sup>.",
            "Il y est question de la capacité de l'UE.",
            "Doc. 12211/17.",
            "Les discussions qui ont suivi"
        ]
    );
    assert!(!texts(&doc).contains(&"sup") && !texts(&doc).contains(&"1"));
    assert_eq!(find(&doc, "Doc.").kind, TokenKind::Word);
    assert_eq!(find(&doc, "12211/17").kind, TokenKind::Number);
}

#[test]
fn markdown_markup_makes_no_tokens() {
    let text = "### **Promotion et protection**\n\n- à *promouvoir* les __droits__\n* second\n1. premier\n\n| SRI | CSIRT |\n|---|---|\n| a b | c |\n\n***\n\nA &amp; B<br>C `code` ~~x~~ [^2]\n\n[^2]: note";
    let doc = fr().tokenize(text);
    check(&doc);
    assert_eq!(
        texts(&doc),
        [
            "Promotion",
            "et",
            "protection",
            "à",
            "promouvoir",
            "les",
            "droits",
            "second",
            "premier",
            "SRI",
            "CSIRT",
            "a",
            "b",
            "c",
            "A",
            "&amp;",
            "B",
            "C",
            "code",
            "x",
            "note"
        ]
    );
    let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
    use BlockKind::*;
    assert_eq!(
        kinds,
        [Heading, ListItem, ListItem, ListItem, TableRow, TableRow, Rule, Paragraph, Footnote]
    );
    // table cells and <br> break sentences
    assert_eq!(
        sentences(&doc)[4..10],
        ["SRI", "CSIRT", "a b", "c", "A &amp; B", "C `code` ~~x"]
    );
    assert_eq!(doc.norm(find(&doc, "&amp;")), "&");
    assert_eq!(find(&doc, "&amp;").kind, TokenKind::Symbol);
}

#[test]
fn plain_text_mode_keeps_symbols() {
    let tk = Tokenizer::builder()
        .lang(Some(Lang::FR))
        .markdown(false)
        .build();
    let doc = tk.tokenize("# titre *important*\n- point\n\nsuite");
    check(&doc);
    assert_eq!(
        texts(&doc),
        ["#", "titre", "*", "important", "*", "-", "point", "suite"]
    );
    assert_eq!(doc.blocks.len(), 2);
    assert!(doc.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
    assert_eq!(find(&doc, "*").kind, TokenKind::Symbol);
}

#[test]
fn sentences_never_cross_blocks() {
    let doc = fr().tokenize("## Gouvernance de l'Internet\nRAPPELLE ses récentes conclusions\n- à défendre\n- à promouvoir\n\nFin");
    check(&doc);
    assert_eq!(
        sentences(&doc),
        [
            "Gouvernance de l'Internet",
            "RAPPELLE ses récentes conclusions",
            "à défendre",
            "à promouvoir",
            "Fin"
        ]
    );
    for s in &doc.sentences {
        let b = &doc.blocks[s.block];
        assert!(b.span.start <= s.span.start && s.span.end <= b.span.end);
    }
}

#[test]
fn hard_line_breaks_and_soft_wraps() {
    // seed header: two trailing spaces are hard breaks
    let doc =
        fr().tokenize("CYBER 168  \nTELECOM 263  \nCSDP/PSDC 597\n\nune phrase\ncoupée en deux.");
    check(&doc);
    assert_eq!(
        sentences(&doc),
        [
            "CYBER 168",
            "TELECOM 263",
            "CSDP/PSDC 597",
            "une phrase\ncoupée en deux."
        ]
    );
}

// ---------------------------------------------------------------- norm

#[test]
fn norm_forms() {
    let doc = fr().tokenize("l’Internet cyber\u{AD}sécurité 1\u{A0}000 e\u{301}te\u{301} ÉTATS");
    check(&doc);
    assert_eq!(
        texts(&doc),
        [
            "l’",
            "Internet",
            "cyber\u{AD}sécurité",
            "1\u{A0}000",
            "e\u{301}te\u{301}",
            "ÉTATS"
        ]
    );
    let norms: Vec<String> = doc
        .tokens
        .iter()
        .map(|t| doc.norm(t).into_owned())
        .collect();
    assert_eq!(
        norms,
        ["l'", "Internet", "cybersécurité", "1 000", "été", "ÉTATS"]
    );
    assert!(matches!(
        doc.norm(&doc.tokens[1]),
        std::borrow::Cow::Borrowed(_)
    ));
}

// ---------------------------------------------------------------- sentences

#[test]
fn abbreviations_do_not_split() {
    let doc = fr().tokenize(
        "Voir le doc. 12109/13 et l'art. 4 du traité. Selon M. Dupont, cf. p. 12, etc. Voir aussi par ex. la note. Décision n° 1106 du Conseil.",
    );
    check(&doc);
    assert_eq!(
        sentences(&doc),
        [
            "Voir le doc. 12109/13 et l'art. 4 du traité.",
            "Selon M. Dupont, cf. p. 12, etc.",
            "Voir aussi par ex. la note.",
            "Décision n° 1106 du Conseil."
        ]
    );
    assert_eq!(find(&doc, "n°").kind, TokenKind::Word);
    assert_eq!(find(&doc, "ex.").kind, TokenKind::Word);
}

#[test]
fn com_references_do_not_split() {
    // seed footnote
    let doc = fr().tokenize("<sup>1</sup> doc. 10130/10 et 9981/10 (Communication de la Commission - Une stratégie numérique pour l'Europe (COM(2010) 245 final)).");
    check(&doc);
    assert_eq!(doc.sentences.len(), 1);
    let t = texts(&doc);
    let i = t.iter().position(|x| *x == "COM").unwrap();
    assert_eq!(t[i..i + 6], ["COM", "(", "2010", ")", "245", "final"]);
    assert_eq!(doc.tokens[i].kind, TokenKind::Acronym);
}

#[test]
fn english_abbreviations_initials_and_decimals() {
    let doc = en().tokenize("See e.g. Fig. 3 and No. 5 by J. Smith, i.e. the U.S.A. report. Growth was 1.5 per cent. Prices rose 2.000.000 units. Dr. Who left.");
    check(&doc);
    assert_eq!(
        sentences(&doc),
        [
            "See e.g. Fig. 3 and No. 5 by J. Smith, i.e. the U.S.A. report.",
            "Growth was 1.5 per cent.",
            "Prices rose 2.000.000 units.",
            "Dr. Who left."
        ]
    );
    assert_eq!(find(&doc, "e.g.").kind, TokenKind::Word);
    assert_eq!(find(&doc, "1.5").kind, TokenKind::Number);
    assert!(texts(&doc).contains(&"J."));
}

#[test]
fn dutch_and_german_abbreviations_are_data() {
    let nl = Tokenizer::builder().lang(Some(Lang::NL)).build();
    let doc = nl.tokenize("Dit geldt o.a. voor de lidstaten, d.w.z. alle landen, zie blz. 4 en art. 5. Daarna volgt meer.");
    assert_eq!(doc.sentences.len(), 2, "{:?}", sentences(&doc));
    assert!(texts(&doc).contains(&"d.w.z."));
    let de = Tokenizer::builder().lang(Some(Lang::DE)).build();
    let doc = de.tokenize("Das gilt z.B. für Nr. 5 der Richtlinie. Danach mehr.");
    assert_eq!(doc.sentences.len(), 2, "{:?}", sentences(&doc));
}

#[test]
fn enumerators_are_not_sentences() {
    let tk = Tokenizer::builder()
        .lang(Some(Lang::FR))
        .markdown(false)
        .build();
    let doc = tk.tokenize("1. Lors de la réunion du groupe. Il y est question.");
    assert_eq!(
        sentences(&doc),
        ["1. Lors de la réunion du groupe.", "Il y est question."]
    );
}

// ---------------------------------------------------------------- tokens

#[test]
fn french_elision() {
    let doc = fr().tokenize("l'Internet, l’UE, L'Union, jusqu'à, qu’il, lorsqu'elle, presqu'île, aujourd'hui, quelqu'un, c'est-à-dire");
    check(&doc);
    let t: Vec<&str> = texts(&doc).into_iter().filter(|x| *x != ",").collect();
    assert_eq!(
        t,
        [
            "l'",
            "Internet",
            "l’",
            "UE",
            "L'",
            "Union",
            "jusqu'",
            "à",
            "qu’",
            "il",
            "lorsqu'",
            "elle",
            "presqu'",
            "île",
            "aujourd'hui",
            "quelqu'un",
            "c'",
            "est-à-dire"
        ]
    );
    assert!(find(&doc, "l’").elision && find(&doc, "L'").elision && find(&doc, "jusqu'").elision);
    assert!(!find(&doc, "Internet").elision && !find(&doc, "aujourd'hui").elision);
    assert_eq!(find(&doc, "l’").kind, TokenKind::Word);
}

#[test]
fn english_possessive_and_no_elision() {
    let doc = en().tokenize("the Union's policy, Europe’s role, don't, l'Internet");
    check(&doc);
    assert_eq!(
        texts(&doc),
        [
            "the",
            "Union",
            "'s",
            "policy",
            ",",
            "Europe",
            "’s",
            "role",
            ",",
            "don't",
            ",",
            "l'Internet"
        ]
    );
    assert!(doc.tokens.iter().all(|t| !t.elision));
}

#[test]
fn hyphens_compounds_and_spaced_dashes() {
    let doc = fr().tokenize(
        "cyber-résilience, États-Unis, cyber-incidents, peut-être - Résilience – dissuasion",
    );
    check(&doc);
    assert_eq!(
        texts(&doc),
        [
            "cyber-résilience",
            ",",
            "États-Unis",
            ",",
            "cyber-incidents",
            ",",
            "peut-être",
            "-",
            "Résilience",
            "–",
            "dissuasion"
        ]
    );
    assert_eq!(find(&doc, "-").kind, TokenKind::Punct);
    assert_eq!(find(&doc, "États-Unis").kind, TokenKind::Word);
}

#[test]
fn acronyms() {
    let doc = fr().tokenize(
        "la SRI, le CSIRT, le CERT-UE, la PSDC, en IPv6, par ENISA, dans l'UE, les TIC, le G7, la COM, \
         l'IoT, des PMEs, la COVID-19, l'Union, Le iPhone, SRI CSIRT",
    );
    check(&doc);
    for a in [
        "SRI", "CSIRT", "CERT-UE", "PSDC", "IPv6", "ENISA", "UE", "TIC", "G7", "COM", "IoT",
        "PMEs", "COVID-19",
    ] {
        assert_eq!(find(&doc, a).kind, TokenKind::Acronym, "{a}");
    }
    for w in ["Union", "Le", "iPhone"] {
        assert_eq!(find(&doc, w).kind, TokenKind::Word, "{w}");
    }
}

#[test]
fn shouting_is_not_acronyms() {
    // seed excerpts
    let doc = fr().tokenize("AYANT À L'ESPRIT les récents attentats\n\n## RÉSULTATS DES TRAVAUX\n\nSE FÉLICITE que la directive SRI");
    check(&doc);
    for w in [
        "AYANT",
        "ESPRIT",
        "RÉSULTATS",
        "DES",
        "TRAVAUX",
        "SE",
        "FÉLICITE",
    ] {
        assert_eq!(find(&doc, w).kind, TokenKind::Word, "{w}");
    }
    assert_eq!(find(&doc, "SRI").kind, TokenKind::Acronym);
}

#[test]
fn slashes_split_words_not_numbers() {
    let doc = fr().tokenize("CSDP/PSDC and/or 12109/13 2016/1148 12762/5/16 A/HRC/RES/20/8");
    check(&doc);
    assert_eq!(
        texts(&doc),
        [
            "CSDP",
            "/",
            "PSDC",
            "and",
            "/",
            "or",
            "12109/13",
            "2016/1148",
            "12762/5/16",
            "A",
            "/",
            "HRC",
            "/",
            "RES",
            "/",
            "20/8"
        ]
    );
    assert_eq!(find(&doc, "12762/5/16").kind, TokenKind::Number);
}

#[test]
fn numbers() {
    let doc = fr().tokenize(
        "1\u{A0}000 et 1 000, 1,5 %, 2.000.000, 2015-2020, 12\u{202F}345\u{202F}678 €, 1er, 3e",
    );
    check(&doc);
    assert_eq!(
        texts(&doc),
        [
            "1\u{A0}000",
            "et",
            "1",
            "000",
            ",",
            "1,5",
            "%",
            ",",
            "2.000.000",
            ",",
            "2015-2020",
            ",",
            "12\u{202F}345\u{202F}678",
            "€",
            ",",
            "1er",
            ",",
            "3e"
        ]
    );
    for n in [
        "1\u{A0}000",
        "1,5",
        "2.000.000",
        "2015-2020",
        "12\u{202F}345\u{202F}678",
    ] {
        assert_eq!(find(&doc, n).kind, TokenKind::Number, "{n}");
    }
    assert_eq!(find(&doc, "%").kind, TokenKind::Symbol);
    assert_eq!(find(&doc, "1er").kind, TokenKind::Word);
}

#[test]
fn urls_and_emails() {
    let doc = fr().tokenize(
        "Voir https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016L1148, www.enisa.europa.eu. Écrire à cert-eu@ec.europa.eu (ou <info@example.org>). Voir (https://fr.wikipedia.org/wiki/Cyber_(x)).",
    );
    check(&doc);
    assert_eq!(
        find(
            &doc,
            "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016L1148"
        )
        .kind,
        TokenKind::Url
    );
    assert_eq!(find(&doc, "www.enisa.europa.eu").kind, TokenKind::Url);
    assert_eq!(find(&doc, "cert-eu@ec.europa.eu").kind, TokenKind::Email);
    assert_eq!(find(&doc, "info@example.org").kind, TokenKind::Email);
    assert_eq!(
        find(&doc, "https://fr.wikipedia.org/wiki/Cyber_(x)").kind,
        TokenKind::Url
    );
    assert_eq!(sentences(&doc).len(), 3, "{:?}", sentences(&doc));
}

#[test]
fn soft_hyphen_word_is_one_token() {
    let doc = fr().tokenize("la cyber\u{AD}sécurité et l'inter\u{AD}opérabilité");
    assert_eq!(
        texts(&doc),
        [
            "la",
            "cyber\u{AD}sécurité",
            "et",
            "l'",
            "inter\u{AD}opérabilité"
        ]
    );
}

// ---------------------------------------------------------------- language

const FR_PARA: &str = "Le Conseil souligne la nécessité de traiter la cybersécurité dans le cadre d'une approche cohérente au niveau national, mondial et de l'Union européenne.";
const EN_PARA: &str = "The Council underlines the need to address cybersecurity through a coherent approach at national, global and European Union level.";
const NL_PARA: &str = "De Raad onderstreept dat het noodzakelijk is cyberbeveiliging aan te pakken via een samenhangende aanpak op nationaal en mondiaal niveau.";

#[test]
fn document_and_block_languages() {
    let tk = Tokenizer::new();
    let doc = tk.tokenize(&format!("{FR_PARA}\n\n{EN_PARA}\n\n{NL_PARA}\n\nCYBER 168"));
    assert_eq!(doc.lang_source, LangSource::Identified);
    let langs: Vec<Option<Lang>> = doc.blocks.iter().map(|b| b.lang).collect();
    assert_eq!(
        langs,
        [Some(Lang::FR), Some(Lang::EN), Some(Lang::NL), None]
    );

    let forced = Tokenizer::builder()
        .lang(Some(Lang::EN))
        .build()
        .tokenize(FR_PARA);
    assert_eq!(
        (forced.lang, forced.lang_source),
        (Lang::EN, LangSource::Forced)
    );

    let fallback = tk.tokenize("12 345 --- 678");
    assert_eq!(
        (fallback.lang, fallback.lang_source),
        (Lang::EN, LangSource::Fallback)
    );

    let off = Tokenizer::builder()
        .block_languages(false)
        .build()
        .tokenize(FR_PARA);
    assert_eq!(off.lang, Lang::FR);
    assert_eq!(off.blocks[0].lang, None);
}

#[test]
fn restricted_languages() {
    // Dutch text, but only French and English allowed: one of those is chosen.
    let tk = Tokenizer::builder()
        .languages(&[Lang::FR, Lang::EN])
        .build();
    let doc = tk.tokenize(NL_PARA);
    assert!(doc.lang == Lang::FR || doc.lang == Lang::EN);
    assert_eq!(doc.lang_source, LangSource::Identified);
    // A set whatlang cannot identify: fallback.
    let tk = Tokenizer::builder()
        .languages(&[Lang::new("xx").unwrap()])
        .build();
    assert_eq!(tk.tokenize(FR_PARA).lang_source, LangSource::Fallback);
}

#[test]
fn block_language_selects_resources() {
    // English block inside a French document: the English clitic rule applies there.
    let tk = Tokenizer::new();
    let text = format!("{FR_PARA} {FR_PARA}\n\nThe Union's approach to cybersecurity must remain coherent at the national and global level.");
    let doc = tk.tokenize(&text);
    assert_eq!(doc.lang, Lang::FR);
    assert!(texts(&doc).contains(&"'s"), "{:?}", texts(&doc));
}

// ---------------------------------------------------------------- seed excerpt, end to end

#[test]
fn seed_excerpt_cyber_diplomacy() {
    let text = "SALUE l'adoption de la première série de mesures de confiance dans la cybersécurité dans le cadre de l'OSCE<sup>7</sup> et ATTEND avec intérêt leur mise en œuvre,\n\n---\n\n<sup>6</sup> A/68/98.\n\n<sup>7</sup> Décision n° 1106 du Conseil permanent du 3 décembre 2013 sur la série initiale de mesures de confiance de l'OSCE.\n\n### **Renforcement et développement des cybercapacités**\n\n- à promouvoir, au niveau international, la Convention du Conseil de l'Europe sur la cybercriminalité";
    let doc = fr().tokenize(text);
    check(&doc);
    let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
    use BlockKind::*;
    assert_eq!(
        kinds,
        [Paragraph, Rule, Footnote, Footnote, Heading, ListItem]
    );
    assert_eq!(doc.sentences.len(), 5);
    assert_eq!(find(&doc, "OSCE").kind, TokenKind::Acronym);
    assert_eq!(find(&doc, "68/98").kind, TokenKind::Number);
    assert_eq!(
        doc.sentence_text(&doc.sentences[3]),
        "Renforcement et développement des cybercapacités"
    );
    assert!(!texts(&doc)
        .iter()
        .any(|t| t.contains('*') || t.contains('<') || *t == "#"));
}

#[test]
fn sentence_initial_caps_attested_in_lower_case_are_words() {
    // seed excerpt: Council conclusions open paragraphs with a capitalised verb
    let doc = fr().tokenize("- NOTE qu'un niveau élevé de cyber-résilience\n- SALUE l'adoption\n- ENISA agit\n\nVoir la note de l'ENISA.");
    check(&doc);
    assert_eq!(find(&doc, "NOTE").kind, TokenKind::Word);
    assert_eq!(
        find(&doc, "SALUE").kind,
        TokenKind::Acronym,
        "no lower-case 'salue' in the document"
    );
    assert_eq!(find(&doc, "ENISA").kind, TokenKind::Acronym);
}

#[test]
fn crlf_line_endings() {
    let doc =
        fr().tokenize("# Titre\r\n\r\nLigne un,\r\nsuite.  \r\nAutre ligne\r\n\r\n- point\r\n");
    check(&doc);
    assert_eq!(
        sentences(&doc),
        ["Titre", "Ligne un,\r\nsuite.", "Autre ligne", "point"]
    );
    assert!(doc.tokens.iter().all(|t| !doc.token_text(t).contains('\r')));
    let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Heading,
            BlockKind::Paragraph,
            BlockKind::ListItem
        ]
    );
}

#[test]
fn label_value_lines_and_backslash_breaks() {
    // seed excerpt (2017-11-07): tab-separated label/value lines
    let doc = fr().tokenize("Origine:\tSecrétariat général du Conseil\nDestinataire:\tComité des représentants permanents/Conseil\nN° doc. préc.:\t12762/5/16 REV 5\n\nligne\\\nsuivante");
    check(&doc);
    assert_eq!(
        sentences(&doc),
        [
            "Origine:\tSecrétariat général du Conseil",
            "Destinataire:\tComité des représentants permanents/Conseil",
            "N° doc. préc.:\t12762/5/16 REV 5",
            "ligne",
            "suivante"
        ]
    );
    assert!(!texts(&doc).contains(&"\\"));
}

#[test]
fn tokenizer_is_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Tokenizer>();
    assert_send_sync::<Document>();
    let tk = Tokenizer::default();
    assert!(format!("{tk:?}").contains("markdown: true"));
}
