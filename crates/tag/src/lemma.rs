//! Lemmatiser: an exception lexicon (form + UPOS → lemma) on top of suffix-rewrite rules learned per UPOS.
//!
//! A rule says "for a word of this UPOS ending in `suffix`, remove the last `strip` characters and append
//! `append`" (`activités` NOUN: suffix `ités`, strip 1, append `` → `activité`). At lemmatisation the longest
//! known suffix wins. The lexicon stores only the training pairs the rules get wrong, so it stays small.
//! Rules work on lower-cased forms; a per-UPOS case policy (learned from the data: proper nouns keep their
//! case) decides whether the lemma keeps the case of the form.
//!
//! File format (UTF-8 text, gzip-compressed), one record per line, fields separated by tabs:
//!
//! ```text
//! # comment
//! C <UPOS> keep|lower keep|lower   case policy inside a sentence, at a sentence start
//! R <UPOS> <suffix> <strip> <append>   rewrite rule (suffix may be empty: the default for the UPOS)
//! L <form> <UPOS> <lemma>         exception
//! ```

use crate::model::{FormatError, FxBuild};
use crate::upos::Upos;
use std::collections::{BTreeMap, HashMap};

const NT: usize = Upos::COUNT;

/// A suffix-rewrite rule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Rule {
    pub(crate) strip: u8,
    pub(crate) append: String,
}

impl Rule {
    /// The rule turning `form` into `lemma` (both lower-cased), by their longest common prefix.
    pub(crate) fn between(form: &str, lemma: &str) -> Rule {
        let lcp = form
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let strip = form.chars().count() - lcp;
        Rule {
            strip: strip.min(u8::MAX as usize) as u8,
            append: lemma.chars().skip(lcp).collect(),
        }
    }

    /// Applies the rule; `None` if `word` is shorter than `strip`.
    pub(crate) fn apply(&self, word: &str) -> Option<String> {
        let n = word.chars().count();
        let keep = n.checked_sub(self.strip as usize)?;
        let end = word.char_indices().nth(keep).map_or(word.len(), |(i, _)| i);
        let mut s = String::with_capacity(end + self.append.len());
        s.push_str(&word[..end]);
        s.push_str(&self.append);
        Some(s)
    }
}

/// Exception lexicon: form → [(UPOS index, lemma)].
type Lexicon = HashMap<Box<str>, Vec<(u8, Box<str>)>, FxBuild>;

/// The runtime lemmatiser.
#[derive(Debug, Default)]
pub(crate) struct Lemmatizer {
    lexicon: Lexicon,
    rules: Vec<HashMap<Box<str>, Rule, FxBuild>>,
    /// Per UPOS: keep the case of the form [inside a sentence, at a sentence start].
    keep_case: [[bool; 2]; NT],
    /// Per UPOS, the longest rule suffix (characters).
    max_suffix_by_upos: [usize; NT],
}

impl Lemmatizer {
    /// Parses the (uncompressed) text format.
    pub(crate) fn parse(text: &str) -> Result<Lemmatizer, FormatError> {
        let mut l = Lemmatizer {
            rules: vec![HashMap::default(); NT],
            ..Default::default()
        };
        let up = |s: &str, line: usize| {
            s.parse::<Upos>()
                .map_err(|e| FormatError(format!("lemma model line {line}: {e}")))
        };
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            match f.as_slice() {
                ["C", u, mid, first] => {
                    let policy = |p: &str| match p {
                        "keep" => Ok(true),
                        "lower" => Ok(false),
                        _ => Err(FormatError(format!(
                            "lemma model line {n}: bad case policy"
                        ))),
                    };
                    l.keep_case[up(u, n)?.index()] = [policy(mid)?, policy(first)?];
                }
                ["R", u, suf, strip, app] => {
                    let strip: u8 = strip.parse().map_err(|_| {
                        FormatError(format!("lemma model line {n}: bad strip count"))
                    })?;
                    let t = up(u, n)?.index();
                    let len = suf.chars().count();
                    if len > 15 {
                        return Err(FormatError(format!(
                            "lemma model line {n}: suffix too long"
                        )));
                    }
                    l.max_suffix_by_upos[t] = l.max_suffix_by_upos[t].max(len);
                    l.rules[t].insert(
                        (*suf).into(),
                        Rule {
                            strip,
                            append: (*app).to_string(),
                        },
                    );
                }
                ["L", form, u, lemma] => {
                    let t = up(u, n)?.index() as u8;
                    l.lexicon
                        .entry((*form).into())
                        .or_default()
                        .push((t, (*lemma).into()));
                }
                _ => return Err(FormatError(format!("lemma model line {n}: bad record"))),
            }
        }
        Ok(l)
    }

    fn lookup(&self, form: &str, t: u8) -> Option<&str> {
        self.lexicon
            .get(form)?
            .iter()
            .find(|(u, _)| *u == t)
            .map(|(_, l)| &**l)
    }

    /// Lemma predicted by the rules alone.
    pub(crate) fn by_rules(&self, form: &str, upos: Upos, first: bool) -> String {
        let lower: std::borrow::Cow<'_, str> = if form.chars().any(char::is_uppercase) {
            std::borrow::Cow::Owned(form.to_lowercase())
        } else {
            std::borrow::Cow::Borrowed(form)
        };
        let t = upos.index();
        let base: &str = if self.keep_case[t][first as usize] && lower.len() == form.len() {
            form
        } else {
            &lower
        };
        if let Some(rules) = self.rules.get(t) {
            let max = self.max_suffix_by_upos.get(t).copied().unwrap_or(0);
            // Byte offsets of the last `max` characters, longest suffix first.
            let mut starts = [0usize; 16];
            let mut m = 0;
            for (i, _) in lower.char_indices().rev().take(max.min(starts.len())) {
                starts[m] = i;
                m += 1;
            }
            let longest_first = starts[..m].iter().rev().copied();
            for start in longest_first.chain(std::iter::once(lower.len())) {
                if let Some(r) = rules.get(&lower[start..]) {
                    // A rule never erases the whole word.
                    if let Some(s) = r.apply(base).filter(|s| !s.is_empty()) {
                        return s;
                    }
                }
            }
        }
        base.to_string()
    }

    /// The lemma of `form` tagged `upos`; `first`: the word starts a sentence.
    pub(crate) fn lemma(&self, form: &str, upos: Upos, first: bool) -> String {
        let t = upos.index() as u8;
        if let Some(l) = self.lookup(form, t) {
            return l.to_string();
        }
        if form.chars().any(char::is_uppercase) {
            let lower = form.to_lowercase();
            if let Some(l) = self.lookup(&lower, t) {
                return l.to_string();
            }
        }
        self.by_rules(form, upos, first)
    }

    pub(crate) fn n_exceptions(&self) -> usize {
        self.lexicon.values().map(Vec::len).sum()
    }

    pub(crate) fn n_rules(&self) -> usize {
        self.rules.iter().map(HashMap::len).sum()
    }
}

/// Lemma counts, occurrences at a sentence start, occurrences.
type PairStats = (BTreeMap<String, u32>, u32, u32);

/// Collects (form, UPOS, lemma) observations and learns a [`Lemmatizer`] from them.
#[derive(Debug, Default, Clone)]
pub(crate) struct LemmaTrainer {
    /// (form, upos) → (lemma → count, occurrences at a sentence start, occurrences).
    pairs: BTreeMap<(String, u8), PairStats>,
    /// Per UPOS and position (inside, sentence start), for capitalised forms:
    /// [lemma lower-case, lemma capitalised].
    case_counts: [[[u32; 2]; 2]; NT],
}

impl LemmaTrainer {
    /// Records one training token. `first` is true for the first token of a sentence.
    pub(crate) fn add(&mut self, form: &str, upos: Upos, lemma: &str, first: bool) {
        if lemma == "_" && form != "_" || lemma.is_empty() || lemma.contains(['\t', '\n']) {
            return;
        }
        if form.contains(['\t', '\n']) {
            return;
        }
        let t = upos.index();
        if form.chars().next().is_some_and(char::is_uppercase) {
            let up = lemma.chars().next().is_some_and(char::is_uppercase);
            self.case_counts[t][first as usize][up as usize] += 1;
        }
        let e = self.pairs.entry((form.to_string(), t as u8)).or_default();
        *e.0.entry(lemma.to_string()).or_default() += 1;
        e.1 += first as u32;
        e.2 += 1;
    }

    /// Learns the rules and the exception lexicon; returns the model as text.
    pub(crate) fn build(&self, max_suffix: usize, min_count: u32) -> String {
        // Most frequent lemma per (form, upos); ties → smallest lemma (BTreeMap order, strict >).
        let mut best: Vec<(&str, u8, &str, bool)> = Vec::with_capacity(self.pairs.len());
        for ((form, t), (lemmas, firsts, total)) in &self.pairs {
            let mut b: Option<(&str, u32)> = None;
            for (l, &c) in lemmas {
                if b.map_or(true, |(_, bc)| c > bc) {
                    b = Some((l, c));
                }
            }
            if let Some((l, _)) = b {
                best.push((form, *t, l, 2 * firsts > *total));
            }
        }
        // Rule statistics by lower-cased type.
        let mut types: BTreeMap<(String, u8), String> = BTreeMap::new();
        for &(form, t, l, _) in &best {
            types
                .entry((form.to_lowercase(), t))
                .or_insert_with(|| l.to_lowercase());
        }
        let mut stats: Vec<BTreeMap<String, BTreeMap<Rule, u32>>> = vec![BTreeMap::new(); NT];
        for ((form, t), lemma) in &types {
            let r = Rule::between(form, lemma);
            let chars: Vec<(usize, char)> = form.char_indices().collect();
            let n = chars.len();
            let lo = r.strip as usize;
            let hi = max_suffix.min(n).max(lo);
            for k in lo..=hi {
                let start = if k == 0 {
                    form.len()
                } else {
                    chars.get(n.saturating_sub(k)).map_or(0, |&(i, _)| i)
                };
                *stats[*t as usize]
                    .entry(form[start..].to_string())
                    .or_default()
                    .entry(r.clone())
                    .or_default() += 1;
            }
        }
        let mut lem = Lemmatizer {
            rules: vec![HashMap::default(); NT],
            max_suffix_by_upos: [max_suffix; NT],
            ..Default::default()
        };
        let mut keep_case = [[false; 2]; NT];
        for (t, c) in self.case_counts.iter().enumerate() {
            keep_case[t] = [c[0][1] > c[0][0], c[1][1] > c[1][0]];
        }
        lem.keep_case = keep_case;
        let mut kept: Vec<BTreeMap<String, Rule>> = vec![BTreeMap::new(); NT];
        for t in 0..NT {
            let mut by_len: Vec<(&String, &BTreeMap<Rule, u32>)> = stats[t].iter().collect();
            by_len.sort_by(|a, b| {
                a.0.chars()
                    .count()
                    .cmp(&b.0.chars().count())
                    .then(a.0.cmp(b.0))
            });
            for (suf, rules) in by_len {
                let total: u32 = rules.values().sum();
                let mut b: Option<(&Rule, u32)> = None;
                for (r, &c) in rules {
                    if b.map_or(true, |(_, bc)| c > bc) {
                        b = Some((r, c));
                    }
                }
                let Some((rule, _)) = b else { continue };
                if suf.is_empty() {
                    kept[t].insert(String::new(), rule.clone());
                    continue;
                }
                if total < min_count {
                    continue;
                }
                // Effective rule of the longest kept proper suffix.
                let mut parent = None;
                for (i, _) in suf.char_indices().skip(1) {
                    if let Some(r) = kept[t].get(&suf[i..]) {
                        parent = Some(r);
                        break;
                    }
                }
                let parent = parent.or_else(|| kept[t].get(""));
                if parent != Some(rule) {
                    kept[t].insert(suf.clone(), rule.clone());
                }
            }
        }
        for (t, k) in kept.iter().enumerate() {
            lem.rules[t] = k
                .iter()
                .map(|(s, r)| (s.as_str().into(), r.clone()))
                .collect();
        }
        let mut out =
            String::from("# termsmith lemma model: C case policy, R suffix rules, L exceptions\n");
        let policy = |k: bool| if k { "keep" } else { "lower" };
        for (t, k) in keep_case.iter().enumerate() {
            out.push_str(&format!(
                "C\t{}\t{}\t{}\n",
                Upos::ALL[t].as_str(),
                policy(k[0]),
                policy(k[1])
            ));
        }
        for (t, k) in kept.iter().enumerate() {
            for (s, r) in k {
                out.push_str(&format!(
                    "R\t{}\t{}\t{}\t{}\n",
                    Upos::ALL[t].as_str(),
                    s,
                    r.strip,
                    r.append
                ));
            }
        }
        for &(form, t, l, first) in &best {
            let u = Upos::ALL[t as usize];
            if lem.by_rules(form, u, first) != l {
                out.push_str(&format!("L\t{}\t{}\t{}\n", form, u.as_str(), l));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_between_and_apply() {
        let r = Rule::between("activités", "activité");
        assert_eq!(
            r,
            Rule {
                strip: 1,
                append: String::new()
            }
        );
        let r = Rule::between("nationaux", "national");
        assert_eq!(
            r,
            Rule {
                strip: 2,
                append: "l".into()
            }
        );
        assert_eq!(r.apply("régionaux").as_deref(), Some("régional"));
        assert_eq!(
            Rule::between("été", "être").apply("été").as_deref(),
            Some("être")
        );
        assert_eq!(
            Rule {
                strip: 5,
                append: "x".into()
            }
            .apply("abc"),
            None
        );
    }

    fn trained() -> Lemmatizer {
        let mut tr = LemmaTrainer::default();
        for (f, u, l) in [
            ("nationaux", Upos::Adj, "national"),
            ("régionaux", Upos::Adj, "régional"),
            ("principaux", Upos::Adj, "principal"),
            ("activités", Upos::Noun, "activité"),
            ("sociétés", Upos::Noun, "société"),
            ("universités", Upos::Noun, "université"),
            ("chats", Upos::Noun, "chat"),
            ("chiens", Upos::Noun, "chien"),
            ("yeux", Upos::Noun, "œil"),
            ("Paris", Upos::Propn, "Paris"),
            ("Lyon", Upos::Propn, "Lyon"),
            ("Conseil", Upos::Noun, "conseil"),
        ] {
            tr.add(f, u, l, false);
        }
        Lemmatizer::parse(&tr.build(6, 2)).unwrap()
    }

    #[test]
    fn learned_rules_generalise_to_unseen_words() {
        let l = trained();
        assert_eq!(l.lemma("internationaux", Upos::Adj, false), "international");
        assert_eq!(l.lemma("propriétés", Upos::Noun, false), "propriété");
        assert_eq!(l.lemma("maisons", Upos::Noun, false), "maison");
        assert_eq!(l.lemma("Marseille", Upos::Propn, false), "Marseille");
        assert_eq!(l.lemma("Commission", Upos::Noun, false), "commission");
        // Never empty, even when the suffix rule would strip everything.
        assert_eq!(l.lemma("s", Upos::Noun, false), "s");
    }

    #[test]
    fn exceptions_are_looked_up() {
        let l = trained();
        assert_eq!(l.lemma("yeux", Upos::Noun, false), "œil");
        assert_eq!(l.lemma("Yeux", Upos::Noun, false), "œil");
        assert!(l.n_exceptions() >= 1);
        assert!(l.n_rules() >= 2);
    }

    #[test]
    fn bad_text_is_an_error() {
        assert!(Lemmatizer::parse("R\tNOUN\ts\tx\t").is_err());
        assert!(Lemmatizer::parse("Q\t1").is_err());
        assert!(Lemmatizer::parse("C\tFOO\tkeep\tkeep").is_err());
        assert!(Lemmatizer::parse("# only a comment\n").is_ok());
    }
}
