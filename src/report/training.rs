//! Trainees' progress: each finished practice session as the store keeps it, and the
//! scores over time per trainee, per scenario and per skill (a part of the rubric). Pure:
//! the store reads the rows, this arranges them.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::Serialize;

/// The highest score a session can have.
pub const MAX_SCORE: u8 = 100;

/// One part of a score: a skill of the rubric and the points it earned (a penalty is
/// negative).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Part {
    pub name: String,
    pub points: i64,
}

/// How a practice session ended, as it is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionScore {
    pub staff_id: i64,
    pub scenario: String,
    pub seed: u64,
    /// Part of an exam (a fixed seed and set of scenarios with a pass mark).
    pub exam: bool,
    /// Out of `MAX_SCORE`.
    pub total: u8,
    /// In the rubric's order.
    pub parts: Vec<Part>,
    pub feedback: Vec<String>,
    pub started_at: NaiveDateTime,
    pub finished_at: NaiveDateTime,
}

impl SessionScore {
    /// What a score must be before it is recorded.
    pub fn check(&self) -> Result<(), String> {
        if self.total > MAX_SCORE {
            return Err(format!("a score of {} is over {MAX_SCORE}", self.total));
        }
        if self.scenario.trim().is_empty() {
            return Err("a session needs its scenario's id".into());
        }
        if self.finished_at < self.started_at {
            return Err(format!(
                "a session cannot finish ({}) before it started ({})",
                self.finished_at, self.started_at
            ));
        }
        if let Some(p) = self.parts.iter().find(|p| p.name.trim().is_empty()) {
            return Err(format!("a part of {} points has no name", p.points));
        }
        Ok(())
    }
}

/// A recorded session with who played it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionRow {
    pub staff_code: String,
    pub staff_name: String,
    pub scenario: String,
    pub seed: u64,
    pub exam: bool,
    pub score: u8,
    pub parts: Vec<Part>,
    pub finished_at: NaiveDateTime,
}

/// A score at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Point {
    pub at: NaiveDateTime,
    pub value: i64,
}

/// One line of a trainee's progress: a scenario's scores, or a skill's points, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Series {
    pub name: String,
    pub points: Vec<Point>,
}

impl Series {
    pub fn first(&self) -> Option<i64> {
        self.points.first().map(|p| p.value)
    }
    pub fn last(&self) -> Option<i64> {
        self.points.last().map(|p| p.value)
    }
}

/// A trainee's scores over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TraineeProgress {
    pub staff_code: String,
    pub staff_name: String,
    pub sessions: usize,
    pub best: u8,
    /// Every session's total, oldest first.
    pub scores: Series,
    /// Per scenario, by id.
    pub scenarios: Vec<Series>,
    /// Per skill (part of the rubric), in the order the rubric first gave them.
    pub skills: Vec<Series>,
}

/// Every trainee's progress, by staff code.
pub fn progress(rows: &[SessionRow]) -> Vec<TraineeProgress> {
    let mut by_staff: BTreeMap<&str, Vec<&SessionRow>> = BTreeMap::new();
    for row in rows {
        by_staff.entry(&row.staff_code).or_default().push(row);
    }
    by_staff
        .into_values()
        .map(|mut sessions| {
            // Oldest first; two sessions finished in the same second keep a fixed order.
            sessions.sort_by(|a, b| {
                (a.finished_at, &a.scenario, a.seed).cmp(&(b.finished_at, &b.scenario, b.seed))
            });
            trainee(&sessions)
        })
        .collect()
}

fn trainee(sessions: &[&SessionRow]) -> TraineeProgress {
    let first = sessions[0];
    let point = |s: &SessionRow, value: i64| Point {
        at: s.finished_at,
        value,
    };
    let mut scenarios: BTreeMap<&str, Vec<Point>> = BTreeMap::new();
    let mut skills: Vec<Series> = Vec::new();
    for s in sessions {
        scenarios
            .entry(&s.scenario)
            .or_default()
            .push(point(s, i64::from(s.score)));
        for part in &s.parts {
            match skills.iter_mut().find(|k| k.name == part.name) {
                Some(k) => k.points.push(point(s, part.points)),
                None => skills.push(Series {
                    name: part.name.clone(),
                    points: vec![point(s, part.points)],
                }),
            }
        }
    }
    TraineeProgress {
        staff_code: first.staff_code.clone(),
        staff_name: first.staff_name.clone(),
        sessions: sessions.len(),
        best: sessions.iter().map(|s| s.score).max().unwrap_or(0),
        scores: Series {
            name: "score".into(),
            points: sessions
                .iter()
                .map(|s| point(s, i64::from(s.score)))
                .collect(),
        },
        scenarios: scenarios
            .into_iter()
            .map(|(name, points)| Series {
                name: name.to_string(),
                points,
            })
            .collect(),
        skills,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, day)
            .unwrap()
            .and_hms_opt(15, 0, 0)
            .unwrap()
    }

    fn row(code: &str, scenario: &str, day: u32, score: u8, parts: &[(&str, i64)]) -> SessionRow {
        SessionRow {
            staff_code: code.into(),
            staff_name: code.to_lowercase(),
            scenario: scenario.into(),
            seed: 1,
            exam: false,
            score,
            parts: parts
                .iter()
                .map(|(n, p)| Part {
                    name: (*n).into(),
                    points: *p,
                })
                .collect(),
            finished_at: at(day),
        }
    }

    #[test]
    fn scores_are_arranged_per_trainee_scenario_and_skill_oldest_first() {
        let rows = vec![
            row(
                "PRIYA",
                "phone-easy",
                3,
                70,
                &[("relevant", 30), ("pressure", -10)],
            ),
            row("TOM", "phone-easy", 1, 50, &[("relevant", 20)]),
            row(
                "PRIYA",
                "phone-easy",
                1,
                40,
                &[("relevant", 10), ("pressure", -20)],
            ),
            row(
                "PRIYA",
                "laptop-hard",
                2,
                55,
                &[("relevant", 25), ("timing", 5)],
            ),
        ];
        let p = progress(&rows);
        assert_eq!(p.len(), 2);
        let priya = &p[0];
        assert_eq!(priya.staff_code, "PRIYA");
        assert_eq!((priya.sessions, priya.best), (3, 70));
        let values = |s: &Series| s.points.iter().map(|p| p.value).collect::<Vec<_>>();
        assert_eq!(values(&priya.scores), [40, 55, 70]);
        assert_eq!(priya.scenarios[0].name, "laptop-hard");
        assert_eq!(values(&priya.scenarios[1]), [40, 70]);
        let skills: Vec<_> = priya
            .skills
            .iter()
            .map(|s| (s.name.as_str(), values(s)))
            .collect();
        assert_eq!(
            skills,
            [
                ("relevant", vec![10, 25, 30]),
                ("pressure", vec![-20, -10]),
                ("timing", vec![5])
            ]
        );
        assert_eq!(priya.skills[0].first(), Some(10));
        assert_eq!(priya.skills[0].last(), Some(30));
        assert_eq!(p[1].sessions, 1);
    }

    #[test]
    fn a_score_is_checked_before_it_is_kept() {
        let good = SessionScore {
            staff_id: 1,
            scenario: "phone-easy".into(),
            seed: 7,
            exam: false,
            total: 100,
            parts: vec![Part {
                name: "relevant".into(),
                points: 40,
            }],
            feedback: Vec::new(),
            started_at: at(1),
            finished_at: at(1),
        };
        assert_eq!(good.check(), Ok(()));
        let over = SessionScore {
            total: 101,
            ..good.clone()
        };
        assert!(over.check().unwrap_err().contains("101"));
        let backwards = SessionScore {
            finished_at: at(1) - chrono::Duration::seconds(1),
            ..good.clone()
        };
        assert!(backwards.check().unwrap_err().contains("before it started"));
        let nameless = SessionScore {
            parts: vec![Part {
                name: " ".into(),
                points: 3,
            }],
            ..good.clone()
        };
        assert!(nameless.check().is_err());
        let no_scenario = SessionScore {
            scenario: "".into(),
            ..good
        };
        assert!(no_scenario.check().is_err());
    }
}
