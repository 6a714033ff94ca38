//! `ateliers export ics|eml`, `import ics` and `publish caldav`: invitations, calendars,
//! e-mail drafts and the shared calendar from the command line.

use std::path::{Path, PathBuf};

use ateliers::caldav;
use ateliers::fr;
use ateliers::ical::{self, CalendarRequest};
use ateliers::mail;
use ateliers::store::{CaldavSettings, Store};

use super::{atelier_id, no_more, number, take_flag, take_option, Failure};

/// `export ics (--meeting ID [--cancel] | --atelier CODE | --all) --out FILE`.
pub(super) fn export_ics(db: &Path, mut args: Vec<String>) -> Result<(), Failure> {
    let out = take_option(&mut args, "--out")?
        .ok_or_else(|| Failure::Usage("indiquez le fichier avec --out FICHIER".into()))?;
    let meeting = take_option(&mut args, "--meeting")?;
    let atelier = take_option(&mut args, "--atelier")?;
    let all = take_flag(&mut args, "--all");
    let cancel = take_flag(&mut args, "--cancel");
    no_more(&args)?;
    let store = Store::open(db)?;
    let (request, what) = match (meeting, atelier, all) {
        (Some(id), None, false) => {
            let meeting_id = number(&id, "--meeting")?;
            match cancel {
                true => (CalendarRequest::Cancellation { meeting_id }, "L'annulation d'agenda est écrite"),
                false => (CalendarRequest::Invitation { meeting_id }, "L'invitation d'agenda est écrite"),
            }
        }
        (None, Some(code), false) if !cancel => (
            CalendarRequest::Atelier { atelier_id: atelier_id(&store, &code)? },
            "Le calendrier de l'atelier est écrit",
        ),
        (None, None, true) if !cancel => {
            (CalendarRequest::All, "Le calendrier de tous les ateliers est écrit")
        }
        _ => {
            return Err(Failure::Usage(
                "indiquez une seule source : --meeting N [--cancel], --atelier CODE ou --all".into(),
            ))
        }
    };
    let text = request.text(&store)?;
    let written = ical::write_file(&text, Path::new(&out))?;
    println!("{}", written.display());
    eprintln!("{what} dans {}.", written.display());
    Ok(())
}

/// `import ics FILE`.
pub(super) fn import_ics(db: &Path, mut args: Vec<String>) -> Result<(), Failure> {
    let Some(file) = (!args.is_empty()).then(|| PathBuf::from(args.remove(0))) else {
        return Err(Failure::Usage("indiquez le calendrier (.ics) à importer".into()));
    };
    no_more(&args)?;
    let mut store = Store::open(db)?;
    let imported = ical::import_file(&mut store, &file)?;
    eprintln!("{}", fr::typography(&imported.message()));
    println!("added: {}, updated: {}, removed: {}", imported.added, imported.updated, imported.removed);
    Ok(())
}

/// `export eml --meeting ID --out DIR`: the drafts' paths, then the people to convoke by
/// post; with `--grouped`, `--out FILE.eml` is the one draft to the organiser, every address
/// in Bcc, and its path the last line.
pub(super) fn export_eml(db: &Path, mut args: Vec<String>) -> Result<(), Failure> {
    let grouped = take_flag(&mut args, "--grouped");
    let out = take_option(&mut args, "--out")?.ok_or_else(|| match grouped {
        true => Failure::Usage("indiquez le fichier du brouillon avec --out FICHIER.eml".into()),
        false => Failure::Usage("indiquez le dossier avec --out DOSSIER".into()),
    })?;
    let id = take_option(&mut args, "--meeting")?
        .ok_or_else(|| Failure::Usage("indiquez la réunion avec --meeting N".into()))?;
    let id = number(&id, "--meeting")?;
    no_more(&args)?;
    let mut store = Store::open(db)?;
    if grouped {
        let draft = mail::write_grouped_draft(&mut store, id, Path::new(&out))?;
        eprintln!(
            "Brouillon groupé écrit : {} en copie cachée ; ces convocations sont notées envoyées par courriel.",
            fr::count(draft.addresses.len(), "adresse", "adresses")
        );
        if !draft.paper.is_empty() {
            eprintln!(
                "Sans adresse e-mail, à convoquer par courrier ({}) : {}",
                draft.paper.len(),
                draft.paper.join(", ")
            );
        }
        println!("{}", draft.file.display());
        return Ok(());
    }
    let written = mail::write_drafts(&mut store, id, Path::new(&out), &mut |_, _| {})?;
    for file in &written.files {
        println!("{}", file.display());
    }
    eprintln!(
        "{} brouillon(s) d'e-mail écrit(s) dans {} ; ces convocations sont notées envoyées par courriel.",
        written.files.len(),
        written.folder.display()
    );
    if !written.paper.is_empty() {
        eprintln!(
            "Sans adresse e-mail, à convoquer par courrier ({}) : {}",
            written.paper.len(),
            written.paper.join(", ")
        );
    }
    Ok(())
}

/// `publish caldav [--url COLLECTION-URL --user USER] [--dry-run]`: ends with the line
/// `sent: N, removed: M, unchanged: U`; exit 3 when objects changed on the server were left.
pub(super) fn publish(db: &Path, mut args: Vec<String>) -> Result<(), Failure> {
    if args.first().map(String::as_str) != Some("caldav") {
        return Err(Failure::Usage("sous-commande attendue : publish caldav".into()));
    }
    args.remove(0);
    let url = take_option(&mut args, "--url")?;
    let user = take_option(&mut args, "--user")?;
    let dry_run = take_flag(&mut args, "--dry-run");
    no_more(&args)?;
    let mut store = Store::open(db)?;
    if url.is_some() || user.is_some() {
        let saved = store.caldav_settings()?;
        store.save_caldav_settings(CaldavSettings {
            url: url.unwrap_or(saved.url),
            user: user.unwrap_or(saved.user),
        })?;
    }
    let publication = caldav::publish(&mut store, None, dry_run, &mut |_, _| {})?;
    for change in &publication.changes {
        eprintln!("{}", fr::typography(change));
    }
    for conflict in &publication.conflicts {
        eprintln!("ateliers : {}", fr::typography(conflict));
    }
    if dry_run {
        eprintln!("ateliers : essai à blanc, rien n'a été envoyé.");
    }
    println!("{}", publication.summary_line());
    if !publication.conflicts.is_empty() {
        return Err(Failure::Reported(3));
    }
    Ok(())
}
