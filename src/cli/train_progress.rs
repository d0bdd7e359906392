//! `xsell train --progress [--staff CODE] [--format table|csv|json]`: trainees' scores over
//! time, per scenario and per skill, from the store's record of practice sessions. Names
//! come from the shop's files: every format makes them safe for where it goes.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

use super::train::{Format, TrainArgs};
use crate::domain::safe_text::{csv_cell, terminal_lines};
use crate::report::training::{SessionRow, TraineeProgress, progress};
use crate::report::training_text;
use crate::store::Store;

pub fn run(db: &Path, args: &TrainArgs) -> anyhow::Result<()> {
    anyhow::ensure!(db.exists(), "no store at {}", db.display());
    let store = Store::open(db)?;
    let rows = store.training_sessions(args.staff.as_deref())?;
    let out = render(&rows, args.format)?;
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .context("writing the progress")?;
    Ok(())
}

pub fn render(rows: &[SessionRow], format: Format) -> anyhow::Result<String> {
    let trainees = progress(rows);
    Ok(match format {
        Format::Table => terminal_lines(&training_text::table(&trainees)).into_owned(),
        Format::Csv => csv(rows)?,
        Format::Json => json(&trainees, rows)? + "\n",
    })
}

/// One row per session and figure (the score, then each part): what a spreadsheet pivots.
fn csv(rows: &[SessionRow]) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "staff_code",
        "staff_name",
        "finished_at",
        "scenario",
        "seed",
        "exam",
        "part",
        "points",
    ])?;
    for r in rows {
        let finished = r.finished_at.format("%Y-%m-%dT%H:%M:%S").to_string();
        let seed = r.seed.to_string();
        let exam = if r.exam { "yes" } else { "no" };
        let figures = std::iter::once(("score", i64::from(r.score)))
            .chain(r.parts.iter().map(|p| (p.name.as_str(), p.points)));
        for (part, points) in figures {
            w.write_record([
                csv_cell(&r.staff_code).as_ref(),
                csv_cell(&r.staff_name).as_ref(),
                &finished,
                csv_cell(&r.scenario).as_ref(),
                &seed,
                exam,
                csv_cell(part).as_ref(),
                &points.to_string(),
            ])?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

#[derive(serde::Serialize)]
struct Json<'a> {
    trainees: &'a [TraineeProgress],
    sessions: &'a [SessionRow],
}

/// Progress per trainee and the sessions it is made of. JSON escapes every control
/// character itself.
fn json(trainees: &[TraineeProgress], sessions: &[SessionRow]) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(&Json { trainees, sessions })?)
}
