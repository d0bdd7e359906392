//! The shop's record of practice sessions (migration 013): a score that is not one is
//! refused, rows are never changed or removed, and a store function reads them back.

use chrono::{Duration, NaiveDateTime};
use xsell::report::training::{Part, SessionScore};
use xsell::store::StoreError;

use crate::store_support::{now, setup};

fn score(staff_id: i64, total: u8, finished: NaiveDateTime) -> SessionScore {
    SessionScore {
        staff_id,
        scenario: "laptop-bag".into(),
        seed: 42,
        exam: true,
        total,
        parts: vec![Part {
            name: "timing".into(),
            points: 10,
        }],
        feedback: vec!["Offered at payment: good timing".into()],
        started_at: finished - Duration::minutes(3),
        finished_at: finished,
    }
}

#[test]
fn sessions_are_recorded_and_read_back_oldest_first() {
    let (mut store, ana) = setup();
    store.record_training(&score(ana, 80, now())).unwrap();
    store
        .record_training(&score(ana, 55, now() - Duration::days(1)))
        .unwrap();
    let rows = store.training_sessions(None).unwrap();
    let scores: Vec<u8> = rows.iter().map(|r| r.score).collect();
    assert_eq!(scores, [55, 80]);
    assert_eq!(rows[0].staff_code, "S1");
    assert!(rows[0].exam);
    assert_eq!(rows[0].parts[0].name, "timing");
    assert_eq!(store.training_sessions(Some("s1")).unwrap().len(), 2);
}

#[test]
fn a_score_over_100_an_unknown_trainee_or_an_unknown_code_is_refused() {
    let (mut store, ana) = setup();
    let over = store.record_training(&score(ana, 101, now())).unwrap_err();
    assert!(matches!(over, StoreError::Invalid(_)), "{over}");
    let nobody = store
        .record_training(&score(ana + 99, 50, now()))
        .unwrap_err();
    assert!(nobody.to_string().contains("no staff member"), "{nobody}");
    let code = store.training_sessions(Some("NOPE")).unwrap_err();
    assert!(matches!(code, StoreError::NotFound(_)), "{code}");
    assert!(store.training_sessions(None).unwrap().is_empty());
}

#[test]
fn the_record_is_append_only() {
    let (mut store, ana) = setup();
    store.record_training(&score(ana, 80, now())).unwrap();
    for sql in [
        "UPDATE training_sessions SET score = 100",
        "DELETE FROM training_sessions",
    ] {
        let e = store.conn().execute(sql, []).unwrap_err();
        assert!(e.to_string().contains("append-only"), "{sql}: {e}");
    }
    assert_eq!(store.training_sessions(None).unwrap()[0].score, 80);
}
