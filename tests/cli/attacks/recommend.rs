//! `recommend --stdin` fed what a broken or hostile client sends: a cart of 30,000 copies of
//! one SKU, a line of many megabytes, more SKUs than any cart, errors that would echo it all.

use std::io::Write;
use std::process::Stdio;

fn serve(db: &std::path::Path, input: Vec<u8>) -> Vec<String> {
    let mut child = crate::run_support::xsell()
        .arg("--db")
        .arg(db)
        .args(["recommend", "--stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn a_cart_of_thirty_thousand_copies_of_one_sku_is_one_sku() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::till_support::demo_store(dir.path());
    let copies = |n| vec!["\"UB15-16\""; n].join(",");
    let input = format!(
        "{{\"cart\":[{}]}}\n{{\"cart\":[{}]}}\n{{\"cart\":[\"UB15-16\"]}}\n",
        copies(30_000),
        copies(5_000)
    );
    let answers = serve(&db, input.into_bytes());
    assert_eq!(answers.len(), 3);
    // 30,000 copies do not fit in a line; 5,000 do, and are the same as one.
    assert!(answers[0].contains("line longer than"), "{}", answers[0]);
    assert!(answers[1].starts_with("{\"items\":["), "{}", answers[1]);
    assert_eq!(answers[1], answers[2]);
}

#[test]
fn a_line_of_many_megabytes_is_refused_briefly_and_the_stream_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::till_support::demo_store(dir.path());
    let mut input = b"{\"cart\":[\"".to_vec();
    input.extend(std::iter::repeat_n(b'A', 20 << 20));
    input.extend(b"\"]}\n{\"cart\":[\"UB15-16\"],\"k\":\"");
    input.extend(std::iter::repeat_n(b'k', 50_000));
    input.extend(b"\"}\n{\"cart\":[\"UB15-16\"]}\n");
    let answers = serve(&db, input);
    assert_eq!(answers.len(), 3, "{answers:?}");
    assert!(
        answers[0].contains("line longer than 65536 bytes"),
        "{}",
        answers[0]
    );
    assert!(
        answers[1].starts_with("{\"error\":\"bad query"),
        "{}",
        answers[1]
    );
    for a in &answers[..2] {
        assert!(
            a.len() < 200,
            "an error echoes its input: {} bytes",
            a.len()
        );
    }
    assert!(answers[2].starts_with("{\"items\":["), "{}", answers[2]);
}

#[test]
fn a_cart_of_more_different_skus_than_any_basket_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::till_support::demo_store(dir.path());
    let many: Vec<String> = (0..101).map(|i| format!("\"NOPE-{i}\"")).collect();
    let long_unknown = format!("\"{}\"", "Z".repeat(5_000));
    let input = format!(
        "{{\"cart\":[{}]}}\n{{\"cart\":[{long_unknown}]}}\n",
        many.join(",")
    );
    let answers = serve(&db, input.into_bytes());
    assert!(
        answers[0].contains("101 different SKUs (at most 100)"),
        "{}",
        answers[0]
    );
    assert!(
        answers[1].contains("unknown sku") && answers[1].len() < 200,
        "{}",
        answers[1]
    );
}
