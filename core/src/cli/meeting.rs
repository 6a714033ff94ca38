//! `ateliers meeting …` and `ateliers attendance …`: planning meetings and recording who
//! came, from the command line.

use std::path::Path;

use ateliers::model::attendance::AttendanceInput;
use ateliers::model::meeting::{MeetingInput, MeetingKind};
use ateliers::store::Store;
use ateliers::{fr, Error};

use super::{atelier_id, no_more, number, take_flag, take_option, Failure};

/// Exit status of a meeting refused because of its conflicts.
const CONFLICT_EXIT: u8 = 3;

/// `meeting add|move|cancel|held|delete …`.
pub(super) fn meeting(db: &Path, mut args: Vec<String>) -> Result<(), Failure> {
    let Some(action) = (!args.is_empty()).then(|| args.remove(0)) else {
        return Err(Failure::Usage(
            "sous-commande attendue : meeting add, move, cancel, held ou delete".into(),
        ));
    };
    match action.as_str() {
        "add" => add(db, args),
        "move" => move_meeting(db, args),
        "delete" => {
            let id = meeting_id(&mut args)?;
            no_more(&args)?;
            let mut store = Store::open(db)?;
            let what = fr::capitalise(&store.meeting(id)?.describe());
            store.delete_meeting(id)?;
            eprintln!("{}", fr::typography(&format!("{what} est supprimée.")));
            Ok(())
        }
        "cancel" | "held" => {
            let id = meeting_id(&mut args)?;
            let following = action == "cancel" && take_flag(&mut args, "--following");
            no_more(&args)?;
            let mut store = Store::open(db)?;
            if action == "cancel" {
                let cancelled =
                    if following { store.cancel_following(id)? } else { vec![store.cancel_meeting(id)?] };
                for m in &cancelled {
                    eprintln!(
                        "{}",
                        fr::typography(&format!(
                            "{} est annulée (séquence {}).",
                            fr::capitalise(&m.describe()),
                            m.ical_sequence
                        ))
                    );
                }
            } else {
                let held = store.mark_meeting_held(id)?;
                eprintln!(
                    "{}",
                    fr::typography(&format!(
                        "{} est marquée tenue.",
                        fr::capitalise(&held.meeting.describe())
                    ))
                );
                for (_, what) in held.releves_to_validate {
                    eprintln!("{}", fr::typography(&format!("{what} peut être validé à cette séance.")));
                }
            }
            Ok(())
        }
        other => Err(Failure::Usage(format!(
            "« meeting {other} » est inconnu : add, move, cancel, held ou delete"
        ))),
    }
}

/// `meeting add --atelier CODE --start "…" --end "…" --place TEXT [--kind K] [--convoke C]
/// [--repeat RRULE] [--force]`: prints the new meeting's id alone on its last line (a
/// series: each meeting's id on its own line, in order).
fn add(db: &Path, mut args: Vec<String>) -> Result<(), Failure> {
    let code = take_option(&mut args, "--atelier")?
        .ok_or_else(|| Failure::Usage("--atelier est obligatoire".into()))?;
    let (start, end) = times(&mut args)?;
    let place =
        take_option(&mut args, "--place")?.ok_or_else(|| Failure::Usage("--place est obligatoire".into()))?;
    let kind = take_option(&mut args, "--kind")?.unwrap_or_else(|| "seance".into()).replace('-', "_");
    let convoke = take_option(&mut args, "--convoke")?.unwrap_or_default();
    let repeat = take_option(&mut args, "--repeat")?;
    let force = take_flag(&mut args, "--force");
    no_more(&args)?;
    let mut store = Store::open(db)?;
    let atelier = atelier_id(&store, &code)?;
    // A séance takes the atelier's next number; other kinds have none.
    let session_number = match MeetingKind::parse(&kind) {
        Some(MeetingKind::Seance) => store.next_session_number(atelier)?.to_string(),
        _ => String::new(),
    };
    let input = MeetingInput {
        atelier_id: atelier,
        session_number,
        kind,
        place,
        convoke,
        ..with_times(MeetingInput::default(), start, end)
    };
    if let Some(rule) = repeat {
        let series = store.create_series(input, &rule, force).map_err(conflicts)?;
        if let (Some(first), Some(last)) = (series.first(), series.last()) {
            let info = store.meeting_series(first.id)?.map(|s| s.description).unwrap_or(rule);
            eprintln!(
                "{}",
                fr::typography(&format!(
                    "La série « {info} » de l'atelier {} a été planifiée : {}, du {} au {}.",
                    first.atelier,
                    fr::count(series.len(), "réunion", "réunions"),
                    fr::long_date_time(first.start_local()),
                    fr::long_date_time(last.start_local())
                ))
            );
        }
        for meeting in &series {
            println!("{}", meeting.id);
        }
        return Ok(());
    }
    let meeting = store.create_meeting(input, force).map_err(conflicts)?;
    eprintln!("{}", fr::typography(&format!("{} a été planifiée.", fr::capitalise(&meeting.describe()))));
    println!("{}", meeting.id);
    Ok(())
}

/// `meeting move ID --start "…" --end "…" [--place TEXT] [--following] [--force]`; with
/// `--following`, every meeting of its series that follows moves the same way.
fn move_meeting(db: &Path, mut args: Vec<String>) -> Result<(), Failure> {
    let id = meeting_id(&mut args)?;
    let (start, end) = times(&mut args)?;
    let place = take_option(&mut args, "--place")?;
    let following = take_flag(&mut args, "--following");
    let force = take_flag(&mut args, "--force");
    no_more(&args)?;
    let mut store = Store::open(db)?;
    let current = store.meeting(id)?;
    let mut input = with_times(MeetingInput::from_meeting(&current), start, end);
    if let Some(place) = place {
        input.place = place;
    }
    let moved = if following {
        store.update_following(id, input, force).map_err(conflicts)?
    } else {
        vec![store.update_meeting(id, input, force).map_err(conflicts)?]
    };
    for m in moved {
        eprintln!(
            "{}",
            fr::typography(&format!(
                "La réunion n° {} a lieu désormais le {} (séquence {}).",
                m.id,
                fr::long_date_time(m.start_local()),
                m.ical_sequence
            ))
        );
    }
    Ok(())
}

/// `attendance --meeting ID --person ID --status S [--by ID]`.
pub(super) fn attendance(db: &Path, mut args: Vec<String>) -> Result<(), Failure> {
    let required = |args: &mut Vec<String>, name: &str| {
        take_option(args, name)?.ok_or_else(|| Failure::Usage(format!("{name} est obligatoire")))
    };
    let meeting = number(&required(&mut args, "--meeting")?, "--meeting")?;
    let person_id = number(&required(&mut args, "--person")?, "--person")?;
    let status = required(&mut args, "--status")?;
    let by_person_id = take_option(&mut args, "--by")?.map(|b| number(&b, "--by")).transpose()?;
    no_more(&args)?;
    let mut store = Store::open(db)?;
    let sheet = store.record_attendance(
        meeting,
        AttendanceInput { person_id, status: status.clone(), by_person_id, ..AttendanceInput::default() },
    )?;
    eprintln!(
        "{}",
        fr::typography(&format!(
            "Présence de la personne n° {person_id} à la réunion n° {meeting} : {status} ({} présent(s)).",
            sheet.present_count
        ))
    );
    for name in &sheet.required_absent {
        eprintln!(
            "{}",
            fr::typography(&format!("À reporter : {name}, dont la présence est requise, est absent(e)."))
        );
    }
    Ok(())
}

fn meeting_id(args: &mut Vec<String>) -> Result<i64, Failure> {
    match (!args.is_empty()).then(|| args.remove(0)) {
        Some(id) => number(&id, "le numéro de la réunion"),
        None => Err(Failure::Usage("indiquez le numéro de la réunion".into())),
    }
}

/// `--start` and `--end` as « AAAA-MM-JJ HH:MM ».
fn times(args: &mut Vec<String>) -> Result<(String, String), Failure> {
    let mut one = |name: &str| -> Result<String, Failure> {
        take_option(args, name)?
            .ok_or_else(|| Failure::Usage(format!("{name} « AAAA-MM-JJ HH:MM » est obligatoire")))
    };
    Ok((one("--start")?, one("--end")?))
}

/// `input` with the date and times of `start` and `end` (« AAAA-MM-JJ HH:MM »).
fn with_times(input: MeetingInput, start: String, end: String) -> MeetingInput {
    let split = |text: &str| {
        let (date, time) = text.trim().split_once(' ').unwrap_or((text.trim(), ""));
        (date.to_string(), time.trim().to_string())
    };
    let (date, start_time) = split(&start);
    let (end_date, end_time) = split(&end);
    MeetingInput { date, start_time, end_date, end_time, ..input }
}

/// Conflicts are listed on stderr, one per line, and exit with status 3.
fn conflicts(error: Error) -> Failure {
    match error {
        Error::Conflicts(list) => {
            eprintln!(
                "ateliers : la réunion n'a pas été enregistrée, elle est en conflit ({}) :",
                list.len()
            );
            for conflict in list {
                eprintln!("  - réunion n° {} : {}", conflict.meeting.id, fr::typography(&conflict.message));
            }
            eprintln!("ateliers : relancez avec --force pour l'enregistrer malgré tout.");
            Failure::Reported(CONFLICT_EXIT)
        }
        other => Failure::Core(other),
    }
}
