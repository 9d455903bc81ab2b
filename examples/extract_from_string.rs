//! Tokenise, tag and mine terms from a string with the termsmith libraries, then write TBX.
//!
//! Run with: `cargo run -p termsmith --example extract_from_string`

use termsmith_glossary::{ConceptEntry, LangSection, TermBase, TermRecord};
use termsmith_mine::Miner;
use termsmith_tag::Tagger;
use termsmith_tokenize::{Lang, Tokenizer};

const TEXT: &str = "\
Les mesures de confiance renforcent la stabilité du cyberespace. La cyber-résilience des \
infrastructures critiques reste une priorité. Les États membres appliquent la directive SRI. \
La directive SRI impose des obligations aux opérateurs de services essentiels. Une mesure de \
confiance supplémentaire est à l'étude; la cyberrésilience progresse.";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // 1. Tokenise: sentences and tokens with byte spans; the language is identified (here: fr).
    let tokenizer = Tokenizer::new();
    let doc = tokenizer.tokenize(TEXT);
    println!(
        "language: {}, {} sentences, {} tokens",
        doc.lang,
        doc.sentences.len(),
        doc.tokens.len()
    );

    // 2. Tag: part of speech and lemma for every token.
    let tags = Tagger::for_lang(doc.lang)?.tag(&doc);

    // 3. Mine: candidates → variant-grouped, scored terms.
    let mut miner = Miner::builder().lang(doc.lang).min_freq(2).build()?;
    miner.add_document("example", &doc, &tags);
    let terms = miner.finish();
    for t in &terms.terms {
        let variants: Vec<&str> = t.variants.iter().map(|v| v.form.as_str()).collect();
        println!(
            "{:>3}. {:<30} freq {}  score {:.3}  variants {:?}",
            t.rank, t.headword, t.freq, t.score, variants
        );
    }

    // 4. Glossary: a TBX-Basic term base.
    let mut tb = TermBase::new(Lang::FR.code(), &[]);
    for (i, t) in terms.terms.iter().enumerate() {
        let mut rec = TermRecord::new(t.headword.clone());
        rec.frequency = u64::from(t.freq);
        let mut entry = ConceptEntry {
            id: format!("c{}", i + 1),
            ..ConceptEntry::default()
        };
        entry.langs.push(LangSection {
            lang: "fr".into(),
            terms: vec![rec],
        });
        entry.apply_default_admin_status();
        tb.entries.push(entry);
    }
    let mut out = Vec::new();
    termsmith_glossary::tbx::write(&tb, termsmith_glossary::tbx::TbxVersion::V3, &mut out)?;
    println!("\nTBX: {} bytes, {} entries", out.len(), tb.entries.len());
    Ok(())
}
