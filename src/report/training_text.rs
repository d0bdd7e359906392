//! Trainees' progress as text: a block per trainee, a row per scenario and per skill with
//! its first, last and best figures and every figure in order. Pure; the command line
//! makes the names safe for the terminal.

use unicode_width::UnicodeWidthStr;

use crate::report::training::{Series, TraineeProgress};

/// How many figures a row lists before it keeps only the latest ones.
const SHOWN: usize = 12;

pub fn table(trainees: &[TraineeProgress]) -> String {
    if trainees.is_empty() {
        return "No training sessions recorded yet.\n".into();
    }
    let mut out = String::new();
    for (i, t) in trainees.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "{} ({}): {} session{}, best {}, latest {}\n",
            t.staff_name,
            t.staff_code,
            t.sessions,
            if t.sessions == 1 { "" } else { "s" },
            t.best,
            t.scores.last().unwrap_or(0),
        ));
        let rows: Vec<(&str, &Series)> = std::iter::once(("score", &t.scores))
            .chain(t.scenarios.iter().map(|s| ("scenario", s)))
            .chain(t.skills.iter().map(|s| ("skill", s)))
            .collect();
        let label = |(kind, s): &(&str, &Series)| {
            if *kind == "score" {
                "all scenarios".to_string()
            } else {
                format!("{kind} {}", s.name)
            }
        };
        let width = rows.iter().map(|r| label(r).width()).max().unwrap_or(0);
        out.push_str(&format!(
            "  {}  {:>5} {:>5} {:>5}  over time\n",
            pad("", width),
            "first",
            "last",
            "best"
        ));
        for row in &rows {
            let s = row.1;
            let best = s.points.iter().map(|p| p.value).max().unwrap_or(0);
            let skipped = s.points.len().saturating_sub(SHOWN);
            let mut figures: Vec<String> = s.points[skipped..]
                .iter()
                .map(|p| p.value.to_string())
                .collect();
            if skipped > 0 {
                figures.insert(0, "…".into());
            }
            out.push_str(&format!(
                "  {}  {:>5} {:>5} {:>5}  {}\n",
                pad(&label(row), width),
                s.first().unwrap_or(0),
                s.last().unwrap_or(0),
                best,
                figures.join(" ")
            ));
        }
    }
    out
}

fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::training::{Part, SessionRow, progress};

    fn row(day: u32, score: u8, relevant: i64) -> SessionRow {
        SessionRow {
            staff_code: "S04".into(),
            staff_name: "Priya Nair".into(),
            scenario: "phone-case".into(),
            seed: 1,
            exam: false,
            score,
            parts: vec![Part {
                name: "relevant offers".into(),
                points: relevant,
            }],
            finished_at: chrono::NaiveDate::from_ymd_opt(2026, 11, day)
                .unwrap()
                .and_hms_opt(10, 0, 0)
                .unwrap(),
        }
    }

    #[test]
    fn a_trainee_reads_as_a_block_of_rows() {
        let text = table(&progress(&[row(2, 72, 30), row(1, 40, 10)]));
        assert_eq!(
            text,
            "Priya Nair (S04): 2 sessions, best 72, latest 72\n\
             \x20                        first  last  best  over time\n\
             \x20 all scenarios             40    72    72  40 72\n\
             \x20 scenario phone-case       40    72    72  40 72\n\
             \x20 skill relevant offers     10    30    30  10 30\n"
        );
    }

    #[test]
    fn a_long_history_shows_its_latest_figures_after_an_ellipsis() {
        let rows: Vec<SessionRow> = (1..=20).map(|d| row(d, d as u8, 0)).collect();
        let text = table(&progress(&rows));
        assert!(
            text.contains("  … 9 10 11 12 13 14 15 16 17 18 19 20\n"),
            "{text}"
        );
        assert_eq!(table(&[]), "No training sessions recorded yet.\n");
    }
}
