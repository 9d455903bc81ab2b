//! End-to-end tests of the `termsmith` command: the README's glossary command, bad inputs, exit codes,
//! atomic output and determinism.

mod common;

use std::fs;
use std::path::Path;

use common::{termsmith, workspace_root};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

/// `termsmith extract seeds/ --termbase <the reference term base>`, run from the workspace root.
fn seeds_with_termbase() -> std::process::Command {
    let mut cmd = termsmith();
    cmd.current_dir(workspace_root()).args([
        "extract",
        "seeds/",
        "--termbase",
        "glossaries/eu-cyber-policy.fr-en.tbx",
    ]);
    cmd
}

const FR_TEXT: &str = "La cyber-résilience des réseaux est une priorité. Les mesures de confiance renforcent la \
cyber-résilience. Les mesures de confiance entre États sont utiles. La directive SRI impose des obligations. \
La directive SRI concerne les opérateurs de services essentiels. Les opérateurs de services essentiels notifient les incidents.\n";

#[test]
fn seeds_glossary_has_the_key_terms_in_the_top_60() {
    let out = common::run_ok(termsmith().current_dir(workspace_root()).args([
        "extract", "seeds/", "--format", "list", "--top", "100", "--quiet",
    ]));
    let list = String::from_utf8(out.stdout).unwrap();
    let terms: Vec<String> = list.lines().map(|l| l.to_lowercase()).collect();
    assert!(
        terms.len() <= 100 && terms.len() >= 50,
        "{} terms",
        terms.len()
    );
    // The foundation's key terms must rank in the top 60.
    let has = |wanted: &[&str]| wanted.iter().any(|w| terms.iter().take(60).any(|t| t == w));
    for wanted in [
        &["cyber-résilience", "cyberrésilience", "cyber résilience"][..],
        &["directive sri"],
        &["csirt", "csirts"],
        &["mesures de confiance", "mesure de confiance"],
        &["cyberdiplomatie"],
        &["gouvernance de l'internet"],
        &["enisa"],
        &["renforcement des cybercapacités"],
    ] {
        assert!(has(wanted), "none of {wanted:?} in the top 60:\n{list}");
    }
    // No junk: markup residue, footnote digits, lone function words, page furniture.
    for t in &terms {
        assert!(t.chars().any(char::is_alphabetic), "junk term {t:?}");
        for junk in [
            "sup", "le", "la", "les", "de", "des", "du", "et", "fr", "**", "---",
        ] {
            assert_ne!(t, junk, "junk term {t:?}");
        }
        assert!(
            !t.contains('<') && !t.contains('>') && !t.contains('*'),
            "markup in {t:?}"
        );
    }
}

#[test]
fn readme_command_writes_tbx_and_csv_atomically_and_deterministically() {
    let dir = tempfile::tempdir().unwrap();
    let run = |tag: &str| {
        let tbx = dir.path().join(format!("{tag}.tbx"));
        let csv = dir.path().join(format!("{tag}.csv"));
        common::run_ok(
            seeds_with_termbase()
                .args(["--quiet", "-o"])
                .arg(&tbx)
                .arg("-o")
                .arg(&csv),
        );
        (fs::read(&tbx).unwrap(), fs::read(&csv).unwrap())
    };
    let (tbx1, csv1) = run("a");
    let (tbx2, csv2) = run("b");
    assert!(tbx1 == tbx2 && csv1 == csv2, "two runs differ");
    let tbx = String::from_utf8(tbx1).unwrap();
    assert!(tbx.contains("urn:iso:std:iso:30042:ed-2"));
    assert!(
        tbx.contains("<langSec xml:lang=\"en\">"),
        "no English equivalents from the term base"
    );
    let csv = String::from_utf8(csv1).unwrap();
    let header = csv.lines().next().unwrap();
    for col in [
        "term",
        "language",
        "variants",
        "frequency",
        "doc_frequency",
        "score",
        "context",
        "sources",
        "en_equivalent",
    ] {
        assert!(
            header.split(',').any(|h| h == col),
            "CSV header lacks {col}: {header}"
        );
    }
    common::validate_tbx(&dir.path().join("a.tbx"));
    common::validate_csv(&dir.path().join("a.csv"));
}

#[test]
fn equivalent_count_covers_the_listed_terms_only() {
    // The term base holds terms found in the seeds below the top 20: they must not be counted.
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("top.csv");
    let out = common::run_ok(
        seeds_with_termbase()
            .args(["--top", "20", "-o"])
            .arg(&csv_path),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .find(|l| l.contains("terms have en equivalents"))
        .unwrap_or_else(|| panic!("no equivalent count in:\n{stderr}"));
    let mut rdr = csv::Reader::from_path(&csv_path).unwrap();
    let col = rdr
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "en_equivalent")
        .unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let with_en = rows.iter().filter(|r| !r[col].is_empty()).count();
    assert_eq!(rows.len(), 20);
    assert!(with_en > 0, "no equivalents");
    assert!(
        line.ends_with(&format!("{with_en} of 20 terms have en equivalents")),
        "{line}"
    );
}

#[test]
fn tbx_v2_output_passes_the_validator_and_loads_in_translate_toolkit() {
    let dir = tempfile::tempdir().unwrap();
    let tbx = dir.path().join("g2.tbx");
    common::run_ok(
        seeds_with_termbase()
            .args(["--tbx-version", "2", "--top", "80", "--quiet", "-o"])
            .arg(&tbx),
    );
    assert!(fs::read_to_string(&tbx).unwrap().contains("<martif"));
    common::validate_tbx(&tbx);
}

#[test]
fn utf16_and_bom_inputs_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in FR_TEXT.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    write(dir.path(), "a.txt", &utf16);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(FR_TEXT.as_bytes());
    write(dir.path(), "b.txt", &bom);
    let out = common::run_ok(
        termsmith()
            .args(["extract", "--lang", "fr", "-f", "list", "--quiet"])
            .arg(dir.path()),
    );
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(
        list.lines()
            .any(|l| l.eq_ignore_ascii_case("mesures de confiance")),
        "{list}"
    );
}

#[test]
fn explicit_bad_files_fail_with_a_message_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 2] = [
        ("binary.txt", b"abc\x00\x01\x02def", "binary.txt"),
        ("latin1.txt", b"caf\xe9 cr\xe8me", "latin1.txt"),
    ];
    for (name, bytes, needle) in cases {
        let p = write(dir.path(), name, bytes);
        let out = termsmith()
            .args(["extract", "--quiet"])
            .arg(&p)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(needle) && err.contains("byte"),
            "{name}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn empty_file_is_a_warning_and_nothing_left_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.txt", b"");
    let good = write(dir.path(), "good.txt", FR_TEXT.as_bytes());
    let out = termsmith()
        .args(["extract", "--lang", "fr", "-f", "list"])
        .arg(&empty)
        .arg(&good)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty.txt: skipped: the file is empty"));
    let out = termsmith().args(["extract"]).arg(&empty).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no text to read"));
}

#[test]
fn directory_without_text_and_missing_path_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "image.png", b"\x89PNG\r\n");
    let out = termsmith()
        .args(["extract"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds no text files"));

    let missing = dir.path().join("nope.txt");
    let out = termsmith()
        .args(["extract"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.txt"));
}

#[test]
fn unwritable_output_fails_and_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", FR_TEXT.as_bytes());
    let target = dir.path().join("no-such-dir").join("out.tbx");
    let out = termsmith()
        .args(["extract", "--lang", "fr"])
        .arg(&good)
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("out.tbx"));
    assert!(!target.exists());
}

#[test]
fn the_default_glossary_holds_nouns_and_pos_all_brings_back_the_rest() {
    let run = |extra: &[&str]| {
        let mut args = vec![
            "extract", "seeds/", "--format", "csv", "--top", "400", "--quiet",
        ];
        args.extend_from_slice(extra);
        let out = common::run_ok(termsmith().current_dir(workspace_root()).args(&args));
        let text = String::from_utf8(out.stdout).unwrap();
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        let header = rows.headers().unwrap().clone();
        let pos = header.iter().position(|h| h == "part_of_speech").unwrap();
        rows.records()
            .map(|r| r.unwrap()[pos].to_string())
            .collect::<Vec<_>>()
    };
    let default = run(&[]);
    assert_eq!(default.len(), 400, "--top applies after the selection");
    assert!(
        default
            .iter()
            .all(|p| p == "noun" || p == "properNoun" || p.is_empty()),
        "{default:?}"
    );
    let all = run(&["--pos", "all"]);
    assert!(
        all.iter().any(|p| p == "verb") && all.iter().any(|p| p == "adjective"),
        "{all:?}"
    );
    let verbs = run(&["--pos", "verb"]);
    assert!(
        !verbs.is_empty() && verbs.iter().all(|p| p == "verb"),
        "{verbs:?}"
    );
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &["extract", "--format", "docx"][..],
        &["extract", "--lang", "xx1"],
        &["frobnicate"],
        &["extract", "--target", "en:x"],
        &["extract", "--pos", "nouns"],
    ] {
        let out = termsmith().args(args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn update_and_merge_keep_every_entry_and_stay_valid() {
    let dir = tempfile::tempdir().unwrap();
    let root = workspace_root();
    let old = dir.path().join("old.tbx");
    let updated = dir.path().join("updated.tbx");
    let merged = dir.path().join("merged.tbx");
    let seeds = root.join("seeds/fr");
    let mut files: Vec<_> = fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let run = |args: &[&std::ffi::OsStr]| {
        let out = common::run_ok(termsmith().args(args));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    run(&[
        "extract".as_ref(),
        files[0].as_os_str(),
        "--lang".as_ref(),
        "fr".as_ref(),
        "-o".as_ref(),
        old.as_os_str(),
    ]);
    let report = run(&[
        "extract".as_ref(),
        files[1].as_os_str(),
        "--lang".as_ref(),
        "fr".as_ref(),
        "--update".as_ref(),
        old.as_os_str(),
        "-o".as_ref(),
        updated.as_os_str(),
    ]);
    assert!(
        report.contains("added") && report.contains("unchanged"),
        "{report}"
    );
    let reference = root.join("glossaries/eu-cyber-policy.fr-en.tbx");
    run(&[
        "merge".as_ref(),
        old.as_os_str(),
        reference.as_os_str(),
        "-o".as_ref(),
        merged.as_os_str(),
    ]);
    let count = |p: &Path| {
        fs::read_to_string(p)
            .unwrap()
            .matches("<conceptEntry")
            .count()
    };
    assert!(count(&updated) >= count(&old), "update lost entries");
    assert!(
        count(&merged) >= count(&old).max(count(&reference)),
        "merge lost entries"
    );
    // Terms of both inputs survive the merge.
    let merged_text = fs::read_to_string(&merged).unwrap();
    for t in ["<term>cyberdiplomatie</term>", "<term>NIS Directive</term>"] {
        assert!(merged_text.contains(t), "{t} lost in the merge");
    }
    common::validate_tbx(&updated);
    common::validate_tbx(&merged);
}
